package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The ramp of each effective control (IEEE 2030.5-2018 §10.10, sep.xsd DERControlBase.rampTms: "Requested ramp
 * time, in hundredths of a second, for the device to transition from the current DERControl mode setting(s) to the
 * new mode setting(s). If absent, use default ramp rate (setGradW)"; DefaultDERControl.setGradW: "When present,
 * this value SHALL update the value of the corresponding setting (DERSettings::setGradW)"). Order: the event's
 * rampTms, else the DefaultDERControl's setGradW (own program first, then program order), else DERSettings.setGradW.
 * CSIP-AUS ALL-13, ALL-17, ALL-25, ALL-28.
 */
class EventEngineRampTest {

    private static ProgramView withGrad(ProgramView p, Integer setGradW) {
        return new ProgramView(p.href(), p.mrid(), p.primacy(), p.events(), p.defaultModes(), setGradW);
    }

    private static EventEngine engine(EngineFixture.TestClock clock, Integer settings) {
        return EventEngine.builder().clock(clock).responseSink((e, s, a) -> { }).randomSeed(1)
                .settingsGradW(settings).build();
    }

    @Test
    void activeControlCarriesItsRampTmsThenTheDefaultRampAfterItEnds() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        try (EventEngine engine = engine(clock, 1000)) {
            engine.update(List.of(withGrad(program("/derp/1", 1, defaults("opModExpLimW", 5000),
                    ev("/e1").window(T0, 600).mode("opModExpLimW", 1000).ramp(3000)), 250)));
            assertEquals(new Ramp(Ramp.Kind.RAMP_TMS, 3000, "/e1"), engine.effective().get("opModExpLimW").ramp());
            clock.set(T0 + 600);
            engine.tick();
            EffectiveControl after = engine.effective().get("opModExpLimW");
            assertEquals("default:/derp/1", after.source());
            assertEquals(new Ramp(Ramp.Kind.DEFAULT_GRAD_W, 250, "default:/derp/1"), after.ramp(),
                    "after the event the DefaultDERControl's setGradW ramps back");
        }
    }

    @Test
    void eventWithoutRampTmsUsesTheDefaultRateOfItsOwnProgramThenProgramOrderThenSettings() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        try (EventEngine engine = engine(clock, 1000)) {
            ProgramView own = program("/derp/2", 2, Map.of(), ev("/e2").window(T0, 600).mode("opModFixedW", 10));
            ProgramView first = program("/derp/1", 1, defaults("opModExpLimW", 5000));
            engine.update(List.of(first, withGrad(own, 40)));
            assertEquals(new Ramp(Ramp.Kind.DEFAULT_GRAD_W, 40, "default:/derp/2"),
                    engine.effective().get("opModFixedW").ramp(), "own program's DefaultDERControl first");
            assertEquals(new Ramp(Ramp.Kind.DEFAULT_GRAD_W, 40, "default:/derp/2"),
                    engine.effective().get("opModExpLimW").ramp(), "a default without setGradW: program order");
            engine.update(List.of(withGrad(first, 70), own));
            assertEquals(new Ramp(Ramp.Kind.DEFAULT_GRAD_W, 70, "default:/derp/1"),
                    engine.effective().get("opModFixedW").ramp(), "own program has none: the first in program order");
            engine.update(List.of(first, own));
            assertEquals(new Ramp(Ramp.Kind.SETTINGS_GRAD_W, 1000, Ramp.SETTINGS),
                    engine.effective().get("opModFixedW").ramp(), "no setGradW anywhere: DERSettings.setGradW");
        }
    }

    @Test
    void aChangedRampIsAChangeButKeepsSince() {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        EngineFixture.RecordingListener listener = new EngineFixture.RecordingListener();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { }).randomSeed(1)
                .listener(listener).build()) {
            ProgramView p = program("/derp/1", 1, defaults("opModExpLimW", 5000));
            engine.update(List.of(p));
            assertNull(engine.effective().get("opModExpLimW").ramp(), "no ramp known anywhere");
            clock.set(T0 + 10);
            engine.update(List.of(withGrad(p, 500)));
            assertEquals(2, listener.calls.size(), "the listener hears the new default ramp");
            EffectiveControl c = engine.effective().get("opModExpLimW");
            assertEquals(500, c.ramp().value());
            assertEquals(Instant.ofEpochSecond(T0), c.since(), "same value from the same source: since kept");
            clock.set(T0 + 20);
            engine.settingsGradW(900);
            assertEquals(500, engine.effective().get("opModExpLimW").ramp().value(),
                    "DefaultDERControl setGradW outranks DERSettings");
            engine.update(List.of(p));
            assertEquals(new Ramp(Ramp.Kind.SETTINGS_GRAD_W, 900, Ramp.SETTINGS),
                    engine.effective().get("opModExpLimW").ramp());
        }
    }

    @Test
    void rampSurvivesTheStateFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0);
        java.nio.file.Path file = dir.resolve("engine.json");
        List<ProgramView> programs = List.of(withGrad(program("/derp/1", 1, defaults("opModExpLimW", 5000),
                ev("/e1").window(T0, 600).mode("opModExpLimW", 1000).ramp(1500)), 250));
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { })
                .stateFile(file).build()) {
            engine.update(programs);
        }
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink((e, s, a) -> { })
                .stateFile(file).build()) {
            engine.tick();
            assertEquals(1500, engine.effective().get("opModExpLimW").ramp().value());
            clock.set(T0 + 600);
            engine.tick();
            assertEquals(250, engine.effective().get("opModExpLimW").ramp().value());
        }
    }
}
