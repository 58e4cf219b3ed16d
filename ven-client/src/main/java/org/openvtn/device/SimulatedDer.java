package org.openvtn.device;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.device.engine.ModeValue;

/**
 * A simulated DER that acts on its effective 2030.5 control (the inverter behind {@code openvtn device} and its
 * fleet): its active power (W) and reactive power (var) follow the control in force, and its mirrored readings carry
 * them. Without a control the inverter produces what is available (a PV output that wanders over the day).
 *
 * <p>Precedence among the modes, from the DERControlBase definitions of IEEE 2030.5-2018 (sep.xsd annotations of
 * §10.10 DERControlBase) and CSIP-AUS 1.3:
 * <ol>
 *   <li>{@code opModConnect} or {@code opModEnergize} false: disconnected, 0 W and 0 var, whatever else is set;</li>
 *   <li>{@code opModFixedW}: "a requested charge or discharge mode setpoint, in %setMaxChargeRateW if negative value
 *   or %setMaxW ... if positive value (in hundredths)" replaces the available output ({@code opModTargetW} is used
 *   when no opModFixedW is set);</li>
 *   <li>limits apply on top: {@code opModMaxLimW} "sets the maximum active power generation level ... (%setMaxW, in
 *   hundredths)", CSIP-AUS {@code opModGenLimW} and {@code opModExpLimW} (W; this DER is the whole site) cap
 *   generation, {@code opModImpLimW} / {@code opModLoadLimW} cap absorption; never beyond the nameplate setMaxW;</li>
 *   <li>reactive power: {@code opModFixedPFInjectW} applies "for when active power is being injected" (W &gt; 0),
 *   {@code opModFixedPFAbsorbW} "for when active power is being absorbed" (W &lt; 0); var = |W| tan(acos(pf)),
 *   positive over-excited (excitation false), negative under-excited. "If issued simultaneously with other reactive
 *   power controls (e.g. opModFixedVar) the control resulting in least var magnitude SHOULD take precedence": with
 *   {@code opModFixedVar} (%setMaxVar, taken as % of setMaxW here) the smaller magnitude wins.</li>
 * </ol>
 * Thread-safe: the engine's listener calls {@link #apply}, the telemetry poster {@link #read}.
 */
public final class SimulatedDer implements TelemetrySource {
    /** mRID of the site active power reading (W, uom 38). */
    public static final String ACTIVE_POWER_MRID = "5EED000000000000000000000000A001";
    /** mRID of the site reactive power reading (var, uom 63). */
    public static final String REACTIVE_POWER_MRID = "5EED000000000000000000000000A002";
    /** mRID of the site voltage reading (0.1 V, uom 29). */
    public static final String VOLTAGE_MRID = "5EED000000000000000000000000A003";

    /** What the DER does now. */
    public record Output(long watts, long vars, String reason) {
    }

    private final long setMaxW;
    private final long setMaxChargeRateW;
    private volatile Map<String, EffectiveControl> control = Map.of();

    /**
     * @param setMaxW           DERSettings.setMaxW (W): the scale of opModFixedW/opModMaxLimW and the nameplate cap
     * @param setMaxChargeRateW the scale of a negative opModFixedW (storage), 0 when it cannot absorb
     */
    public SimulatedDer(long setMaxW, long setMaxChargeRateW) {
        if (setMaxW <= 0 || setMaxChargeRateW < 0) {
            throw new IllegalArgumentException("setMaxW must be > 0 and setMaxChargeRateW >= 0");
        }
        this.setMaxW = setMaxW;
        this.setMaxChargeRateW = setMaxChargeRateW;
    }

    /** The effective control changed (the engine's listener). */
    public void apply(Map<String, EffectiveControl> effective) {
        control = Map.copyOf(effective);
    }

    /** @return the PV output available at {@code now} (W): 3 kW ± 2 kW over a 1 h period, within the nameplate */
    public long available(Instant now) {
        return Math.min(setMaxW, Math.round(3000 + 2000 * Math.sin(now.getEpochSecond() / 600.0)));
    }

    /** @return what the DER produces at {@code now} under the control in force */
    public Output output(Instant now) {
        Map<String, EffectiveControl> c = control;
        if (off(c, "opModConnect") || off(c, "opModEnergize")) {
            return new Output(0, 0, "disconnected");
        }
        long w = available(now);
        String reason = "available";
        Double fixed = scaled(c, "opModFixedW");
        Double target = scaled(c, "opModTargetW");
        if (fixed != null) {
            w = Math.round(fixed / 100 * (fixed < 0 ? setMaxChargeRateW : setMaxW));
            reason = "opModFixedW";
        } else if (target != null) {
            w = Math.round(target);
            reason = "opModTargetW";
        }
        long max = setMaxW;
        Double maxLim = scaled(c, "opModMaxLimW");
        if (maxLim != null) {
            max = Math.min(max, Math.round(maxLim / 100 * setMaxW));
        }
        for (String lim : List.of("opModGenLimW", "opModExpLimW")) {
            Double v = scaled(c, lim);
            if (v != null) {
                max = Math.min(max, Math.round(v));
            }
        }
        long min = -setMaxChargeRateW;
        for (String lim : List.of("opModLoadLimW", "opModImpLimW")) {
            Double v = scaled(c, lim);
            if (v != null) {
                min = Math.max(min, -Math.round(v));
            }
        }
        if (w > max) {
            w = max;
            reason += ", limited";
        } else if (w < min) {
            w = min;
            reason += ", limited";
        }
        return reactive(c, w, reason, now);
    }

    private Output reactive(Map<String, EffectiveControl> c, long w, String reason, Instant now) {
        Double pf = w > 0 ? scaled(c, "opModFixedPFInjectW") : w < 0 ? scaled(c, "opModFixedPFAbsorbW") : null;
        Double fixedVar = scaled(c, "opModFixedVar");
        Long q = null;
        if (pf != null && pf != 0) {
            double m = Math.min(1.0, Math.abs(pf));
            long v = Math.round(Math.abs(w) * Math.tan(Math.acos(m)));
            q = pf < 0 ? -v : v; // under-excited absorbs vars
            reason += ", PF " + String.format(java.util.Locale.ROOT, "%.3f", pf < 0 ? -m : m);
        }
        if (fixedVar != null) {
            long v = Math.round(fixedVar / 100 * setMaxW);
            if (q == null || Math.abs(v) < Math.abs(q)) {
                q = v; // least var magnitude takes precedence (sep.xsd opModFixedPF*W)
                reason += ", opModFixedVar";
            }
        }
        return new Output(w, q != null ? q : Math.round(300 * Math.cos(now.getEpochSecond() / 600.0)), reason);
    }

    /** The mirrored readings: site active and reactive power as the DER produces them, and the voltage. */
    @Override
    public List<TelemetryReading> read(Instant now) {
        Output o = output(now);
        return List.of(new TelemetryReading(ACTIVE_POWER_MRID, "site active power", o.watts(), 0, 38, 1, 12),
                new TelemetryReading(REACTIVE_POWER_MRID, "site reactive power", o.vars(), 0, 63, 1, 12),
                new TelemetryReading(VOLTAGE_MRID, "site voltage",
                        Math.round(2300 + 40 * Math.sin(now.getEpochSecond() / 300.0)), -1, 29, 0, 12));
    }

    private static boolean off(Map<String, EffectiveControl> c, String mode) {
        EffectiveControl e = c.get(mode);
        return e != null && e.value().value() == 0;
    }

    /** @return the mode's value times 10^multiplier (percent for PerCent modes, W for power), null when not set */
    private static Double scaled(Map<String, EffectiveControl> c, String mode) {
        EffectiveControl e = c.get(mode);
        if (e == null) {
            return null;
        }
        ModeValue v = e.value();
        return v.value() * Math.pow(10, v.multiplier());
    }
}
