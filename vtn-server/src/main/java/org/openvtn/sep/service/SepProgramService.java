package org.openvtn.sep.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.Event;
import org.openvtn.core.EventService;
import org.openvtn.core.Program;
import org.openvtn.core.ProgramService;
import org.openvtn.sep.store.SepEndDevice;

/**
 * DER and DRLC function-set rules over the core (IEEE 2030.5-2018 §10.3 DRLC, §10.10 DER; CSIP
 * CORE-012/013): which programs an EndDevice sees (one FunctionSetAssignments, one DERProgram and
 * one DemandResponseProgram per core program) and which controls, derived from the core events
 * that target the device, by {@link ControlMapping} at the injected clock's now (superseded ones marked among the
 * controls the device sees, {@link ControlMapping#supersede}).
 */
public final class SepProgramService {
    private final ProgramService programs;
    private final EventService events;
    private final Clock clock;
    private final SepMrids mrids;
    private final boolean csipAus;
    private final java.util.function.BiFunction<String, Integer, Optional<Integer>> curveTypes;
    private final java.time.Duration retention;

    /**
     * @param programs core programs
     * @param events   core events
     * @param clock    time source for currentStatus
     */
    public SepProgramService(ProgramService programs, EventService events, Clock clock) {
        this(programs, events, clock, SepMrids.placeholder());
    }

    /** As {@link #SepProgramService(ProgramService, EventService, Clock)} with the operator's mRIDs (PEN). */
    public SepProgramService(ProgramService programs, EventService events, Clock clock, SepMrids mrids) {
        this(programs, events, clock, mrids, false);
    }

    /**
     * As {@link #SepProgramService(ProgramService, EventService, Clock, SepMrids)}; {@code csipAus} says whether
     * the server has CSIP-AUS 1.3 bound: without it, controls of a CSIP-AUS mode (export/import/generation/load
     * limits, storage target) are not listed, since plain sep.xsd cannot carry them (docs/ieee-2030.5.md).
     */
    public SepProgramService(ProgramService programs, EventService events, Clock clock, SepMrids mrids,
                             boolean csipAus) {
        this(programs, events, clock, mrids, csipAus, (p, n) -> Optional.empty(), java.time.Duration.ZERO);
    }

    /**
     * As {@link #SepProgramService(ProgramService, EventService, Clock, SepMrids, boolean)} with the program's curves
     * and the retention of completed events.
     *
     * @param curveTypes (programId, curve index) -> the DERCurveType of that curve of the program, if defined: a
     *                   control that links a curve that is not defined with the mode's type is not listed
     * @param retention  how long a control stays listed after its interval ended (sep.eventRetention; ZERO = it
     *                   leaves the lists at its end)
     */
    public SepProgramService(ProgramService programs, EventService events, Clock clock, SepMrids mrids,
                             boolean csipAus, java.util.function.BiFunction<String, Integer, Optional<Integer>> curveTypes,
                             java.time.Duration retention) {
        if (retention == null || retention.isNegative()) {
            throw new IllegalArgumentException("eventRetention: must be a non-negative duration");
        }
        this.curveTypes = curveTypes;
        this.retention = retention;
        this.csipAus = csipAus;
        this.mrids = mrids;
        this.programs = programs;
        this.events = events;
        this.clock = clock;
    }

    /** @return every core program, in FunctionSetAssignmentsList order */
    public List<Program> programs() {
        return SepResources.fsaOrder(programs.list());
    }

    /**
     * @param programId the {p} of a URL
     * @return the program
     * @throws SepException 404 when unknown
     */
    public Program program(String programId) {
        return programs.get(programId).orElseThrow(() -> SepException.notFound("program " + programId));
    }

    /**
     * @param device    the EndDevice
     * @param programId the program
     * @param kind      DERControl or EndDeviceControl
     * @param activeOnly only currentStatus Active (ActiveDERControlList / ActiveEndDeviceControlList)
     * @return the controls in list order (§10.3.2 Table 38 / §10.10: start asc, creationTime desc, mRID desc)
     */
    public List<SepControl> controls(SepEndDevice device, String programId, SepControl.Kind kind, boolean activeOnly) {
        var now = clock.instant();
        List<SepControl> seen = new ArrayList<>();
        for (Event e : events.list()) {
            if (!e.programId().equals(programId) || !ControlMapping.targets(device, e)) {
                continue;
            }
            for (SepControl c : ControlMapping.allControls(e, now)) {
                SepControl listed = csipAus ? c : withoutCsipAus(c);
                if (listed != null && listed.kind() == kind && linkable(listed)) {
                    seen.add(listed);
                }
            }
        }
        List<SepControl> out = new ArrayList<>();
        for (SepControl c : ControlMapping.supersede(seen, now)) {
            boolean listed = activeOnly ? now.isBefore(c.end()) && c.currentStatus() == SepControl.ACTIVE
                    : now.isBefore(c.end().plus(retention));
            if (listed) {
                out.add(c);
            }
        }
        out.sort(ControlMapping.LIST_ORDER);
        return out;
    }

    /** @return how long a control stays listed after its interval ended (sep.eventRetention) */
    public java.time.Duration retention() {
        return retention;
    }

    /** A curve control is listed only while its program defines that curve with the mode's curveType. */
    private boolean linkable(SepControl c) {
        return !c.modes().containsKey(SepControl.Mode.DER_CURVE)
                || curveTypes.apply(c.programId(), c.curveId()).filter(t -> t == c.curveType()).isPresent();
    }

    /**
     * The control without its CSIP-AUS modes, which plain sep.xsd cannot carry; null when it has no other mode (a
     * combined DERControl keeps its sep.xsd modes, e.g. opModConnect, for a server without CSIP-AUS bound).
     */
    private static SepControl withoutCsipAus(SepControl c) {
        java.util.Map<SepControl.Mode, Long> kept = new java.util.EnumMap<>(SepControl.Mode.class);
        c.modes().forEach((m, v) -> {
            if (m.csipAusElement() == null) {
                kept.put(m, v);
            }
        });
        return kept.isEmpty() ? null : kept.size() == c.modes().size() ? c : c.withModes(kept);
    }

    /**
     * @param mridHex last path segment of a control href
     * @return the control with that mRID, if listed
     */
    public Optional<SepControl> control(SepEndDevice device, String programId, SepControl.Kind kind, String mridHex) {
        return controls(device, programId, kind, false).stream()
                .filter(c -> mrids.hex(c.key()).equalsIgnoreCase(mridHex)).findFirst();
    }

    /**
     * Finds the core event a 2030.5 event mRID belongs to, including ended events (a client may
     * respond "completed" after the control left the list; Response function set).
     *
     * @param programId the program (ResponseSet), or null for any
     * @param mridHex   32 hex digits
     * @return the event
     */
    public Optional<Event> eventForMrid(String programId, String mridHex) {
        for (Event e : events.list()) {
            if (programId != null && !e.programId().equals(programId)) {
                continue;
            }
            for (org.openvtn.core.Signal s : e.spec().signals()) {
                for (org.openvtn.core.Interval i : s.intervals()) {
                    if (mrids.hex(e.id() + "/" + s.signalId() + "/" + i.uid()).equalsIgnoreCase(mridHex)) {
                        return Optional.of(e);
                    }
                }
            }
        }
        return Optional.empty();
    }
}
