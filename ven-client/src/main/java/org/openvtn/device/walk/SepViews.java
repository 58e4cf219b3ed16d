package org.openvtn.device.walk;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.Event;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.OneHourRangeType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.RandomizableEvent;
import org.openvtn.schemas.sep.ReactivePower;

/**
 * Converts parsed 2030.5 events into the engine's views. Mode keys are the sep.xsd element names
 * (IEEE 2030.5-2018 §10.10 DERControlBase; §10.3 EndDeviceControl): "opModFixedW" etc.; percentages keep their
 * schema unit (PerCent / SignedPerCent are hundredths of a percent, multiplier -2); a power factor
 * (opModFixedPFInjectW / opModFixedPFAbsorbW) is its displacement signed by the excitation (negative: under-excited).
 * Curve links (opModVoltVar...) are references, not values, and are not modes. Internal.
 */
public final class SepViews {
    private SepViews() {
    }

    /** The mRID as upper-case hex (how 2030.5 documents print it). */
    public static String mrid(MRIDType m) {
        return m == null || m.getValue() == null ? "" : HexFormat.of().withUpperCase().formatHex(m.getValue());
    }

    /** The modes a DERControlBase carries (empty if null). */
    public static Map<String, ModeValue> modes(DERControlBase b) {
        Map<String, ModeValue> m = new LinkedHashMap<>();
        if (b == null) {
            return m;
        }
        if (b.isOpModConnect() != null) {
            m.put("opModConnect", new ModeValue(b.isOpModConnect() ? 1 : 0, 0));
        }
        if (b.isOpModEnergize() != null) {
            m.put("opModEnergize", new ModeValue(b.isOpModEnergize() ? 1 : 0, 0));
        }
        if (b.getOpModFixedPFAbsorbW() != null) {
            m.put("opModFixedPFAbsorbW", powerFactor(b.getOpModFixedPFAbsorbW()));
        }
        if (b.getOpModFixedPFInjectW() != null) {
            m.put("opModFixedPFInjectW", powerFactor(b.getOpModFixedPFInjectW()));
        }
        if (b.getOpModFixedVar() != null && b.getOpModFixedVar().getValue() != null) {
            m.put("opModFixedVar", new ModeValue(b.getOpModFixedVar().getValue().getValue(), -2));
        }
        if (b.getOpModFixedW() != null) {
            m.put("opModFixedW", new ModeValue(b.getOpModFixedW().getValue(), -2));
        }
        if (b.getOpModMaxLimW() != null) {
            m.put("opModMaxLimW", new ModeValue(b.getOpModMaxLimW().getValue(), -2));
        }
        if (b.getOpModTargetVar() != null) {
            m.put("opModTargetVar", power(b.getOpModTargetVar()));
        }
        if (b.getOpModTargetW() != null) {
            m.put("opModTargetW", power(b.getOpModTargetW()));
        }
        return m;
    }

    /** The control elements of an EndDeviceControl (§10.3: DutyCycle, Offset, SetPoint, ApplianceLoadReduction). */
    public static Map<String, ModeValue> modes(EndDeviceControl c) {
        Map<String, ModeValue> m = new LinkedHashMap<>();
        if (c.getDutyCycle() != null) {
            m.put("DutyCycle", new ModeValue(c.getDutyCycle().getNormalValue(), 0));
        }
        if (c.getOffset() != null && c.getOffset().getLoadAdjustmentPercentageOffset() != null) {
            m.put("Offset", new ModeValue(c.getOffset().getLoadAdjustmentPercentageOffset().getValue(), -2));
        }
        if (c.getSetPoint() != null && c.getSetPoint().getHeatingSetpoint() != null) {
            m.put("SetPoint", new ModeValue(c.getSetPoint().getHeatingSetpoint(), -2));
        }
        if (c.getApplianceLoadReduction() != null) {
            m.put("ApplianceLoadReduction", new ModeValue(c.getApplianceLoadReduction().getType() == null ? 0 : c.getApplianceLoadReduction().getType().getValue(), 0));
        }
        return m;
    }

    /** One DERControl of the program at {@code programHref}. */
    public static EventView view(DERControl c, String programHref) {
        return event(c, programHref, modes(c.getDERControlBase()), rampTms(c));
    }

    /** One DERControl with extension modes read beside sep.xsd (CSIP-AUS opModExpLimW ...; see {@link CsipAus}). */
    public static EventView view(DERControl c, String programHref, Map<String, ModeValue> extensions) {
        Map<String, ModeValue> m = modes(c.getDERControlBase());
        m.putAll(extensions);
        return event(c, programHref, m, rampTms(c));
    }

    /** One EndDeviceControl of the DemandResponseProgram at {@code programHref}. */
    public static EventView view(EndDeviceControl c, String programHref) {
        return event(c, programHref, modes(c), null);
    }

    /**
     * DefaultDERControl.setGradW, the default ramp rate (hundredths of a percent of setMaxW per second; IEEE
     * 2030.5-2018 §10.10), null if absent or {@code d} is null.
     */
    public static Integer setGradW(org.openvtn.schemas.sep.DefaultDERControl d) {
        return d == null || d.getSetGradW() == null ? null : d.getSetGradW().intValue();
    }

    /** DERControlBase.rampTms (hundredths of a second; IEEE 2030.5-2018 §10.10), null if absent. */
    private static Integer rampTms(DERControl c) {
        DERControlBase b = c.getDERControlBase();
        return b == null || b.getRampTms() == null ? null : b.getRampTms().intValue();
    }

    private static EventView event(RandomizableEvent e, String programHref, Map<String, ModeValue> modes,
            Integer rampTms) {
        Event ev = e;
        return new EventView(e.getHref(), mrid(e.getMRID()), programHref,
                ev.getCreationTime() == null ? 0 : ev.getCreationTime().getValue(),
                ev.getEventStatus() == null ? 0 : ev.getEventStatus().getCurrentStatus(),
                ev.getInterval().getStart().getValue(), ev.getInterval().getDuration(),
                range(e.getRandomizeStart()), range(e.getRandomizeDuration()), Map.copyOf(modes), e.getReplyTo(),
                responseRequired(e.getResponseRequired()), rampTms);
    }

    private static int range(OneHourRangeType r) {
        return r == null ? 0 : r.getValue();
    }

    /** RespondableResource.responseRequired: HexBinary8, absent = 0 (sep.xsd default "00"). */
    static int responseRequired(byte[] rr) {
        return rr == null || rr.length == 0 ? 0 : rr[rr.length - 1] & 0xFF;
    }

    private static int mult(PowerOfTenMultiplierType p) {
        return p == null ? 0 : p.getValue();
    }

    /**
     * A PowerFactorWithExcitation as one signed value: the displacement, negative when under-excited
     * ({@code excitation} true), as the server's core signals carry it; the multiplier as sent.
     */
    private static ModeValue powerFactor(org.openvtn.schemas.sep.PowerFactorWithExcitation pf) {
        long d = pf.getDisplacement();
        return new ModeValue(pf.isExcitation() ? -d : d, mult(pf.getMultiplier()));
    }

    private static ModeValue power(ActivePower p) {
        return new ModeValue(p.getValue(), mult(p.getMultiplier()));
    }

    private static ModeValue power(ReactivePower p) {
        return new ModeValue(p.getValue(), mult(p.getMultiplier()));
    }
}
