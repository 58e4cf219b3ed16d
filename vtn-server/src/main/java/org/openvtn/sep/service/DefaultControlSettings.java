package org.openvtn.sep.service;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operator-set content of a program's DefaultDERControl (IEEE 2030.5-2018 §10.10 DER function
 * set, DefaultDERControl: the control a DER applies when no DERControl is active; CSIP requires
 * support). Every field is optional; null = not set.
 *
 * @param opModConnect     DERControlBase.opModConnect
 * @param opModEnergize    DERControlBase.opModEnergize
 * @param opModMaxLimW     DERControlBase.opModMaxLimW, hundredths of a percent of setMaxW (0..10000)
 * @param opModFixedW      DERControlBase.opModFixedW, hundredths of a percent (-10000..10000)
 * @param opModTargetW     DERControlBase.opModTargetW, watts
 * @param rampTms          DERControlBase.rampTms, hundredths of a second
 * @param setGradW         DefaultDERControl.setGradW, hundredths of a percent of setMaxW per second
 * @param setSoftGradW     DefaultDERControl.setSoftGradW
 * @param setESDelay       DefaultDERControl.setESDelay, hundredths of a second
 * @param setESRandomDelay DefaultDERControl.setESRandomDelay, hundredths of a second
 * @param opModImpLimW     CSIP-AUS 1.3 csipaus:opModImpLimW (site import limit), watts
 * @param opModExpLimW     CSIP-AUS 1.3 csipaus:opModExpLimW (site export limit), watts
 * @param opModGenLimW     CSIP-AUS 1.3 csipaus:opModGenLimW (generation limit), watts
 * @param opModLoadLimW    CSIP-AUS 1.3 csipaus:opModLoadLimW (load limit), watts
 * @param opModStorageTargetW CSIP-AUS 1.3 csipaus:opModStorageTargetW (storage target), watts
 * @param opModFixedPFInjectW DERControlBase.opModFixedPFInjectW (PowerFactorWithExcitation) as the signed displacement
 *                         in thousandths: |value| 1..1000 is cos(theta) with multiplier -3 (the UInt16 displacement of
 *                         a power factor at most 1.0), the sign the excitation (negative: under-excited, excitation
 *                         true), as the core's {@code x-fixedPFInject} signal
 * @param opModFixedPFAbsorbW DERControlBase.opModFixedPFAbsorbW, as {@code opModFixedPFInjectW}
 * @param curves           curve modes (DERControlBase opModVoltVar, opModFreqWatt ... as DERCurveLink) -> the index
 *                         {@code n} of the program's DERCurve they link; keys are {@link DerCurveDefinition#CURVE_TYPES}
 */
public record DefaultControlSettings(Boolean opModConnect, Boolean opModEnergize, Integer opModMaxLimW,
                                     Integer opModFixedW, Long opModTargetW, Integer rampTms, Integer setGradW,
                                     Integer setSoftGradW, Long setESDelay, Long setESRandomDelay,
                                     Long opModImpLimW, Long opModExpLimW, Long opModGenLimW, Long opModLoadLimW,
                                     Long opModStorageTargetW, Integer opModFixedPFInjectW,
                                     Integer opModFixedPFAbsorbW, Map<String, Integer> curves) {

    /** Field names, in the order of the text form. */
    public static final java.util.List<String> FIELDS = java.util.List.of("opModConnect", "opModEnergize",
            "opModMaxLimW", "opModFixedW", "opModTargetW", "rampTms", "setGradW", "setSoftGradW", "setESDelay",
            "setESRandomDelay", "opModImpLimW", "opModExpLimW", "opModGenLimW", "opModLoadLimW",
            "opModStorageTargetW", "opModFixedPFInjectW", "opModFixedPFAbsorbW");

    /**
     * The power factor fields' scale: displacement in thousandths, PowerFactorWithExcitation multiplier -3 (sep.xsd:
     * displacement UInt16, the power factor cos(theta) between 0 and 1.0).
     */
    public static final int POWER_FACTOR_SCALE = 1000;

    /** The CSIP-AUS 1.3 fields, in the order of the CSIP-AUS redefinition of DERControlBase. */
    public static final java.util.List<String> CSIP_AUS_FIELDS = FIELDS.subList(10, 15);

    /** @throws IllegalArgumentException naming the field that is out of range */
    public DefaultControlSettings {
        curves = curves == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(curves));
        curves.forEach((k, v) -> {
            if (!DerCurveDefinition.CURVE_TYPES.contains(k)) {
                throw new IllegalArgumentException(k + ": not a curve mode");
            }
            range(k, v, 1, DerCurveService.MAX_ID);
        });
        range("opModMaxLimW", opModMaxLimW, 0, 10000);
        range("opModFixedW", opModFixedW, -10000, 10000);
        range("rampTms", rampTms, 0, 65535);
        range("setGradW", setGradW, 0, 65535);
        range("setSoftGradW", setSoftGradW, 0, 65535);
        range("setESDelay", setESDelay, 0, 0xFFFFFFFFL);
        range("setESRandomDelay", setESRandomDelay, 0, 0xFFFFFFFFL);
        range("opModTargetW", opModTargetW, -(1L << 47), (1L << 47) - 1);
        // ActivePower: Int16 value x 10^multiplier (the multiplier takes what the value cannot)
        range("opModImpLimW", opModImpLimW, -(1L << 47), (1L << 47) - 1);
        range("opModExpLimW", opModExpLimW, -(1L << 47), (1L << 47) - 1);
        range("opModGenLimW", opModGenLimW, -(1L << 47), (1L << 47) - 1);
        range("opModLoadLimW", opModLoadLimW, -(1L << 47), (1L << 47) - 1);
        range("opModStorageTargetW", opModStorageTargetW, -(1L << 47), (1L << 47) - 1);
        powerFactor("opModFixedPFInjectW", opModFixedPFInjectW);
        powerFactor("opModFixedPFAbsorbW", opModFixedPFAbsorbW);
    }

    /** A signed displacement in thousandths: magnitude 1..1000 (0 is no power factor; above 1.0 is none either). */
    private static void powerFactor(String name, Integer v) {
        range(name, v, -POWER_FACTOR_SCALE, POWER_FACTOR_SCALE);
        if (v != null && v == 0) {
            throw new IllegalArgumentException(name + ": must be -1000..-1 or 1..1000 (signed power factor in"
                    + " thousandths; the sign is the excitation)");
        }
    }

    private static void range(String name, Number v, long min, long max) {
        if (v != null && (v.longValue() < min || v.longValue() > max)) {
            throw new IllegalArgumentException(name + ": must be " + min + ".." + max);
        }
    }

    /** @return field name -> value, set fields only */
    public Map<String, Object> asMap() {
        Object[] v = {opModConnect, opModEnergize, opModMaxLimW, opModFixedW, opModTargetW, rampTms, setGradW,
            setSoftGradW, setESDelay, setESRandomDelay, opModImpLimW, opModExpLimW, opModGenLimW, opModLoadLimW,
            opModStorageTargetW, opModFixedPFInjectW, opModFixedPFAbsorbW};
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < v.length; i++) {
            if (v[i] != null) {
                m.put(FIELDS.get(i), v[i]);
            }
        }
        m.putAll(curves);
        return m;
    }

    /**
     * @param m field name -> Boolean/Number; unknown names rejected
     * @return the settings
     * @throws IllegalArgumentException naming the bad field
     */
    public static DefaultControlSettings of(Map<String, ?> m) {
        Map<String, Integer> curves = new LinkedHashMap<>();
        for (String k : m.keySet()) {
            if (DerCurveDefinition.CURVE_TYPES.contains(k)) {
                Long n = longer(m, k);
                if (n != null) {
                    range(k, n, 1, DerCurveService.MAX_ID);
                    curves.put(k, n.intValue());
                }
            } else if (!FIELDS.contains(k)) {
                throw new IllegalArgumentException(k + ": unknown field");
            }
        }
        return new DefaultControlSettings(bool(m, "opModConnect"), bool(m, "opModEnergize"),
                integer(m, "opModMaxLimW"), integer(m, "opModFixedW"), longer(m, "opModTargetW"),
                integer(m, "rampTms"), integer(m, "setGradW"), integer(m, "setSoftGradW"), longer(m, "setESDelay"),
                longer(m, "setESRandomDelay"), longer(m, "opModImpLimW"), longer(m, "opModExpLimW"),
                longer(m, "opModGenLimW"), longer(m, "opModLoadLimW"), longer(m, "opModStorageTargetW"),
                integer(m, "opModFixedPFInjectW"), integer(m, "opModFixedPFAbsorbW"), curves);
    }

    /** The CSIP-AUS 1.3 elements of the DefaultDERControl's DERControlBase (set fields, in schema order). */
    public java.util.List<org.openvtn.schemas.CsipAusElement> csipAusElements() {
        java.util.List<org.openvtn.schemas.CsipAusElement> out = new java.util.ArrayList<>();
        Map<String, Object> m = asMap();
        for (String f : CSIP_AUS_FIELDS) {
            if (m.get(f) instanceof Long w) {
                out.add(org.openvtn.schemas.CsipAusElement.activePower(f, w));
            }
        }
        return out;
    }

    /** @return the text form stored by the store ({@code name=value} lines) */
    public String toText() {
        StringBuilder b = new StringBuilder();
        asMap().forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
        return b.toString();
    }

    /** Parses {@link #toText()}. */
    public static DefaultControlSettings fromText(String text) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                String k = line.substring(0, eq);
                String v = line.substring(eq + 1);
                m.put(k, v.equals("true") || v.equals("false") ? (Object) Boolean.valueOf(v) : (Object) Long.valueOf(v));
            }
        }
        return of(m);
    }

    private static Boolean bool(Map<String, ?> m, String k) {
        Object v = m.get(k);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        throw new IllegalArgumentException(k + ": must be true or false");
    }

    private static Long longer(Map<String, ?> m, String k) {
        Object v = m.get(k);
        if (v == null) {
            return null;
        }
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw new IllegalArgumentException(k + ": must be an integer");
    }

    private static Integer integer(Map<String, ?> m, String k) {
        Long v = longer(m, k);
        if (v != null && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException(k + ": out of range");
        }
        return v == null ? null : v.intValue();
    }
}
