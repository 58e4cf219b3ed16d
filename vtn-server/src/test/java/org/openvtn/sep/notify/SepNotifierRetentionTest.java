package org.openvtn.sep.notify;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;

/**
 * The clock triggers of list notifications (IEEE 2030.5-2018 §5.6: a list subscription is notified when the list
 * changes) with a retention of completed events (sep.eventRetention): start, end, and the moment the ended control
 * leaves the lists, each once; nothing in between.
 */
class SepNotifierRetentionTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private static Event event() {
        EventSpec spec = EventSpec.builder().programId("p").start(T0).targets(Targets.everyone())
                .responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 5.0))).build();
        return new Event("e1", 0, false, "mc", T0.minusSeconds(60), T0.minusSeconds(60), spec);
    }

    @Test
    void leavingTheListsAfterTheRetentionIsACrossing() {
        Event e = event();
        Duration hour = Duration.ofHours(1);
        assertTrue(SepNotifier.crossed(e, T0.minusSeconds(1), T0, hour), "start");
        assertTrue(SepNotifier.crossed(e, T0.plusSeconds(1799), T0.plusSeconds(1800), hour), "end");
        assertFalse(SepNotifier.crossed(e, T0.plusSeconds(1800), T0.plusSeconds(5399), hour), "retained, unchanged");
        assertTrue(SepNotifier.crossed(e, T0.plusSeconds(5399), T0.plusSeconds(5400), hour), "left the lists");
        assertFalse(SepNotifier.crossed(e, T0.plusSeconds(5400), T0.plusSeconds(9000), hour));
        assertFalse(SepNotifier.crossed(e, T0.plusSeconds(1800), T0.plusSeconds(5400), Duration.ZERO),
                "without retention nothing happens after the end");
    }
}
