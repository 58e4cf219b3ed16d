package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The fixed-mode signals of the core (docs/core-model.md "DER fixed modes"): {@code x-fixedW} (percent of setMaxW)
 * becomes IEEE 2030.5-2018 DERControlBase opModFixedW (SignedPerCent, hundredths; SunSpec CSIP BASIC-013),
 * {@code x-fixedPFInject} / {@code x-fixedPFAbsorb} (power factor signed by excitation) become opModFixedPFInjectW /
 * opModFixedPFAbsorbW (PowerFactorWithExcitation; BASIC-008), combined with the other modes of the same interval;
 * OpenADR VENs get x-fixedW as the extension signal it is and nothing of a power factor.
 */
class DerFixedModeMappingTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String LFDI = "3E4F45AB31EDFE5B67E343E5E4562E31984E23E5";

    private static EventSpec.Builder spec(String name, String units, double... values) {
        List<Map.Entry<Duration, Double>> iv = new java.util.ArrayList<>();
        for (double v : values) {
            iv.add(Map.entry(Duration.ofMinutes(5), v));
        }
        return EventSpec.builder().programId("p").start(T0).targets(Targets.vens(LFDI))
                .responseRequired(ResponseRequired.NEVER).signal(name, "setpoint", units, iv);
    }

    private static Event event(EventSpec spec) {
        return new Event("e1", 0, false, "mc", T0.minusSeconds(60), T0.minusSeconds(30), spec);
    }

    private static DERControlBase base(SepControl c) {
        SepEndDevice d = new SepEndDevice(1, LFDI, 1L, T0, null, null, java.util.Set.of());
        DERControl r = new ControlResources(300, (short) 1).derControl(d, c);
        return r.getDERControlBase();
    }

    /** BASIC-013: percent -> SignedPerCent hundredths, negative (charge) kept. */
    @Test
    void fixedWBecomesOpModFixedW() {
        List<SepControl> cs = ControlMapping.controls(event(spec("x-fixedW", "%", 40, -12.5).build()), T0);
        assertEquals(2, cs.size());
        assertEquals(SepControl.Mode.OP_MOD_FIXED_W, cs.get(0).mode());
        assertEquals(4000, cs.get(0).value());
        assertEquals(-1250, cs.get(1).value());
        assertEquals(-1250, base(cs.get(1)).getOpModFixedW().getValue());
    }

    /** BASIC-008: a signed power factor -> displacement x 10^-3 with excitation true when under-excited. */
    @Test
    void powerFactorBecomesPowerFactorWithExcitation() {
        List<SepControl> inject = ControlMapping.controls(event(spec("x-fixedPFInject", null, 0.95, -0.9).build()), T0);
        assertEquals(SepControl.Mode.OP_MOD_FIXED_PF_INJECT_W, inject.get(0).mode());
        var over = base(inject.get(0)).getOpModFixedPFInjectW();
        assertEquals(950, over.getDisplacement());
        assertEquals(-3, over.getMultiplier().getValue());
        assertFalse(over.isExcitation(), "positive: over-excited, injecting reactive power");
        var under = base(inject.get(1)).getOpModFixedPFInjectW();
        assertEquals(900, under.getDisplacement());
        assertTrue(under.isExcitation(), "negative: under-excited, absorbing reactive power");
        SepControl absorb = ControlMapping.controls(event(spec("x-fixedPFAbsorb", "", 1).build()), T0).get(0);
        assertEquals(SepControl.Mode.OP_MOD_FIXED_PF_ABSORB_W, absorb.mode());
        assertEquals(1000, base(absorb).getOpModFixedPFAbsorbW().getDisplacement());
    }

    /** IEEE 2030.5-2018 §10.10 DERControlBase holds several modes: fixed modes of one interval make one DERControl. */
    @Test
    void fixedModesCombineWithTheOtherModesOfTheInterval() {
        List<Map.Entry<Duration, Double>> one = List.of(Map.entry(Duration.ofMinutes(5), 0.6));
        EventSpec s = spec("x-fixedPFInject", null, 0.97).signal("x-fixedW", "setpoint", "%",
                List.of(Map.entry(Duration.ofMinutes(5), 50.0))).signal("LOAD_DISPATCH", "multiplier", null, one)
                .build();
        List<SepControl> cs = ControlMapping.controls(event(s), T0);
        assertEquals(1, cs.size(), cs.toString());
        assertEquals(Map.of(SepControl.Mode.OP_MOD_FIXED_PF_INJECT_W, 970L, SepControl.Mode.OP_MOD_FIXED_W, 5000L,
                SepControl.Mode.OP_MOD_MAX_LIM_W, 6000L), cs.get(0).modes());
        DERControlBase b = base(cs.get(0));
        assertEquals(970, b.getOpModFixedPFInjectW().getDisplacement());
        assertEquals(5000, b.getOpModFixedW().getValue());
        assertEquals(6000, b.getOpModMaxLimW().getValue());
    }

    /** The schema's types decide the ranges: SignedPerCent -100..100 %, a displacement within (0, 1]; field named. */
    @Test
    void coreValidatesFixedSignals() {
        assertField("signals[0].intervals[0].value", () -> spec("x-fixedW", "%", 100.5).build());
        assertField("signals[0].units", () -> spec("x-fixedW", "W", 50).build());
        assertField("signals[0].intervals[1].value", () -> spec("x-fixedPFInject", null, 0.9, 1.2).build());
        assertField("signals[0].intervals[0].value", () -> spec("x-fixedPFAbsorb", null, 0).build());
        assertField("signals[0].units", () -> spec("x-fixedPFAbsorb", "%", 0.9).build());
        assertField("signals[0].type", () -> EventSpec.builder().programId("p").start(T0).targets(Targets.vens(LFDI))
                .signal("x-fixedPFInject", "level", null, List.of(Map.entry(Duration.ofMinutes(5), 0.9))).build());
        spec("x-fixedW", "%", -100, 100).build();
        spec("x-fixedPFInject", null, -1, 0.001).build();
    }

    private static void assertField(String field, org.junit.jupiter.api.function.Executable build) {
        VtnException e = assertThrows(VtnException.class, build);
        assertEquals(field, e.field(), e.getMessage());
    }

    /** OpenADR 2.0b: x-fixedW as its extension token; no signal for a power factor (docs/core-model.md). */
    @Test
    void openAdrVensGetFixedWButNoPowerFactor() {
        EventSpec s = spec("x-fixedW", "%", 40).signal("x-fixedPFInject", "setpoint", null,
                List.of(Map.entry(Duration.ofMinutes(5), 0.9))).build();
        assertEquals(List.of("x-fixedW"), s.openAdrSignals().stream().map(x -> x.name()).toList());
        var ev = OadrMapping.event(event(s), null, T0, Duration.ZERO);
        assertEquals(1, ev.getEiEventSignals().getEiEventSignal().size());
        assertEquals("x-fixedW", ev.getEiEventSignals().getEiEventSignal().get(0).getSignalName());
    }
}
