package org.openvtn.sep.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.openvtn.core.Event;
import org.openvtn.core.EventService;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Interval;
import org.openvtn.core.Signal;
import org.openvtn.sep.store.JdbcSepRecordStore;

/**
 * What links a program's DERCurve (IEEE 2030.5-2018 §10.10: DERControlBase curve modes are DERCurveLinks, and a link
 * must resolve): the program's DefaultDERControl, or a core event with a curve signal naming the curve whose controls
 * are still listed (interval end plus sep.eventRetention not reached; cancelled ones included, they are still
 * listed). Such a curve may not be deleted, nor given another curveType (docs/ieee-2030.5.md "DER curves").
 */
public final class CurveReferences {
    private final JdbcSepRecordStore records;
    private final EventService events;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param records   the DefaultDERControls
     * @param events    core events
     * @param clock     now
     * @param retention sep.eventRetention
     */
    public CurveReferences(JdbcSepRecordStore records, EventService events, Clock clock, Duration retention) {
        this.records = records;
        this.events = events;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * @param programId the curve's program
     * @param curveId   the curve's index
     * @return what links it ("the DefaultDERControl", "event {id}"), empty when nothing does
     */
    public Optional<String> referrer(String programId, int curveId) {
        Optional<String> dflt = records.defaultControl(programId)
                .filter(d -> DefaultControlSettings.fromText(d.settings()).curves().containsValue(curveId))
                .map(d -> "the DefaultDERControl of program " + programId);
        if (dflt.isPresent()) {
            return dflt;
        }
        var now = clock.instant();
        for (Event e : events.list()) {
            if (e.programId().equals(programId) && now.isBefore(e.end().plus(retention))
                    && links(e, curveId)) {
                return Optional.of("event " + e.id());
            }
        }
        return Optional.empty();
    }

    private static boolean links(Event e, int curveId) {
        for (Signal s : e.spec().signals()) {
            if (EventSpec.CURVE_SIGNALS.contains(s.name())) {
                for (Interval i : s.intervals()) {
                    if (Math.round(i.value()) == curveId) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** A curve that is linked cannot be deleted or change its curveType (admin API: 409). */
    public static final class CurveInUseException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        CurveInUseException(String message) {
            super(message);
        }
    }
}
