package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * DRLC (IEEE 2030.5-2018 §10.3 Demand Response and Load Control function set): EndDeviceControls of DemandResponsePrograms
 * run through the same engine (same §10.2.3 event rules); the modes are the EndDeviceControl's control elements
 * (ApplianceLoadReduction, DutyCycle, Offset, SetPoint) and a DemandResponseProgram has no default control.
 */
class EventEngineDrlcTest {

    @Test
    void endDeviceControlsFollowTheSameRules() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 60);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(2).build()) {
            engine.update(List.of(
                    program("/dr/1", 1, Map.of(),
                            ev("/edc/1").created(T0 - 7200).window(T0, 3600).mode("DutyCycle", 50).mode("SetPoint", 21),
                            ev("/edc/2").created(T0 - 60).window(T0 + 600, 600).mode("DutyCycle", 25).mode("SetPoint", 19)),
                    program("/dr/2", 2, Map.of(),
                            ev("/edc/3").window(T0, 3600).mode("ApplianceLoadReduction", 1).mode("Offset", 2))));
            clock.set(T0);
            engine.tick();
            assertEquals("ApplianceLoadReduction=/edc/3=1,DutyCycle=/edc/1=50,Offset=/edc/3=2,SetPoint=/edc/1=21",
                    EventEngineSchedulingTest.format(EngineFixture.summary(engine)));
            clock.set(T0 + 600);
            engine.tick();
            assertEquals("ApplianceLoadReduction=/edc/3=1,DutyCycle=/edc/2=25,Offset=/edc/3=2,SetPoint=/edc/2=19",
                    EventEngineSchedulingTest.format(EngineFixture.summary(engine)));
            clock.set(T0 + 1200);
            engine.tick();
            assertEquals("ApplianceLoadReduction=/edc/3=1,Offset=/edc/3=2",
                    EventEngineSchedulingTest.format(EngineFixture.summary(engine)), "/edc/1 superseded, not resumed");
            assertEquals(List.of(1, 2, 7), sink.statuses("/edc/1"));
            assertEquals(List.of(1, 2, 3), sink.statuses("/edc/2"));
        }
    }
}
