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
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EndDeviceControlList;
import org.openvtn.schemas.sep.Link;

/**
 * Re-reads only the resource a Notification names (IEEE 2030.5-2018 §5.6.2: a Notification carries the
 * subscribedResource that changed) instead of walking the whole tree again: a DERProgram's DERControlList or
 * DefaultDERControl (§10.10) or a DemandResponseProgram's EndDeviceControlList (§10.7), read to its {@code all} and
 * put in place of that program's events or defaults in the last walk. A DERProgramList or DemandResponseProgramList
 * is read again and compared with what the walk read (each program's href, mRID, primacy and links): unchanged needs
 * nothing more, changed needs a full walk. Anything else (FunctionSetAssignments, program
 * lists, the EndDevice, a resource the last walk did not reach) is not covered: the caller walks fully. Internal.
 */
public final class TargetedRefetch {
    private final SepFetcher fetch;

    /** @param fetch typed server access */
    public TargetedRefetch(SepFetcher fetch) {
        this.fetch = fetch;
    }

    /**
     * @param last the last complete walk
     * @param href the subscribedResource of the Notification (a path on the server)
     * @return the last walk with that program's events or defaults read again, or null when {@code href} is not a
     *     resource a targeted re-fetch covers (the caller then walks fully)
     * @throws SepDeviceException when the re-fetch fails (e.g. 404: the resource is gone; the caller walks fully)
     */
    public WalkResult refetch(WalkResult last, String href) throws SepDeviceException {
        WalkResult.Target t = last.targets().get(href);
        if (t == null) {
            return null;
        }
        if (t.kind() == WalkResult.Kind.DER_PROGRAMS) {
            return t.signature().equals(derSignature(fetch.all(href, DERProgramList.class,
                    DERProgramList::getDERProgram, DERProgramList::getAll))) ? last : null;
        }
        if (t.kind() == WalkResult.Kind.DR_PROGRAMS) {
            return t.signature().equals(drSignature(fetch.all(href, DemandResponseProgramList.class,
                    DemandResponseProgramList::getDemandResponseProgram, DemandResponseProgramList::getAll)))
                    ? last : null;
        }
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
                yield new ProgramView(p.href(), p.mrid(), p.primacy(), events, p.defaultModes());
            }
            case END_DEVICE_CONTROLS -> {
                List<EventView> events = new ArrayList<>();
                for (EndDeviceControl c : fetch.all(href, EndDeviceControlList.class,
                        EndDeviceControlList::getEndDeviceControl, EndDeviceControlList::getAll)) {
                    events.add(SepViews.view(c, p.href()));
                }
                yield new ProgramView(p.href(), p.mrid(), p.primacy(), events, p.defaultModes());
            }
            case DER_PROGRAMS, DR_PROGRAMS -> throw new IllegalStateException("handled above");
            case DEFAULT_CONTROL -> {
                DefaultDERControl d = fetch.getOptional(href, DefaultDERControl.class);
                Map<String, ModeValue> defaults = Map.of();
                if (d != null) {
                    Map<String, ModeValue> dm = SepViews.modes(d.getDERControlBase());
                    dm.putAll(fetch.csipModes(SepViews.mrid(d.getMRID())));
                    defaults = dm;
                }
                yield new ProgramView(p.href(), p.mrid(), p.primacy(), p.events(), defaults);
            }
        };
        programs.set(at, updated);
        return last.withPrograms(programs);
    }

    /** What of a DERProgramList the walk depends on: each program's href, mRID, primacy and links, in order. */
    static String derSignature(List<DERProgram> list) {
        StringBuilder b = new StringBuilder();
        for (DERProgram p : list) {
            b.append(p.getHref()).append('|').append(SepViews.mrid(p.getMRID())).append('|')
                    .append(p.getPrimacy() == null ? 0 : p.getPrimacy().getValue()).append('|')
                    .append(href(p.getDERControlListLink())).append('|').append(href(p.getDefaultDERControlLink()))
                    .append('|').append(href(p.getDERCurveListLink())).append('\n');
        }
        return b.toString();
    }

    /** The same for a DemandResponseProgramList. */
    static String drSignature(List<DemandResponseProgram> list) {
        StringBuilder b = new StringBuilder();
        for (DemandResponseProgram p : list) {
            b.append(p.getHref()).append('|').append(SepViews.mrid(p.getMRID())).append('|')
                    .append(p.getPrimacy() == null ? 0 : p.getPrimacy().getValue()).append('|')
                    .append(href(p.getEndDeviceControlListLink())).append('\n');
        }
        return b.toString();
    }

    private static String href(Link l) {
        return l == null ? null : l.getHref();
    }
}
