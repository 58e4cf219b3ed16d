package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.openvtn.core.Signal;
import org.openvtn.core.Targets;
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.DerCurveDefinition;
import org.openvtn.sep.service.SepControl;

/**
 * Curve signals (docs/core-model.md "DER curves"; IEEE 2030.5-2018 §10.10 DERControlBase curve modes as DERCurveLink):
 * the core validates them (type level, a curve index 1..999999), each of the 15 names becomes a DERControl of its
 * DERCurveType, a volt-var control does not supersede a freq-watt one (different controls) but a newer volt-var one
 * does, and OpenADR 2.0b VENs receive none of them.
 */
class CurveSignalMappingTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");

    private static EventSpec.Builder spec(String name, String type, double value) {
        return EventSpec.builder().programId("p").start(T0).targets(Targets.everyone())
                .responseRequired(ResponseRequired.NEVER)
                .signal(name, type, null, List.of(Map.entry(Duration.ofMinutes(30), value)));
    }

    private static Event event(String id, EventSpec spec, Instant modified) {
        return new Event(id, 0, false, "mc", modified, modified, spec);
    }

    @Test
    void everyCurveModeMapsToItsCurveType() {
        assertEquals(DerCurveDefinition.CURVE_TYPES.size(), EventSpec.CURVE_SIGNALS.size());
        for (int t = 0; t < EventSpec.CURVE_SIGNALS.size(); t++) {
            assertEquals("x-" + DerCurveDefinition.CURVE_TYPES.get(t), EventSpec.CURVE_SIGNALS.get(t));
            SepControl c = ControlMapping.controls(event("e", spec(EventSpec.CURVE_SIGNALS.get(t), "level", 42)
                    .build(), T0), T0).get(0);
            assertEquals(SepControl.Kind.DER_CONTROL, c.kind());
            assertEquals(SepControl.Mode.DER_CURVE, c.mode());
            assertEquals(t, c.curveType());
            assertEquals(42, c.curveId());
        }
    }

    @Test
    void coreValidatesCurveSignals() {
        VtnException type = assertThrows(VtnException.class, () -> spec("x-opModVoltVar", "setpoint", 1).build());
        assertTrue(type.getMessage().contains("level"), type.getMessage());
        for (double bad : new double[] {0, 1.5, 1_000_000}) {
            VtnException v = assertThrows(VtnException.class, () -> spec("x-opModVoltVar", "level", bad).build());
            assertTrue(v.getMessage().contains("curve indexes"), v.getMessage());
        }
    }

    @Test
    void supersessionComparesTheCurveMode() {
        Event older = event("a", spec("x-opModVoltVar", "level", 1).build(), T0.minusSeconds(60));
        Event otherMode = event("b", spec("x-opModFreqWatt", "level", 2).build(), T0.minusSeconds(30));
        Event sameMode = event("c", spec("x-opModVoltVar", "level", 3).build(), T0.minusSeconds(10));
        List<SepControl> two = ControlMapping.supersede(List.of(ControlMapping.controls(older, T0).get(0),
                ControlMapping.controls(otherMode, T0).get(0)), T0);
        assertEquals(SepControl.ACTIVE, two.get(0).currentStatus(), "freq-watt does not supersede volt-var");
        List<SepControl> three = ControlMapping.supersede(List.of(ControlMapping.controls(older, T0).get(0),
                ControlMapping.controls(sameMode, T0).get(0)), T0);
        assertEquals(SepControl.SUPERSEDED, three.get(0).currentStatus());
    }

    /** No OpenADR signal references a curve: the 2.0b event leaves curve signals out and keeps the others. */
    @Test
    void openAdrVensGetNothingOfACurve() {
        EventSpec spec = spec("x-opModVoltVar", "level", 1)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 5.0))).build();
        assertEquals(List.of("LOAD_DISPATCH"), spec.openAdrSignals().stream().map(Signal::name).toList());
        EiEventType ev = OadrMapping.event(event("e", spec, T0), null, T0, Duration.ZERO);
        assertEquals(1, ev.getEiEventSignals().getEiEventSignal().size());
        assertEquals("LOAD_DISPATCH", ev.getEiEventSignals().getEiEventSignal().get(0).getSignalName());
    }
}
