package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The effective-control callback and query (issue #16: "expose one effective control per mode ... through a
 * callback and a query"): the listener hears every change and only changes, {@code since} is kept while source
 * and value stay, an event the server no longer lists stops (the snapshot is the whole truth), and peer text
 * in log lines is escaped.
 */
class EventEngineListenerTest {

    @Test
    void listenerHearsChangesOnlyAndSinceIsStable() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 60);
        EngineFixture.RecordingListener listener = new EngineFixture.RecordingListener();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { }).listener(listener)
                .randomSeed(1).build()) {
            List<ProgramView> programs = List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000),
                    ev("/e1").window(T0, 600).mode("opModExpLimW", 1000)));
            engine.update(programs);
            assertEquals(1, listener.calls.size());
            EffectiveControl first = engine.effective().get("opModExpLimW");
            assertEquals(Instant.ofEpochSecond(T0 - 60), first.since());
            clock.set(T0 - 30);
            engine.update(programs);
            engine.tick();
            assertEquals(1, listener.calls.size(), "no change, no call");
            assertSame(first, engine.effective().get("opModExpLimW"), "since kept");
            clock.set(T0);
            engine.tick();
            assertEquals(2, listener.calls.size());
            assertEquals(Instant.ofEpochSecond(T0), engine.effective().get("opModExpLimW").since());
            assertEquals(engine.effective(), listener.calls.get(1));
            // the server deletes the event: it stops at the next update, the default is back
            clock.set(T0 + 100);
            engine.update(List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000), new EngineFixture.Ev[0])));
            assertEquals("default:/derp/1", engine.effective().get("opModExpLimW").source());
            assertEquals(3, listener.calls.size());
            assertTrue(engine.nextTransition().isEmpty(), "nothing left to schedule");
        }
    }

    /** Peer text in a log line: control characters escaped, so an href cannot forge a second log line. */
    @Test
    void logTextIsEscaped() {
        assertEquals("/derc/1\\u000a[main] WARN fake", EventEngine.safe("/derc/1\n[main] WARN fake"));
        assertEquals("a\\\\u000a", EventEngine.safe("a\\u000a"));
        assertEquals("null", EventEngine.safe(null));
        assertTrue(EventEngine.safe("x".repeat(1000)).length() < 200);
    }
}
