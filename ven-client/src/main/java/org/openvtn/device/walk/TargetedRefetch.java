package org.openvtn.device.walk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openvtn.device.SepDeviceException;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.device.engine.ProgramView;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DemandResponseProgram;
import org.openvtn.schemas.sep.DemandResponseProgramList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.Link;

/**
 * Re-reads only the resource a Notification names, or what it links to, instead of walking the whole tree again
 * (IEEE 2030.5-2018 §5.6.2: a Notification carries the subscribedResource that changed, and its current form):
 * <ul>
 *   <li>a DERProgram's DERControlList or DefaultDERControl (§10.10) or a DemandResponseProgram's EndDeviceControlList
 *   (§10.3): read to its {@code all} and put in place of that program's events or defaults in the last walk;</li>
 *   <li>a DERProgramList or DemandResponseProgramList: read again and compared with what the walk read (each program's
 *   href, mRID, primacy and links): unchanged needs nothing more; changed re-walks from the
 *   FunctionSetAssignmentsList, reading only new or changed programs;</li>
 *   <li>the FunctionSetAssignmentsList (§6.4): re-walked from there the same way;</li>
 *   <li>the device's own EndDevice (§8.2): its links (the Notification's resource, or one GET) compared with the
 *   walk's: unchanged needs nothing when the FunctionSetAssignmentsList is subscribed (its own notification covers
 *   a change of the assignments), else a re-walk from it; changed links need a full walk.</li>
 * </ul>
 * Anything else (a DERCurveList, a resource the last walk did not reach) is not covered: the caller walks fully.
 * Internal.
 */
public final class TargetedRefetch {
    private final SepFetcher fetch;
    private final DiscoveryWalk walker;

    /**
     * @param fetch  typed server access
     * @param walker the device's walk (for re-walks from the FunctionSetAssignmentsList)
     */
    public TargetedRefetch(SepFetcher fetch, DiscoveryWalk walker) {
        this.fetch = fetch;
        this.walker = walker;
    }

    /**
     * @param last    the last complete walk
     * @param href    the subscribedResource of the Notification (a path on the server)
     * @param carried the resource the Notification carried (§5.6.2), or null
     * @return the last walk with what the notification changed read again (the same object when nothing changed),
     *     or null when {@code href} is not a resource a targeted re-fetch covers (the caller then walks fully)
     * @throws SepDeviceException when the re-fetch fails (e.g. 404: the resource is gone; the caller walks fully)
     */
    public WalkResult refetch(WalkResult last, String href, Object carried) throws SepDeviceException {
        WalkResult.Target t = last.targets().get(href);
        if (t == null || t.kind() == WalkResult.Kind.CURVES) {
            return null;
        }
        switch (t.kind()) {
            case DER_PROGRAMS -> {
                return t.signature().equals(derSignature(fetch.all(href, DERProgramList.class,
                        DERProgramList::getDERProgram, DERProgramList::getAll))) ? last
                        : walker.rewalkFunctionSets(last);
            }
            case DR_PROGRAMS -> {
                return t.signature().equals(drSignature(fetch.all(href, DemandResponseProgramList.class,
                        DemandResponseProgramList::getDemandResponseProgram, DemandResponseProgramList::getAll)))
                        ? last : walker.rewalkFunctionSets(last);
            }
            case FSA_LIST -> {
                return walker.rewalkFunctionSets(last);
            }
            case END_DEVICE -> {
                EndDevice e = carried instanceof EndDevice c ? c : fetch.get(href, EndDevice.class);
                if (!t.signature().equals(endDeviceSignature(e))) {
                    return null;
                }
                String fsa = last.functionSetAssignmentsHref();
                return fsa == null || last.subscribable().contains(fsa) ? last
                        : walker.rewalkFunctionSets(last);
            }
            default -> {
                return program(last, href, t);
            }
        }
    }

    /** An event list or DefaultDERControl: that program's events or defaults read again. */
    private WalkResult program(WalkResult last, String href, WalkResult.Target t) throws SepDeviceException {
        List<ProgramView> programs = new ArrayList<>(last.programs());
        int at = -1;
        for (int i = 0; i < programs.size(); i++) {
            if (programs.get(i).href().equals(t.programHref())) {
                at = i;
            }
        }
        if (at < 0) {
            return null;
        }
        ProgramView p = programs.get(at);
        ProgramView updated = switch (t.kind()) {
            case DER_CONTROLS -> {
                List<EventView> events = new ArrayList<>();
                for (DERControl c : fetch.all(href, DERControlList.class, DERControlList::getDERControl,
                        DERControlList::getAll)) {
                    events.add(SepViews.view(c, p.href(), fetch.csipModes(SepViews.mrid(c.getMRID()))));
                }
                yield p.withEvents(events);
            }
            case END_DEVICE_CONTROLS -> {
                List<EventView> events = new ArrayList<>();
                for (EndDeviceControl c : fetch.all(href, EndDeviceControlList.class,
                        EndDeviceControlList::getEndDeviceControl, EndDeviceControlList::getAll)) {
                    events.add(SepViews.view(c, p.href()));
                }
                yield p.withEvents(events);
            }
            default -> throw new IllegalStateException("not a program's resource: " + t.kind());
            case DEFAULT_CONTROL -> {
                DefaultDERControl d = fetch.getOptional(href, DefaultDERControl.class);
                Map<String, ModeValue> defaults = Map.of();
                if (d != null) {
                    Map<String, ModeValue> dm = SepViews.modes(d.getDERControlBase());
                    dm.putAll(fetch.csipModes(SepViews.mrid(d.getMRID())));
                    defaults = dm;
                }
                yield new ProgramView(p.href(), p.mrid(), p.primacy(), p.events(), defaults, SepViews.setGradW(d));
            }
        };
        programs.set(at, updated);
        return last.withPrograms(programs);
    }

    /** What of a DERProgramList the walk depends on: each program's {@link #derLine}, in order. */
    static String derSignature(List<DERProgram> list) {
        StringBuilder b = new StringBuilder();
        list.forEach(p -> b.append(derLine(p)).append('\n'));
        return b.toString();
    }

    /** One DERProgram as the walk depends on it: href, mRID, primacy and links (href first). */
    static String derLine(DERProgram p) {
        return p.getHref() + "|" + SepViews.mrid(p.getMRID()) + "|"
                + (p.getPrimacy() == null ? 0 : p.getPrimacy().getValue()) + "|" + href(p.getDERControlListLink())
                + "|" + href(p.getDefaultDERControlLink()) + "|" + href(p.getDERCurveListLink());
    }

    /** The same for a DemandResponseProgramList. */
    static String drSignature(List<DemandResponseProgram> list) {
        StringBuilder b = new StringBuilder();
        list.forEach(p -> b.append(drLine(p)).append('\n'));
        return b.toString();
    }

    /** One DemandResponseProgram: href, mRID, primacy and its EndDeviceControlList link (href first). */
    static String drLine(DemandResponseProgram p) {
        return p.getHref() + "|" + SepViews.mrid(p.getMRID()) + "|"
                + (p.getPrimacy() == null ? 0 : p.getPrimacy().getValue()) + "|"
                + href(p.getEndDeviceControlListLink());
    }

    /**
     * What of the EndDevice the walk depends on: its links (§8.2). The {@code all} counts of list links are left out:
     * a change of a list is notified for the list itself.
     */
    static String endDeviceSignature(EndDevice e) {
        return href(e.getFunctionSetAssignmentsListLink()) + "|" + href(e.getSubscriptionListLink()) + "|"
                + href(e.getDERListLink()) + "|" + href(e.getLogEventListLink()) + "|"
                + href(e.getDeviceInformationLink()) + "|" + href(e.getPowerStatusLink()) + "|"
                + href(e.getRegistrationLink());
    }

    private static String href(Link l) {
        return l == null ? null : l.getHref();
    }
}
