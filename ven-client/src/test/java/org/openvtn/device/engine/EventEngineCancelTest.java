package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cancellation and server-side supersession (IEEE 2030.5-2018 EventStatus.currentStatus: 2 "cancel the event
 * immediately", 3 "cancel the event immediately, using the larger of |randomizeStart| and |randomizeDuration| as
 * the end randomization", 4 Superseded "terminate execution of the event immediately"), with the Responses of
 * Table 27 (6 cancelled, 7 superseded).
 */
class EventEngineCancelTest {

    record Row(String name, int status, long seenAt, boolean seenFirstTime, String expectedAfter, List<Integer> responses) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("status 2 while active: stops at once, Response 6", EventView.CANCELLED, 600, false,
                        "opModFixedW=default:/derp/1=0", List.of(1, 2, 6)),
                new Row("status 2 before the start: never starts, Response 6", EventView.CANCELLED, -600, false,
                        "opModFixedW=default:/derp/1=0", List.of(1, 6)),
                new Row("status 2 seen first inside the window: never starts", EventView.CANCELLED, 600, true,
                        "opModFixedW=default:/derp/1=0", List.of(1, 6)),
                new Row("status 3 before the start: never starts", EventView.CANCELLED_WITH_RANDOMIZATION, -600, false,
                        "opModFixedW=default:/derp/1=0", List.of(1, 6)),
                new Row("status 4 while active: terminates at once, Response 7", EventView.SUPERSEDED, 600, false,
                        "opModFixedW=default:/derp/1=0", List.of(1, 2, 7)),
                new Row("status 4 seen first: never starts", EventView.SUPERSEDED, 600, true,
                        "opModFixedW=default:/derp/1=0", List.of(1, 7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void cancellation(Row row) {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 3600);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(3).build()) {
            if (!row.seenFirstTime()) {
                engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                        ev("/e1").window(T0, 3600).mode("opModFixedW", 5))));
                clock.set(T0 + Math.min(row.seenAt(), 0) + (row.seenAt() > 0 ? 1 : 0));
                engine.tick();
            }
            clock.set(T0 + row.seenAt());
            engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                    ev("/e1").window(T0, 3600).status(row.status()).mode("opModFixedW", 5))));
            assertEquals(row.expectedAfter(), EventEngineSchedulingTest.format(EngineFixture.summary(engine)));
            clock.set(T0 + 1800);
            engine.tick();
            assertEquals(row.expectedAfter(), EventEngineSchedulingTest.format(EngineFixture.summary(engine)));
            clock.set(T0 + 7200);
            engine.tick();
            assertEquals(row.responses(), sink.statuses("/e1"));
            assertTrue(sink.of("/e1").stream().filter(s -> s.status() >= 6).allMatch(s -> s.at() == T0 + row.seenAt()),
                    "the cancel/supersede Response carries the time it took effect: " + sink.of("/e1"));
        }
    }

    /**
     * Status 3 while active: the device keeps executing for a random time within [0, max(|randomizeStart|,
     * |randomizeDuration|)] after it saw the cancel, then stops (Response 6 then); spread over a fleet.
     */
    @Test
    void cancelledWithRandomizationEndsWithinTheLargerBound() {
        java.util.Set<Long> ends = new java.util.HashSet<>();
        for (long seed = 0; seed < 100; seed++) {
            EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 + 600);
            EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
            try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(seed).build()) {
                EngineFixture.Ev e = ev("/e1").window(T0, 3600).randomize(0, -300).mode("opModFixedW", 5);
                engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0), e)));
                clock.set(T0 + 900);
                engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                        e.status(EventView.CANCELLED_WITH_RANDOMIZATION))));
                // a draw of 0 ends it at once: then nothing is left to schedule
                long end = engine.nextTransition().map(java.time.Instant::getEpochSecond).orElse(T0 + 900);
                assertTrue(end >= T0 + 900 && end <= T0 + 900 + 300, "end " + (end - T0));
                if (end > T0 + 900) {
                    assertEquals("/e1", engine.effective().get("opModFixedW").source(), "still executing");
                    assertEquals(List.of(1, 2), sink.statuses("/e1"));
                }
                clock.set(end);
                engine.tick();
                assertEquals("default:/derp/1", engine.effective().get("opModFixedW").source());
                assertEquals(List.of(1, 2, 6), sink.statuses("/e1"));
                ends.add(end);
            }
        }
        assertTrue(ends.size() > 30, "cancel randomization spreads the fleet: " + ends.size());
    }

    /**
     * EventStatus 4: "terminate execution of the event immediately and commence execution of the new event
     * immediately" (outside the superseded event's start randomization window): the new event does not wait for
     * its own randomized start; with the old event still in its start randomization window it does.
     */
    @Test
    void serverSupersededStartsTheNewEventAtOnce() {
        int checked = 0;
        for (long seed = 0; seed < 20; seed++) {
            EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
            EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
            try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(seed).build()) {
                EngineFixture.Ev old = ev("/e1").created(T0 - 7200).window(T0, 7200).mode("opModExpLimW", 1000);
                EngineFixture.Ev next = ev("/e2").created(T0 - 60).window(T0 + 1800, 3600).randomize(900, 0)
                        .mode("opModExpLimW", 2000);
                engine.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 0), old, next)));
                clock.set(T0 + 1800);
                engine.tick();
                long e2Start = engine.nextTransition().orElseThrow().getEpochSecond();
                if (e2Start <= T0 + 1810) {
                    continue; // this seed drew almost no start offset: nothing to show
                }
                assertEquals("/e1", engine.effective().get("opModExpLimW").source(), "until /e2's randomized start");
                clock.set(T0 + 1810);
                engine.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 0),
                        old.status(EventView.SUPERSEDED), next.status(EventView.ACTIVE))));
                assertEquals("/e2", engine.effective().get("opModExpLimW").source(), "/e2 at once, not at T0+"
                        + (e2Start - T0));
                assertEquals(List.of("1@-600", "2@0", "7@1810"), sink.of("/e1").stream()
                        .map(x -> x.status() + "@" + (x.at() - T0)).toList());
                assertEquals(List.of("1@-600", "2@1810"), sink.of("/e2").stream()
                        .map(x -> x.status() + "@" + (x.at() - T0)).toList());
                checked++;
            }
        }
        assertTrue(checked > 10, "seeds with a start offset: " + checked);
    }
}
