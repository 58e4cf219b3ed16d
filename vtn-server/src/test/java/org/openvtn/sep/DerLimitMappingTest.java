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
import org.openvtn.core.Targets;
import org.openvtn.core.VtnException;
import org.openvtn.oadr20b.service.OadrMapping;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.SepControl;

/**
 * The DER limit signals of the core (docs/core-model.md "DER limits") and what each protocol makes of them
 * (docs/ieee-2030.5.md, "DER limits: both protocols"): CSIP-AUS 1.3 opMod*LimW / opModStorageTargetW per interval,
 * x-connect / x-energize as opModConnect / opModEnergize, rampUp as rampTms (CSIP-AUS S-ALL-11 … S-ALL-18); OpenADR
 * 2.0b VENs receive the signal under its extension name (OpenADR 2.0b 8.2: signalName x- tokens).
 */
class DerLimitMappingTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String LFDI = "3E4F45AB31EDFE5B67E343E5E4562E31984E23E5";

    private static EventSpec.Builder spec(String name, String type, String units, double... values) {
        EventSpec.Builder b = EventSpec.builder().programId("p").start(T0).targets(Targets.vens(LFDI))
                .responseRequired(ResponseRequired.NEVER);
        List<Map.Entry<Duration, Double>> iv = new java.util.ArrayList<>();
        for (double v : values) {
            iv.add(Map.entry(Duration.ofMinutes(5), v));
        }
        return b.signal(name, type, units, iv);
    }

    private static Event event(EventSpec spec) {
        return new Event("e1", 0, false, "mc", T0.minusSeconds(60), T0.minusSeconds(30), spec);
    }

    /** One DERControl per interval of a limit signal: mode per signal name, kW scaled to W, rampUp -> rampTms. */
    @Test
    void limitSignalsBecomeCsipAusModes() {
        Map<String, SepControl.Mode> modes = Map.of("x-exportLimit", SepControl.Mode.OP_MOD_EXP_LIM_W,
                "x-importLimit", SepControl.Mode.OP_MOD_IMP_LIM_W, "x-generationLimit", SepControl.Mode.OP_MOD_GEN_LIM_W,
                "x-loadLimit", SepControl.Mode.OP_MOD_LOAD_LIM_W, "x-storageTarget",
                SepControl.Mode.OP_MOD_STORAGE_TARGET_W);
        modes.forEach((name, mode) -> {
            List<SepControl> cs = ControlMapping.controls(event(spec(name, "setpoint", "kW", 1.5, 0)
                    .rampUp(Duration.ofMillis(2500)).build()), T0);
            assertEquals(2, cs.size(), name);
            assertEquals(mode, cs.get(0).mode());
            assertEquals(1500, cs.get(0).value());
            assertEquals(0, cs.get(1).value());
            assertEquals(250, cs.get(0).rampTms());
            assertEquals(SepControl.Kind.DER_CONTROL, cs.get(0).kind());
            assertTrue(mode.csipAusElement().startsWith("opMod"));
        });
        SepControl w = ControlMapping.controls(event(spec("x-exportLimit", "setpoint", "W", 4200).build()), T0).get(0);
        assertEquals(4200, w.value());
        assertEquals(-1, w.rampTms());
    }

    /**
     * CSIP-AUS S-ALL-17: the DER signals of one event interval become one DERControl (first signal's key); a second
     * opModMaxLimW source of the same interval and intervals of other boundaries stay controls of their own; a newer
     * control carrying every mode of a control supersedes it (EventStatus 4), one sharing only some of its modes flags
     * it potentiallySuperseded (sep.xsd EventStatus).
     */
    @Test
    void oneDerControlPerInterval() {
        List<Map.Entry<Duration, Double>> halves = List.of(Map.entry(Duration.ofMinutes(5), 0.5),
                Map.entry(Duration.ofMinutes(5), 0.5));
        EventSpec combined = spec("x-exportLimit", "setpoint", "W", 3000, 2000).signal("x-connect", "level", null,
                List.of(Map.entry(Duration.ofMinutes(10), 1.0))).signal("LOAD_DISPATCH", "multiplier", null, halves)
                .signal("LOAD_CONTROL", "x-loadControlCapacity", null, halves).build();
        List<SepControl> cs = ControlMapping.controls(event(combined), T0);
        assertEquals(5, cs.size(), cs.toString());
        assertEquals(Map.of(SepControl.Mode.OP_MOD_EXP_LIM_W, 3000L, SepControl.Mode.OP_MOD_MAX_LIM_W, 5000L),
                cs.get(0).modes());
        assertTrue(cs.get(0).key().startsWith("e1/" + combined.signals().get(0).signalId() + "/"), cs.get(0).key());
        assertEquals(Map.of(SepControl.Mode.OP_MOD_EXP_LIM_W, 2000L, SepControl.Mode.OP_MOD_MAX_LIM_W, 5000L),
                cs.get(1).modes());
        assertEquals(Map.of(SepControl.Mode.OP_MOD_CONNECT, 1L), cs.get(2).modes());
        assertEquals(Map.of(SepControl.Mode.OP_MOD_MAX_LIM_W, 5000L), cs.get(3).modes());
        // a newer export limit overlaps {exp, max} in some but not all modes: potentially superseded, still Active
        Event exportOnly = new Event("e2", 0, false, "mc", T0.minusSeconds(60), T0.minusSeconds(10),
                spec("x-exportLimit", "setpoint", "W", 1000, 1000).build());
        List<SepControl> partial = ControlMapping.supersede(with(cs, exportOnly), T0);
        assertEquals(SepControl.ACTIVE, partial.get(0).currentStatus());
        assertEquals(T0.minusSeconds(10), partial.get(0).potentiallySuperseded());
        assertEquals(null, partial.get(2).potentiallySuperseded());
        assertEquals(null, partial.get(3).potentiallySuperseded());
        // a newer control carrying both modes supersedes it; the lone opModMaxLimW control only partly overlaps
        Event both = new Event("e3", 0, false, "mc", T0.minusSeconds(60), T0.minusSeconds(10),
                spec("x-exportLimit", "setpoint", "W", 1000, 1000).signal("LOAD_DISPATCH", "multiplier", null, halves)
                        .build());
        List<SepControl> whole = ControlMapping.supersede(with(cs, both), T0);
        assertEquals(SepControl.SUPERSEDED, whole.get(0).currentStatus());
        assertEquals(SepControl.SUPERSEDED, whole.get(3).currentStatus());
        assertEquals(SepControl.ACTIVE, whole.get(2).currentStatus());
    }

    private static List<SepControl> with(List<SepControl> controls, Event other) {
        List<SepControl> all = new java.util.ArrayList<>(controls);
        all.addAll(ControlMapping.controls(other, T0));
        return all;
    }

    /** x-connect / x-energize level 0/1 become opModConnect / opModEnergize (CSIP-AUS S-ALL-15, S-ALL-16). */
    @Test
    void switchSignals() {
        SepControl c = ControlMapping.controls(event(spec("x-connect", "level", null, 0).build()), T0).get(0);
        assertEquals(SepControl.Mode.OP_MOD_CONNECT, c.mode());
        assertEquals(0, c.value());
        SepControl e = ControlMapping.controls(event(spec("x-energize", "level", null, 1).build()), T0).get(0);
        assertEquals(SepControl.Mode.OP_MOD_ENERGIZE, e.mode());
        assertEquals(1, e.value());
    }

    /** The core refuses a limit without W/kW, of another type, and a switch value other than 0/1 (field named). */
    @Test
    void coreValidatesDerSignals() {
        VtnException units = assertThrows(VtnException.class, () -> spec("x-exportLimit", "setpoint", "%", 1).build());
        assertTrue(units.getMessage().contains("W or kW"), units.getMessage());
        VtnException type = assertThrows(VtnException.class, () -> spec("x-loadLimit", "level", "W", 1).build());
        assertTrue(type.getMessage().contains("setpoint"), type.getMessage());
        VtnException level = assertThrows(VtnException.class, () -> spec("x-connect", "level", null, 0.5).build());
        assertTrue(level.getMessage().contains("1 (on) or 0 (off)"), level.getMessage());
    }

    /**
     * OpenADR 2.0b has no export/import/generation limit signal (8.2.1 signal table); the VEN receives the signal
     * as the extension token it is, type setpoint, with its power units, and a VEN without the bilateral
     * agreement ignores it (docs/ieee-2030.5.md, "DER limits: both protocols").
     */
    @Test
    void openAdrVensGetTheExtensionSignal() {
        EiEventType ev = OadrMapping.event(event(spec("x-exportLimit", "setpoint", "kW", 1.5).build()), null, T0,
                Duration.ZERO);
        EiEventSignalType s = ev.getEiEventSignals().getEiEventSignal().get(0);
        assertEquals("x-exportLimit", s.getSignalName());
        assertEquals("setpoint", s.getSignalType().value());
        assertTrue(s.getItemBase() != null && s.getItemBase().getName().getLocalPart().equals("powerReal"),
                String.valueOf(s.getItemBase()));
    }
}
