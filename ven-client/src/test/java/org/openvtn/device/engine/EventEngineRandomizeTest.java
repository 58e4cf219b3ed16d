package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * randomizeStart / randomizeDuration (IEEE 2030.5-2018 sep.xsd RandomizableEvent: "Number of seconds boundary
 * inside which a random value must be selected", -3600..3600; §10.2.3.2 Effective Start Time / Effective End
 * Time; Annex C.22 examples: a negative randomizeStart moves the start earlier, a positive one later). Offsets
 * are per device (seed) and reproducible.
 */
class EventEngineRandomizeTest {

    record Row(String name, int randomizeStart, int randomizeDuration, long startMin, long startMax, long endMin,
            long endMax) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Row> rows() {
        long s = T0;
        long d = 3600;
        return Stream.of(
                new Row("C.22.1 no randomization", 0, 0, s, s, s + d, s + d),
                new Row("C.22.3 positive randomizeStart: start in [start, start+300]", 300, 0, s, s + 300, s + d, s + d + 300),
                new Row("C.22.4 negative randomizeStart: start in [start-300, start]", -300, 0, s - 300, s, s + d - 300, s + d),
                new Row("C.22.2 positive randomizeDuration: end in [end, end+300]", 0, 300, s, s, s + d, s + d + 300),
                new Row("negative randomizeDuration: end in [end-300, end]", 0, -300, s, s, s + d - 300, s + d),
                new Row("both, full hour", 3600, -3600, s, s + 3600, s, s + d + 3600));
    }

    /** Over 200 device seeds: every effective start / end lies in the window the sign gives, and they spread. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void offsetsStayInsideTheirWindowAndSpread(Row row) {
        Set<Long> starts = new HashSet<>();
        Set<Long> ends = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            long[] se = startAndEnd(seed, row.randomizeStart(), row.randomizeDuration());
            assertTrue(se[0] >= row.startMin() && se[0] <= row.startMax(), row + ": start " + (se[0] - T0));
            assertTrue(se[1] >= row.endMin() && se[1] <= row.endMax(), row + ": end " + (se[1] - T0));
            long len = se[1] - se[0];
            assertTrue(len >= 3600 + Math.min(0, row.randomizeDuration()) && len <= 3600 + Math.max(0, row.randomizeDuration()),
                    row + ": effective duration " + len);
            starts.add(se[0]);
            ends.add(se[1]);
        }
        if (row.randomizeStart() != 0) {
            assertTrue(starts.size() > 50, row + ": starts spread over the fleet, got " + starts.size());
        } else {
            assertEquals(1, starts.size(), row + ": no start randomization");
        }
        if (row.randomizeDuration() == 0 && row.randomizeStart() == 0) {
            assertEquals(1, ends.size());
        }
    }

    /** The same seed draws the same offsets (per-device reproducible randomization). */
    @Test
    void sameSeedSameOffsets() {
        for (long seed : new long[] {1, 42, -7}) {
            assertEquals(List.of(startAndEnd(seed, 900, 600)[0], startAndEnd(seed, 900, 600)[1]),
                    List.of(startAndEnd(seed, 900, 600)[0], startAndEnd(seed, 900, 600)[1]));
        }
    }

    /** Effective start and end of one randomized event, as the engine schedules them (nextTransition). */
    static long[] startAndEnd(long seed, int rs, int rd) {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 7200);
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { }).randomSeed(seed).build()) {
            engine.update(List.of(program("/derp/1", 1, Map.of(),
                    ev("/e1").window(T0, 3600).randomize(rs, rd).mode("opModFixedW", 1))));
            long start = engine.nextTransition().orElseThrow().getEpochSecond();
            clock.set(start - 1);
            engine.tick();
            assertTrue(engine.effective().isEmpty(), "not before its effective start");
            clock.set(start);
            engine.tick();
            assertEquals("/e1", engine.effective().get("opModFixedW").source());
            assertEquals(Instant.ofEpochSecond(start), engine.effective().get("opModFixedW").since());
            long end = engine.nextTransition().orElseThrow().getEpochSecond();
            clock.set(end - 1);
            engine.tick();
            assertEquals("/e1", engine.effective().get("opModFixedW").source());
            clock.set(end);
            engine.tick();
            assertTrue(engine.effective().isEmpty(), "over at its effective end");
            return new long[] {start, end};
        }
    }
}
