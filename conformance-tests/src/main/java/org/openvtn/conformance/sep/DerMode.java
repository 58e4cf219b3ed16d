package org.openvtn.conformance.sep;

import java.util.Optional;
import org.w3c.dom.Element;

/**
 * DER control modes a case can ask the target to schedule, with the {@code DERControlBase} element that carries
 * each (IEEE 2030.5-2018 §10.10 DERControlBase; CSIP-AUS 1.3 extensions in {@code https://csipaus.org/ns/v1.3})
 * and how a value is read back.
 */
public enum DerMode {
    /** Maximum active power, PerCent in hundredths of a percent of setMaxW (value: percent). */
    MAX_LIM_W("opModMaxLimW", false, Kind.PERCENT),
    /** Target active power, ActivePower (value: W). */
    TARGET_W("opModTargetW", false, Kind.ACTIVE_POWER),
    /** Energise (true) / de-energise (false) (value: 1 or 0). */
    ENERGIZE("opModEnergize", false, Kind.BOOLEAN),
    /** Connect (true) / disconnect (false) (value: 1 or 0). */
    CONNECT("opModConnect", false, Kind.BOOLEAN),
    /** CSIP-AUS export limit, ActivePower (value: W). */
    EXP_LIM_W("opModExpLimW", true, Kind.ACTIVE_POWER),
    /** CSIP-AUS generation limit, ActivePower (value: W). */
    GEN_LIM_W("opModGenLimW", true, Kind.ACTIVE_POWER),
    /** CSIP-AUS import limit, ActivePower (value: W). */
    IMP_LIM_W("opModImpLimW", true, Kind.ACTIVE_POWER),
    /** CSIP-AUS load limit, ActivePower (value: W). */
    LOAD_LIM_W("opModLoadLimW", true, Kind.ACTIVE_POWER),
    /** Fixed active power, SignedPerCent in hundredths of a percent of setMaxW (value: percent, negative: charge). */
    FIXED_W("opModFixedW", false, Kind.PERCENT),
    /**
     * Fixed power factor while injecting, PowerFactorWithExcitation (value: displacement power factor, negative when
     * under-excited, i.e. excitation true).
     */
    FIXED_PF_INJECT("opModFixedPFInjectW", false, Kind.POWER_FACTOR),
    /** Active control ramp time (DERControlBase.rampTms, hundredths of a second; value: as sent). */
    RAMP_TMS("rampTms", false, Kind.NUMBER),
    /** Default control ramp rate (DefaultDERControl.setGradW, hundredths of a percent of setMaxW per second). */
    RAMP_RATE("setGradW", false, Kind.NUMBER);

    enum Kind { PERCENT, ACTIVE_POWER, POWER_FACTOR, BOOLEAN, NUMBER }

    private final String element;
    private final boolean csipAus;
    private final Kind kind;

    DerMode(String element, boolean csipAus, Kind kind) {
        this.element = element;
        this.csipAus = csipAus;
        this.kind = kind;
    }

    /** Local name of the DERControlBase element. */
    public String element() {
        return element;
    }

    /** True when the mode is a CSIP-AUS extension element. */
    public boolean csipAus() {
        return csipAus;
    }

    /**
     * The value a DERControlBase (or DefaultDERControl's base) carries for this mode, in the unit of
     * {@link DerControlSpec#value()}; empty when the element is absent or unreadable.
     */
    public Optional<Double> read(Element base) {
        Optional<Element> e = SepXml.child(base, element);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        Element el = e.get();
        try {
            return switch (kind) {
                case PERCENT -> SepXml.number(el, "value").map(v -> v / 100.0)
                        .or(() -> Optional.of(Long.parseLong(el.getTextContent().strip()) / 100.0));
                case ACTIVE_POWER -> SepXml.number(el, "value").map(v -> v * Math.pow(10,
                        SepXml.number(el, "multiplier").orElse(0L)));
                case POWER_FACTOR -> SepXml.number(el, "displacement").map(v -> v * Math.pow(10,
                        SepXml.number(el, "multiplier").orElse(0L)) * (SepXml.child(el, "excitation")
                        .map(x -> "true".equals(x.getTextContent().strip())).orElse(false) ? -1 : 1));
                case BOOLEAN -> Optional.of("true".equals(el.getTextContent().strip()) ? 1.0 : 0.0);
                case NUMBER -> Optional.of(Double.parseDouble(el.getTextContent().strip()));
            };
        } catch (NumberFormatException ex) {
            return Optional.empty();
        }
    }
}
