package org.openvtn.ven.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvtn.ven.ReportName;
import org.openvtn.ven.ReportRequest;

/** Report timing (R1_3010–R1_3100 families) with explicit instants, no clock, no sleeps. */
class ReportSchedulerTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void oneShotIsDueOnceAtOnce() {
        ReportScheduler s = new ReportScheduler();
        s.add(new ReportRequest("rr1", "TELEMETRY_USAGE", ReportName.TELEMETRY_USAGE, List.of("p1"), Duration.ZERO,
                Duration.ZERO, null, Duration.ZERO), T0);
        assertEquals(List.of("rr1"), s.pending());
        List<ReportScheduler.Due> due = s.due(T0);
        assertEquals(1, due.size());
        assertTrue(due.get(0).last());
        assertTrue(s.pending().isEmpty());
    }

    @Test
    void periodicIsDueEveryReportBackDurationUntilTheIntervalEnds() {
        ReportScheduler s = new ReportScheduler();
        s.add(new ReportRequest("rr2", "TELEMETRY_USAGE", ReportName.TELEMETRY_USAGE, List.of("p1"),
                Duration.ofSeconds(10), Duration.ofMinutes(1), T0, Duration.ofMinutes(3)), T0);
        assertEquals(T0.plusSeconds(60), s.nextDue().orElseThrow());
        assertTrue(s.due(T0.plusSeconds(30)).isEmpty());
        var first = s.due(T0.plusSeconds(60)).get(0);
        assertEquals(T0, first.from());
        assertEquals(Duration.ofMinutes(1), first.span());
        s.due(T0.plusSeconds(120));
        var last = s.due(T0.plusSeconds(180)).get(0);
        assertTrue(last.last());
        assertTrue(s.pending().isEmpty());
    }

    /** Rule 345: cancel with reportToFollow yields one final report covering what was not sent. */
    @Test
    void finalReportCoversTheUnsentSpan() {
        ReportScheduler s = new ReportScheduler();
        s.add(new ReportRequest("rr3", "TELEMETRY_USAGE", ReportName.TELEMETRY_USAGE, List.of("p1"),
                Duration.ofSeconds(10), Duration.ofMinutes(1), T0, Duration.ZERO), T0);
        s.due(T0.plusSeconds(60));
        var fin = s.finalReport("rr3", T0.plusSeconds(90)).orElseThrow();
        assertEquals(T0.plusSeconds(60), fin.from());
        assertEquals(Duration.ofSeconds(30), fin.span());
        assertTrue(s.pending().isEmpty());
    }
}
