package org.openvtn.device;

import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.ApparentPower;
import org.openvtn.schemas.sep.DERAvailability;
import org.openvtn.schemas.sep.DERCapability;
import org.openvtn.schemas.sep.DERControlType;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.DERType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.PowerSourceType;
import org.openvtn.schemas.sep.ReactivePower;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.schemas.sep.WattHour;

/**
 * {@link DeviceData} parts to sep.xsd types (IEEE 2030.5-2018 §10.10.4). Power values in W/var/VA get the smallest
 * power-of-ten multiplier that makes them fit the schema's value type (Int16 for W and var, UInt16 for VA), so
 * 250 000 W becomes value 25000 with multiplier 1. Internal.
 */
final class DeviceDataTypes {
    private DeviceDataTypes() {
    }

    static DERCapability capability(DeviceData.Ratings r) {
        DERCapability c = new DERCapability();
        c.setModesSupported(controlType(r.modesSupported()));
        DERType t = new DERType();
        t.setValue((short) r.derType());
        c.setType(t);
        c.setRtgMaxW(active(r.rtgMaxW()));
        if (r.rtgMaxVA() != null) {
            c.setRtgMaxVA(apparent(r.rtgMaxVA()));
        }
        if (r.rtgMaxVar() != null) {
            c.setRtgMaxVar(reactive(r.rtgMaxVar()));
        }
        if (r.rtgMaxVarNeg() != null) {
            c.setRtgMaxVarNeg(reactive(r.rtgMaxVarNeg()));
        }
        if (r.rtgMaxChargeRateW() != null) {
            c.setRtgMaxChargeRateW(active(r.rtgMaxChargeRateW()));
        }
        if (r.rtgMaxDischargeRateW() != null) {
            c.setRtgMaxDischargeRateW(active(r.rtgMaxDischargeRateW()));
        }
        return c;
    }

    static DERSettings settings(DeviceData.Settings s, TimeType now) {
        DERSettings x = new DERSettings();
        x.setModesEnabled(controlType(s.modesEnabled()));
        x.setSetGradW(s.setGradW());
        x.setSetMaxW(active(s.setMaxW()));
        if (s.setMaxVA() != null) {
            x.setSetMaxVA(apparent(s.setMaxVA()));
        }
        if (s.setMaxVar() != null) {
            x.setSetMaxVar(reactive(s.setMaxVar()));
        }
        x.setUpdatedTime(now);
        return x;
    }

    static DERAvailability availability(DeviceData.Availability a, TimeType now) {
        DERAvailability x = new DERAvailability();
        x.setAvailabilityDuration(a.availabilityDuration());
        x.setMaxChargeDuration(a.maxChargeDuration());
        x.setReadingTime(now);
        if (a.statWAvail() != null) {
            x.setStatWAvail(active(a.statWAvail()));
        }
        if (a.statVarAvail() != null) {
            x.setStatVarAvail(reactive(a.statVarAvail()));
        }
        return x;
    }

    /** Adds a storage DER's rtgMaxWh and charge/discharge rates (§10.10.4.2); {@code st} null: unchanged. */
    static DERCapability storage(DERCapability c, DeviceData.Storage st) {
        if (st != null) {
            c.setRtgMaxWh(energy(st.rtgMaxWh()));
            c.setRtgMaxChargeRateW(active(st.rtgMaxChargeRateW()));
            c.setRtgMaxDischargeRateW(active(st.rtgMaxDischargeRateW()));
        }
        return c;
    }

    /** Adds a storage DER's setMaxWh and charge/discharge rates (§10.10.4.3); {@code st} null: unchanged. */
    static DERSettings storage(DERSettings x, DeviceData.Storage st) {
        if (st != null) {
            x.setSetMaxWh(energy(st.setMaxWh() != null ? st.setMaxWh() : st.rtgMaxWh()));
            x.setSetMaxChargeRateW(active(st.setMaxChargeRateW() != null ? st.setMaxChargeRateW()
                    : st.rtgMaxChargeRateW()));
            x.setSetMaxDischargeRateW(active(st.setMaxDischargeRateW() != null ? st.setMaxDischargeRateW()
                    : st.rtgMaxDischargeRateW()));
        }
        return x;
    }

    /** WattHour: UInt16 value with a power-of-ten multiplier (13.5 kWh: value 13500, multiplier 0). */
    static WattHour energy(long wh) {
        WattHour e = new WattHour();
        int m = multiplier(wh, 0, 65535);
        e.setValue((int) scaled(wh, m));
        e.setMultiplier(ten(m));
        return e;
    }

    static PowerSourceType source(int v) {
        PowerSourceType p = new PowerSourceType();
        p.setValue((short) v);
        return p;
    }

    /** DERControlType is HexBinary32: the bitmap big-endian in four bytes. */
    static DERControlType controlType(int bits) {
        DERControlType t = new DERControlType();
        t.setValue(new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits});
        return t;
    }

    static ActivePower active(long w) {
        ActivePower p = new ActivePower();
        int m = multiplier(w, Short.MIN_VALUE, Short.MAX_VALUE);
        p.setValue((short) scaled(w, m));
        p.setMultiplier(ten(m));
        return p;
    }

    static ReactivePower reactive(long v) {
        ReactivePower p = new ReactivePower();
        int m = multiplier(v, Short.MIN_VALUE, Short.MAX_VALUE);
        p.setValue((short) scaled(v, m));
        p.setMultiplier(ten(m));
        return p;
    }

    static ApparentPower apparent(long va) {
        if (va < 0) {
            throw new IllegalArgumentException("apparent power must not be negative: " + va);
        }
        ApparentPower p = new ApparentPower();
        int m = multiplier(va, 0, 65535);
        p.setValue((int) scaled(va, m));
        p.setMultiplier(ten(m));
        return p;
    }

    /** The smallest m >= 0 with min <= v / 10^m <= max. */
    static int multiplier(long v, long min, long max) {
        int m = 0;
        while (scaled(v, m) > max || scaled(v, m) < min) {
            m++;
        }
        return m;
    }

    private static long scaled(long v, int m) {
        long d = 1;
        for (int i = 0; i < m; i++) {
            d *= 10;
        }
        return Math.round((double) v / d);
    }

    private static PowerOfTenMultiplierType ten(int m) {
        PowerOfTenMultiplierType t = new PowerOfTenMultiplierType();
        t.setValue((byte) m);
        return t;
    }
}
