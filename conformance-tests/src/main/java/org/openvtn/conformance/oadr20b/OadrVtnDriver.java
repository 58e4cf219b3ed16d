package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.CaseContext;

/**
 * How the suite makes the VTN under test do what a VTN-side case needs (the official harness asks the
 * operator; we automate where the VTN offers an API). {@link AdminApiDriver} uses OpenVTN's admin API (and any
 * VTN offering the same one), {@link PromptDriver} asks the operator. An operation the driver cannot perform
 * throws {@link UnsupportedOperationException} with the reason; the case then ends SKIPPED with that reason.
 */
public interface OadrVtnDriver {

    /** One event signal: equal-length intervals with the given values. */
    record Signal(String name, String type, String units, Duration interval, List<Double> values) {
        public Signal {
            values = List.copyOf(values);
        }

        public Duration total() {
            return interval.multipliedBy(values.size());
        }
    }

    /** An event the suite wants on the VTN, targeted at the listed venIDs. */
    record EventOrder(String marketContext, Instant start, List<Signal> signals, List<String> venIds,
                      boolean responseRequired, long priority, Duration randomizeStart) {
        public EventOrder {
            signals = List.copyOf(signals);
            venIds = List.copyOf(venIds);
        }

        /** A SIMPLE level event with the given interval values (15 minutes each). */
        public static EventOrder simple(String marketContext, Instant start, String venId, double... levels) {
            List<Double> v = new java.util.ArrayList<>();
            for (double d : levels) {
                v.add(d);
            }
            return new EventOrder(marketContext, start, List.of(new Signal("SIMPLE", "level", null,
                    Duration.ofMinutes(15), v)), List.of(venId), true, 0, Duration.ZERO);
        }

        public EventOrder withSignals(List<Signal> s) {
            return new EventOrder(marketContext, start, s, venIds, responseRequired, priority, randomizeStart);
        }

        public EventOrder withStart(Instant s) {
            return new EventOrder(marketContext, s, signals, venIds, responseRequired, priority, randomizeStart);
        }

        public EventOrder withResponseRequired(boolean r) {
            return new EventOrder(marketContext, start, signals, venIds, r, priority, randomizeStart);
        }

        public EventOrder withPriority(long p) {
            return new EventOrder(marketContext, start, signals, venIds, responseRequired, p, randomizeStart);
        }

        public EventOrder withRandomizeStart(Duration d) {
            return new EventOrder(marketContext, start, signals, venIds, responseRequired, priority, d);
        }

        public EventOrder withMarketContext(String m) {
            return new EventOrder(m, start, signals, venIds, responseRequired, priority, randomizeStart);
        }
    }

    /** For evidence: how the VTN is driven. */
    String describe();

    /** Creates an event (modificationNumber 0); returns its eventID, or null when the driver cannot tell. */
    String createEvent(EventOrder order);

    /** Replaces an event's content (one modification). */
    void modifyEvent(String eventId, EventOrder order);

    /** Cancels an event (one modification). */
    void cancelEvent(String eventId);

    /** VTN-initiated cancellation of the VEN's registration (N1_0040). */
    void cancelRegistration(String venId);

    /** VTN asks the VEN to re-register (N1_0050). */
    void requestReregistration(String venId);

    /**
     * VTN requests a report from the VEN: periodic when granularity and reportBackDuration are given, one-shot
     * when both are null. Returns the reportRequestID when the driver can tell, else null.
     */
    String requestReport(String venId, String reportName, Duration granularity, Duration reportBackDuration);

    /**
     * VTN requests a report from a VEN that has not registered its METADATA yet, to be piggy-backed on the
     * oadrRegisteredReport answering the VEN's next oadrRegisterReport (R1_3060). OpenVTN's admin API accepts such
     * a request and resolves it against that METADATA; other VTNs may need a standing "request on METADATA"
     * setting, which the operator prompt asks for. Returns the reportRequestID when the driver can tell.
     */
    default String requestReportOnMetadata(String venId, String reportName, Duration granularity,
                                           Duration reportBackDuration) {
        return requestReport(venId, reportName, granularity, reportBackDuration);
    }

    /** VTN cancels one of its report requests. */
    void cancelReport(String venId, String reportRequestId, boolean reportToFollow);

    /** The opt responses the VTN recorded for an event, when the driver can observe them. */
    default Optional<List<Map<String, Object>>> eventResponses(String eventId) {
        return Optional.empty();
    }

    /** The driver for this case: the admin API when the target configures one, else the operator prompt. */
    static OadrVtnDriver of(CaseContext ctx) {
        return ctx.admin().<OadrVtnDriver>map(a -> new AdminApiDriver(a, ctx)).orElseGet(() -> new PromptDriver(ctx));
    }
}
