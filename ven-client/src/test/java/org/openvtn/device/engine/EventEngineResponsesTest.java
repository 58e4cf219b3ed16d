package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Responses (IEEE 2030.5-2018 Table 27) and the responseRequired bits (sep.xsd RespondableResource: bit 0
 * "message was received", bit 1 "specific response", bit 2 "end user / customer response"): which status is
 * sent, when, and only once, for normal, late, expired, invalid and inapplicable events.
 */
class EventEngineResponsesTest {

    /**
     * One row: how the event differs from a plain 1-hour event at T0, when the device first sees it (offset
     * from T0), and the Responses with their times (offsets) once everything is over.
     */
    record Row(String name, UnaryOperator<EngineFixture.Ev> event, long firstSeen, List<long[]> expected,
            boolean everEffective) {
        @Override
        public String toString() {
            return name;
        }
    }

    static long[] r(int status, long at) {
        return new long[] {status, at};
    }

    static Stream<Row> rows() {
        return Stream.of(
                new Row("responseRequired 00: nothing is sent", e -> e.rr(0), -600, List.of(), true),
                new Row("responseRequired 01: received only", e -> e.rr(1), -600, List.of(r(1, -600)), true),
                new Row("responseRequired 02: specific only (started, completed)", e -> e.rr(2), -600,
                        List.of(r(2, 0), r(3, 3600)), true),
                new Row("responseRequired 03: received, started, completed", e -> e.rr(3), -600,
                        List.of(r(1, -600), r(2, 0), r(3, 3600)), true),
                new Row("responseRequired 04 (user response) alone: no status Responses", e -> e.rr(4), -600,
                        List.of(), true),
                new Row("received after its start: executes at once, started at receipt", e -> e.rr(3), 1200,
                        List.of(r(1, 1200), r(2, 1200), r(3, 3600)), true),
                new Row("Table 27 254: received after it ended, never executed", e -> e.rr(3), 3600,
                        List.of(r(254, 3600)), false),
                new Row("254 also for responseRequired 02", e -> e.rr(2), 4000, List.of(r(254, 4000)), false),
                new Row("Table 27 253: duration 0 is invalid", e -> e.window(T0, 0), -600, List.of(r(253, -600)), false),
                new Row("253: randomizeStart outside -3600..3600", e -> e.randomize(4000, 0), -600,
                        List.of(r(253, -600)), false),
                new Row("253: reserved EventStatus 9", e -> e.status(9), -600, List.of(r(253, -600)), false),
                new Row("Table 27 252: no control this device supports", e -> {
                    e.modes.clear();
                    return e;
                }, -600, List.of(r(252, -600)), false),
                new Row("no replyTo: nothing can be sent, the event still executes", e -> e.replyTo(null), -600,
                        List.of(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void responses(Row row) {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 + row.firstSeen());
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        boolean effective = false;
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(5).build()) {
            List<ProgramView> programs = List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                    row.event().apply(ev("/e1").window(T0, 3600).mode("opModFixedW", 5))));
            // every step updates and ticks twice: Responses must still go out once each
            for (long t = row.firstSeen(); t <= 7200; t += 300) {
                clock.set(T0 + t);
                engine.update(programs);
                engine.tick();
                engine.update(programs);
                effective |= "/e1".equals(engine.effective().get("opModFixedW").source());
            }
        }
        List<String> got = sink.of("/e1").stream().map(s -> s.status() + "@" + (s.at() - T0)).toList();
        List<String> want = row.expected().stream().map(a -> a[0] + "@" + a[1]).toList();
        assertEquals(want, got, row.name());
        assertEquals(row.everEffective(), effective, row.name() + ": executed?");
    }

    /** Opting out before the start (Table 27: 4, then 10 at the end): never executes. */
    @Test
    void optOutBeforeStart() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(5).build()) {
            engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                    ev("/e1").window(T0, 3600).mode("opModFixedW", 5))));
            clock.set(T0 - 300);
            engine.optOut("/e1");
            engine.optOut("/e1"); // twice: still one Response
            for (long t = 0; t <= 3600; t += 600) {
                clock.set(T0 + t);
                engine.tick();
                assertEquals("default:/derp/1", engine.effective().get("opModFixedW").source(), "opted out at " + t);
            }
            assertEquals(List.of("1@-600", "4@-300", "10@3600"),
                    sink.of("/e1").stream().map(s -> s.status() + "@" + (s.at() - T0)).toList());
        }
    }

    /** Opting out while executing (Table 27: 4 at once, then 8 "partially completed with user opt-out"). */
    @Test
    void optOutWhileActive() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        EngineFixture.RecordingListener listener = new EngineFixture.RecordingListener();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).listener(listener)
                .randomSeed(5).build()) {
            engine.update(List.of(program("/derp/1", 1, defaults("opModFixedW", 0),
                    ev("/e1").window(T0, 3600).mode("opModFixedW", 5))));
            clock.set(T0 + 100);
            engine.tick();
            assertEquals("/e1", engine.effective().get("opModFixedW").source());
            clock.set(T0 + 200);
            engine.optOut("/e1");
            assertEquals("default:/derp/1", engine.effective().get("opModFixedW").source(), "stops at once");
            assertEquals(T0 + 3600, engine.nextTransition().orElseThrow().getEpochSecond(), "8 due at the end");
            clock.set(T0 + 3600);
            engine.tick();
            assertEquals(List.of("1@-600", "2@0", "4@200", "8@3600"),
                    sink.of("/e1").stream().map(s -> s.status() + "@" + (s.at() - T0)).toList());
            assertEquals(3, listener.calls.size(), "default, event, default again: " + listener.calls);
        }
        // unknown events are ignored without a Response
        assertTrue(sink.of("/nope").isEmpty());
    }

    /** A sink that throws does not break the engine; the Response is not retried (sent once). */
    @Test
    void throwingSinkIsContained() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        int[] calls = {0};
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> {
            calls[0]++;
            throw new IllegalStateException("post failed");
        }).randomSeed(5).build()) {
            engine.update(List.of(program("/derp/1", 1, defaults(), ev("/e1").window(T0, 3600).mode("opModFixedW", 5))));
            clock.set(T0);
            engine.tick();
            assertEquals("/e1", engine.effective().get("opModFixedW").source());
            assertEquals(2, calls[0]);
        }
    }
}
