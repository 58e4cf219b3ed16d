package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.engine.ModeValue;

/**
 * The simulated DER acts on the fixed modes the server serves (SunSpec CSIP BASIC-008 opModFixedPFInjectW, BASIC-013
 * opModFixedW; core signals x-fixedW, x-fixedPFInject, x-fixedPFAbsorb) with the precedence the DERControlBase
 * definitions of IEEE 2030.5-2018 give (sep.xsd annotations, §10.10): connect/energize off wins, opModFixedW sets the
 * output, opModMaxLimW and the CSIP-AUS limits cap it, the injecting or absorbing power factor follows the sign of the
 * active power, and with opModFixedVar the least var magnitude wins. The mirrored readings carry the result.
 */
class SimulatedDerTest {
    /** sin(0) = 0: the available PV output is exactly 3000 W, the free reactive power 300 var. */
    private static final Instant T = Instant.EPOCH;

    private final SimulatedDer der = new SimulatedDer(5_000, 5_000);
    private final Map<String, EffectiveControl> c = new HashMap<>();

    private void set(String mode, long value, int multiplier) {
        c.put(mode, new EffectiveControl(mode, new ModeValue(value, multiplier), "/edev/1/derp/1/derc/1", T));
        der.apply(c);
    }

    @Test
    void withoutAControlItProducesWhatIsAvailable() {
        assertEquals(new SimulatedDer.Output(3000, 300, "available"), der.output(T));
    }

    @Test
    void fixedWattsSetTheOutputInPercentOfSetMaxWAndOfTheChargeRateWhenNegative() {
        set("opModFixedW", 6000, -2); // 60 % of setMaxW 5000
        assertEquals(3000 + 0, der.output(T).watts());
        set("opModFixedW", 8000, -2);
        assertEquals(4000, der.output(T).watts());
        set("opModFixedW", -4000, -2); // charge at 40 % of setMaxChargeRateW
        assertEquals(-2000, der.output(T).watts());
        assertEquals(-2000, der.read(T).get(0).value(), "the mirrored site active power carries it");
    }

    @Test
    void limitsCapFixedWattsAndConnectOffWins() {
        set("opModFixedW", 10000, -2); // 5000 W
        set("opModMaxLimW", 5000, -2); // at most 50 % of 5000
        assertEquals(2500, der.output(T).watts());
        set("opModExpLimW", 15, 2); // CSIP-AUS export limit 1500 W (ActivePower 15 x 10^2)
        assertEquals(1500, der.output(T).watts());
        set("opModConnect", 0, 0);
        assertEquals(new SimulatedDer.Output(0, 0, "disconnected"), der.output(T));
    }

    @Test
    void powerFactorFollowsTheSignOfActivePower() {
        set("opModFixedPFInjectW", -950, -3); // under-excited while injecting: absorbs vars
        set("opModFixedPFAbsorbW", 900, -3);
        SimulatedDer.Output inject = der.output(T); // 3000 W available
        assertEquals(3000, inject.watts());
        assertEquals(-Math.round(3000 * Math.tan(Math.acos(0.95))), inject.vars());
        assertEquals(inject.vars(), der.read(T).get(1).value(), "the mirrored site reactive power carries it");
        set("opModFixedW", -4000, -2); // charging 2000 W: the absorbing power factor, over-excited
        SimulatedDer.Output absorb = der.output(T);
        assertEquals(Math.round(2000 * Math.tan(Math.acos(0.9))), absorb.vars());
        assertTrue(absorb.reason().contains("PF 0.9"), absorb.reason());
    }

    @Test
    void leastVarMagnitudeWinsBetweenPowerFactorAndFixedVar() {
        set("opModFixedPFInjectW", 800, -3); // 3000 W at PF 0.8: 2250 var
        set("opModFixedVar", 1000, -2); // 10 % of 5000: 500 var
        assertEquals(500, der.output(T).vars());
        set("opModFixedVar", 6000, -2); // 3000 var: the power factor's 2250 is the smaller
        assertEquals(2250, der.output(T).vars());
    }

    @Test
    void aRatingIsRequired() {
        assertThrows(IllegalArgumentException.class, () -> new SimulatedDer(0, 0));
    }
}
