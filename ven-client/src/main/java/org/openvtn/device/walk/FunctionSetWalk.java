package org.openvtn.device.walk;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openvtn.device.SepDeviceException;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.device.engine.ProgramView;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.DemandResponseProgram;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.Link;
import org.openvtn.schemas.sep.SubscribableResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of the discovery walk below the EndDevice: FunctionSetAssignmentsList (IEEE 2030.5-2018 §6.4) ->
 * DERProgramList / DemandResponseProgramList -> each program's DERControlList, DefaultDERControl, DERCurveList
 * (§10.10) or EndDeviceControlList (§10.3), following links only. Given the last walk it reads the
 * FunctionSetAssignmentsList and every program list again, but a program whose list entry (href, mRID, primacy,
 * links) is as the last walk read it keeps its events, defaults and curves (its own lists are subscribed, or polled,
 * and re-read when notified, §5.6.2): only new or changed programs have their lists read. One instance per walk;
 * internal.
 */
final class FunctionSetWalk {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionSetWalk.class);

    private final SepFetcher fetch;
    private final WalkResult last;
    /** program href -> its line in the last walk's program-list signature. */
    private final Map<String, String> lastLines = new HashMap<>();
    private final Map<String, ProgramView> lastPrograms = new HashMap<>();

    final Map<String, ProgramView> programs = new LinkedHashMap<>();
    final Set<String> subscribable;
    final Set<String> watched = new LinkedHashSet<>();
    final Set<String> drHrefs = new LinkedHashSet<>();
    final Map<String, WalkResult.Target> targets = new LinkedHashMap<>();
    long poll;
    int curves;

    /**
     * @param fetch        typed server access
     * @param last         the last complete walk whose unchanged programs may be kept, or null (read everything)
     * @param poll         the pollRate so far (s)
     * @param subscribable the subscribable resources found so far (added to)
     */
    FunctionSetWalk(SepFetcher fetch, WalkResult last, long poll, Set<String> subscribable) {
        this.fetch = fetch;
        this.last = last;
        this.poll = poll;
        this.subscribable = subscribable;
        if (last != null) {
            last.programs().forEach(p -> lastPrograms.put(p.href(), p));
            for (WalkResult.Target t : last.targets().values()) {
                if (t.kind() == WalkResult.Kind.DER_PROGRAMS || t.kind() == WalkResult.Kind.DR_PROGRAMS) {
                    for (String line : lines(t.signature())) {
                        lastLines.put(line.substring(0, line.indexOf('|')), line);
                    }
                }
            }
        }
    }

    /** Reads the FunctionSetAssignmentsList at {@code fsaHref} and everything it links to (§6.4). */
    void run(String fsaHref) throws SepDeviceException {
        long[] fsaPoll = {Long.MAX_VALUE};
        List<FunctionSetAssignments> fsas = fetch.all(fsaHref, FunctionSetAssignmentsList.class,
                FunctionSetAssignmentsList::getFunctionSetAssignments, FunctionSetAssignmentsList::getAll, head -> {
                    fsaPoll[0] = Math.min(fsaPoll[0], head.getPollRate());
                    mark(fsaHref, head);
                    watched.add(fsaHref);
                });
        poll = Math.min(poll, fsaPoll[0]);
        targets.put(fsaHref, new WalkResult.Target(WalkResult.Kind.FSA_LIST, null, null, fsaPoll[0]));
        for (FunctionSetAssignments fsa : fsas) {
            derPrograms(href(fsa.getDERProgramListLink()));
            drPrograms(href(fsa.getDemandResponseProgramListLink()));
        }
    }

    /** §10.10.3.2 DERProgramList pollRate lowers the walk's pollRate (CSIP-AUS ALL-20). */
    private void derPrograms(String listHref) throws SepDeviceException {
        if (listHref == null) {
            return;
        }
        watched.add(listHref);
        long[] listPoll = {Long.MAX_VALUE};
        List<DERProgram> list = fetch.all(listHref, DERProgramList.class, DERProgramList::getDERProgram,
                DERProgramList::getAll, head -> {
                    mark(listHref, head);
                    listPoll[0] = head.getPollRate();
                });
        poll = Math.min(poll, listPoll[0]);
        targets.putIfAbsent(listHref, new WalkResult.Target(WalkResult.Kind.DER_PROGRAMS, null,
                TargetedRefetch.derSignature(list), listPoll[0]));
        for (DERProgram p : list) {
            if (p.getHref() != null && !programs.containsKey(p.getHref())
                    && !keep(p.getHref(), TargetedRefetch.derLine(p))) {
                derProgram(p);
            }
        }
    }

    private void derProgram(DERProgram p) throws SepDeviceException {
        List<EventView> events = new ArrayList<>();
        String dercHref = href(p.getDERControlListLink());
        if (dercHref != null) {
            watched.add(dercHref);
            targets.putIfAbsent(dercHref, new WalkResult.Target(WalkResult.Kind.DER_CONTROLS, p.getHref()));
            for (DERControl c : fetch.all(dercHref, DERControlList.class, DERControlList::getDERControl,
                    DERControlList::getAll, head -> mark(dercHref, head))) {
                events.add(SepViews.view(c, p.getHref(), fetch.csipModes(SepViews.mrid(c.getMRID()))));
            }
        }
        Map<String, ModeValue> defaults = Map.of();
        Integer setGradW = null;
        String ddercHref = href(p.getDefaultDERControlLink());
        if (ddercHref != null) {
            watched.add(ddercHref);
            targets.putIfAbsent(ddercHref, new WalkResult.Target(WalkResult.Kind.DEFAULT_CONTROL, p.getHref()));
            DefaultDERControl d = fetch.getOptional(ddercHref, DefaultDERControl.class);
            if (d != null) {
                Map<String, ModeValue> dm = SepViews.modes(d.getDERControlBase());
                dm.putAll(fetch.csipModes(SepViews.mrid(d.getMRID())));
                defaults = dm;
                setGradW = SepViews.setGradW(d);
                mark(ddercHref, d);
            }
        }
        String curveHref = href(p.getDERCurveListLink());
        if (curveHref != null) {
            int n = fetch.all(curveHref, DERCurveList.class, DERCurveList::getDERCurve, DERCurveList::getAll).size();
            curves += n;
            targets.putIfAbsent(curveHref, new WalkResult.Target(WalkResult.Kind.CURVES, p.getHref(),
                    Integer.toString(n), Long.MAX_VALUE));
        }
        int primacy = p.getPrimacy() == null ? 0 : p.getPrimacy().getValue();
        programs.put(p.getHref(), new ProgramView(p.getHref(), SepViews.mrid(p.getMRID()), primacy, events, defaults,
                setGradW));
    }

    private void drPrograms(String listHref) throws SepDeviceException {
        if (listHref == null) {
            return;
        }
        List<DemandResponseProgram> list;
        try {
            list = fetch.all(listHref, DemandResponseProgramList.class,
                    DemandResponseProgramList::getDemandResponseProgram, DemandResponseProgramList::getAll,
                    head -> mark(listHref, head));
        } catch (SepDeviceException e) {
            if (e.httpStatus() != 404 && e.httpStatus() != 501) {
                throw e;
            }
            // CSIP CORE-002: a function set the server links but does not implement (501) or no longer has (404)
            // does not derail the walk; the DER function set next to it still applies
            LOG.debug("DemandResponseProgramList {} answered {}: no DRLC programs this walk", listHref, e.httpStatus());
            return;
        }
        watched.add(listHref);
        targets.putIfAbsent(listHref, new WalkResult.Target(WalkResult.Kind.DR_PROGRAMS, null,
                TargetedRefetch.drSignature(list), Long.MAX_VALUE));
        for (DemandResponseProgram p : list) {
            if (p.getHref() == null || programs.containsKey(p.getHref())
                    || keep(p.getHref(), TargetedRefetch.drLine(p))) {
                continue;
            }
            List<EventView> events = new ArrayList<>();
            drHrefs.add(p.getHref());
            String edcHref = href(p.getEndDeviceControlListLink());
            if (edcHref != null) {
                watched.add(edcHref);
                targets.putIfAbsent(edcHref, new WalkResult.Target(WalkResult.Kind.END_DEVICE_CONTROLS, p.getHref()));
                for (EndDeviceControl c : fetch.all(edcHref, EndDeviceControlList.class,
                        EndDeviceControlList::getEndDeviceControl, EndDeviceControlList::getAll,
                        head -> mark(edcHref, head))) {
                    events.add(SepViews.view(c, p.getHref()));
                }
            }
            int primacy = p.getPrimacy() == null ? 0 : p.getPrimacy().getValue();
            programs.put(p.getHref(), new ProgramView(p.getHref(), SepViews.mrid(p.getMRID()), primacy, events,
                    Map.of()));
        }
    }

    /** Keeps the last walk's view of a program whose list entry is unchanged, with its lists and subscriptions. */
    private boolean keep(String href, String line) {
        ProgramView v = lastPrograms.get(href);
        if (v == null || !line.equals(lastLines.get(href))) {
            return false;
        }
        programs.put(href, v);
        if (last.drPrograms().contains(href)) {
            drHrefs.add(href);
        }
        for (Map.Entry<String, WalkResult.Target> e : last.targets().entrySet()) {
            WalkResult.Target t = e.getValue();
            if (href.equals(t.programHref())) {
                targets.putIfAbsent(e.getKey(), t);
                if (t.kind() == WalkResult.Kind.CURVES) {
                    curves += Integer.parseInt(t.signature());
                } else {
                    watched.add(e.getKey());
                }
                if (last.subscribable().contains(e.getKey())) {
                    subscribable.add(e.getKey());
                }
            }
        }
        return true;
    }

    private static List<String> lines(String signature) {
        List<String> out = new ArrayList<>();
        for (String l : signature == null ? new String[0] : signature.split("\n")) {
            if (l.indexOf('|') > 0) {
                out.add(l);
            }
        }
        return out;
    }

    /** §5.6: a resource the server marks subscribable="1" (or "2") may be subscribed to. */
    private void mark(String href, SubscribableResource r) {
        if (r.getSubscribable() > 0) {
            subscribable.add(href);
        }
    }

    private static String href(Link l) {
        return l == null ? null : l.getHref();
    }
}
