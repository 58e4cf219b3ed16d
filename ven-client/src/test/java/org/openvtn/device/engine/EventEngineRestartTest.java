package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * State survives a device restart (issue #16: "State survives a device restart"): the JSON state file keeps the
 * last snapshot, the Responses already sent (Table 27: each once), the random offsets drawn (RandomizableEvent)
 * and opt-outs; it is written atomically and owner-only; a damaged file is set aside, not fatal.
 */
class EventEngineRestartTest {

    @TempDir
    Path dir;

    private static List<ProgramView> programs() {
        return List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000),
                ev("/e1").window(T0, 3600).randomize(1800, 600).mode("opModExpLimW", 1000),
                ev("/e2").window(T0 + 7200, 3600).mode("opModExpLimW", 2000)));
    }

    /** A restart neither re-sends Responses nor re-draws offsets, even with another seed; opt-outs persist. */
    @Test
    void restartKeepsResponsesOffsetsAndOptOuts() throws Exception {
        Path file = dir.resolve("engine.json");
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        long start;
        long end1;
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).stateFile(file)
                .randomSeed(11).build()) {
            engine.update(programs());
            start = engine.nextTransition().orElseThrow().getEpochSecond();
            clock.set(start);
            engine.tick();
            end1 = engine.nextTransition().orElseThrow().getEpochSecond();
            clock.set(start + 10);
            engine.optOut("/e2");
        }
        assertEquals(List.of(1, 2), sink.statuses("/e1"));
        assertEquals(List.of(1, 4), sink.statuses("/e2"));
        assertTrue(Files.exists(file));
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }

        EngineFixture.RecordingSink after = new EngineFixture.RecordingSink();
        clock.set(start + 60);
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(after).stateFile(file)
                .randomSeed(99).build()) {
            assertEquals(clock.instant(), engine.nextTransition().orElseThrow(), "restored snapshot wants a tick");
            engine.tick(); // no walk yet (e.g. the server is unreachable): the saved snapshot is in force
            assertEquals("/e1", engine.effective().get("opModExpLimW").source());
            engine.update(programs());
            assertEquals("/e1", engine.effective().get("opModExpLimW").source());
            assertEquals(end1, engine.nextTransition().orElseThrow().getEpochSecond(), "end from the saved offsets");
            clock.set(T0 + 7200 + 3600);
            engine.tick();
            assertEquals("default:/derp/1", engine.effective().get("opModExpLimW").source());
        }
        assertEquals(List.of(3), after.statuses("/e1"), "received and started not sent again");
        assertEquals(List.of(10), after.statuses("/e2"), "opt-out remembered: never executed");

        // seed 99 alone would have drawn other offsets: so the restored ones came from the file
        assertFalse(List.of(start, end1).equals(fresh(99)), "seeds 11 and 99 draw alike: the test proves nothing");
        assertEquals(List.of(start, end1), fresh(11));
    }

    /** Effective start and end of /e1 drawn by a fresh engine with this seed. */
    private static List<Long> fresh(long seed) {
        EngineFixture.TestClock c = new EngineFixture.TestClock(T0 - 600);
        try (EventEngine e = EventEngine.builder().clock(c).responseSink((v, s, a) -> { }).randomSeed(seed).build()) {
            e.update(programs());
            long s = e.nextTransition().orElseThrow().getEpochSecond();
            c.set(s);
            e.tick();
            return List.of(s, e.nextTransition().orElseThrow().getEpochSecond());
        }
    }

    /**
     * A crash (no close()) loses nothing already decided: an opt-out and a cancel seen before the start are in the
     * file as soon as they happen, although neither changed the effective control nor (for status 3 seen early)
     * sent anything at that moment.
     */
    @Test
    void stateIsSavedAsItChangesWithoutClose() {
        Path file = dir.resolve("engine.json");
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        EventEngine crashed = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { }).stateFile(file)
                .randomSeed(4).build();
        EngineFixture.Ev e1 = ev("/e1").window(T0, 600).rr(0).mode("opModExpLimW", 1);
        EngineFixture.Ev e2 = ev("/e2").window(T0 + 1200, 600).rr(0).mode("opModExpLimW", 2);
        crashed.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000), e1, e2)));
        clock.set(T0 - 300);
        crashed.optOut("/e1");
        crashed.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000), e1,
                e2.status(EventView.CANCELLED_WITH_RANDOMIZATION))));
        // no close(): the device lost power
        clock.set(T0 + 100);
        try (EventEngine restarted = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { })
                .stateFile(file).build()) {
            restarted.tick();
            assertEquals("default:/derp/1", restarted.effective().get("opModExpLimW").source(), "opt-out kept");
            clock.set(T0 + 1300);
            restarted.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000), e1, e2)));
            assertEquals("default:/derp/1", restarted.effective().get("opModExpLimW").source(), "cancel kept");
        }
    }

    /** A damaged state file is set aside with a WARN and the engine starts empty (the device must come up). */
    @Test
    void damagedStateFileIsSetAside() throws Exception {
        Path file = dir.resolve("engine.json");
        Files.writeString(file, "{ not json");
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).stateFile(file).build()) {
            engine.update(programs());
            assertEquals(List.of(1), sink.statuses("/e1"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.filter(p -> p.getFileName().toString().startsWith("engine.json")).count(),
                    "the new state and the damaged one set aside");
        }
    }

    /** Builder validation names the bad field. */
    @Test
    void builderNamesTheBadField() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        assertEquals("clock is required", assertThrows(() -> EventEngine.builder().responseSink((e, s, a) -> { }).build()));
        assertEquals("responseSink is required", assertThrows(() -> EventEngine.builder().clock(clock).build()));
        assertTrue(assertThrows(() -> EventEngine.builder().clock(clock).responseSink((e, s, a) -> { })
                .stateFile(dir).build()).startsWith("stateFile"));
    }

    private static String assertThrows(org.junit.jupiter.api.function.Executable ex) {
        return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, ex).getMessage();
    }
}
