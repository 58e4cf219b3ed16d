package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Communication loss (docs/device-engine.md "Communication loss"; IEEE 2030.5-2018 §10.10 DefaultDERControl
 * "to be used if no active DERControl is found"; CSIP and CSIP-AUS: a DER keeps executing the controls it holds
 * and falls back to the default control): the schedule keeps running, the default applies between and after
 * events, and Responses are held and sent, with their original times, once communication is back — also across
 * a restart.
 */
class EventEngineCommLossTest {

    @TempDir
    Path dir;

    private static List<ProgramView> programs() {
        return List.of(program("/derp/1", 1, defaults("opModExpLimW", 5000),
                ev("/e1").window(T0, 600).mode("opModExpLimW", 1000),
                ev("/e2").window(T0 + 1200, 600).mode("opModExpLimW", 2000)));
    }

    @Test
    void scheduleContinuesAndResponsesWaitForTheLink() {
        Path file = dir.resolve("s.json");
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 600);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).stateFile(file).randomSeed(1).build()) {
            engine.update(programs());
            assertEquals(List.of(1), sink.statuses("/e1"));
            engine.communicationLost(true);
            String[] expected = {"/e1", "default:/derp/1", "/e2", "default:/derp/1"};
            long[] at = {0, 600, 1200, 1800};
            for (int i = 0; i < at.length; i++) {
                clock.set(T0 + at[i]);
                engine.tick();
                assertEquals(expected[i], engine.effective().get("opModExpLimW").source(), "at T0+" + at[i]);
            }
            assertEquals(List.of(1), sink.statuses("/e1"), "nothing posted while the link is down");
            assertTrue(sink.statuses("/e2").equals(List.of(1)));
        }
        // restart while still cut off: the held Responses are in the state file
        clock.set(T0 + 2000);
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).stateFile(file).build()) {
            engine.communicationLost(true);
            engine.tick();
            assertEquals("default:/derp/1", engine.effective().get("opModExpLimW").source());
            clock.set(T0 + 2100);
            engine.communicationLost(false);
        }
        assertEquals(List.of("1@-600", "2@0", "3@600"), times("/e1", sink));
        assertEquals(List.of("1@-600", "2@1200", "3@1800"), times("/e2", sink));
    }

    private static List<String> times(String href, EngineFixture.RecordingSink sink) {
        return sink.of(href).stream().map(s -> s.status() + "@" + (s.at() - T0)).toList();
    }
}
