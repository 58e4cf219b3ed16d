package org.openvtn.device.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.DutyCycle;
import org.openvtn.schemas.sep.EndDeviceControl;
import org.openvtn.schemas.sep.EventStatus;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.OneHourRangeType;
import org.openvtn.schemas.sep.PerCent;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.TimeType;

/**
 * The conversion of parsed events into the engine's views: DERControlBase modes with their units (IEEE 2030.5-2018
 * §10.10.4; sep.xsd ActivePower value x 10^multiplier, PerCent in hundredths), RandomizableEvent fields (§10.2.3),
 * responseRequired (RespondableResource HexBinary8, absent = 0) and EndDeviceControl DutyCycle (§10.3).
 */
class SepViewsTest {

    private static TimeType time(long v) {
        TimeType t = new TimeType();
        t.setValue(v);
        return t;
    }

    @Test
    void derControlBecomesAnEventViewWithModesInSchemaUnits() {
        DERControl c = new DERControl();
        c.setHref("/edev/3/derp/p/derc/AB");
        MRIDType m = new MRIDType();
        m.setValue(new byte[] {(byte) 0xAB, 0x01});
        c.setMRID(m);
        c.setCreationTime(time(1000));
        EventStatus st = new EventStatus();
        st.setCurrentStatus((short) 1);
        st.setDateTime(time(1000));
        c.setEventStatus(st);
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(time(2000));
        i.setDuration(900);
        c.setInterval(i);
        OneHourRangeType rs = new OneHourRangeType();
        rs.setValue((short) -120);
        c.setRandomizeDuration(rs);
        c.setReplyTo("/rsps/p/rsp");
        c.setResponseRequired(new byte[] {0x03});
        DERControlBase b = new DERControlBase();
        ActivePower w = new ActivePower();
        w.setValue((short) 45);
        PowerOfTenMultiplierType three = new PowerOfTenMultiplierType();
        three.setValue((byte) 3);
        w.setMultiplier(three);
        b.setOpModTargetW(w);
        PerCent pct = new PerCent();
        pct.setValue(5000);
        b.setOpModMaxLimW(pct);
        b.setOpModConnect(Boolean.FALSE);
        c.setDERControlBase(b);

        EventView v = SepViews.view(c, "/edev/3/derp/p");
        assertEquals("/edev/3/derp/p/derc/AB", v.href());
        assertEquals("AB01", v.mrid());
        assertEquals("/edev/3/derp/p", v.programHref());
        assertEquals(1000, v.creationTime());
        assertEquals(1, v.currentStatus());
        assertEquals(2000, v.start());
        assertEquals(900, v.duration());
        assertEquals(0, v.randomizeStart(), "absent randomizeStart is 0");
        assertEquals(-120, v.randomizeDuration(), "negative randomization is kept");
        assertEquals("/rsps/p/rsp", v.replyTo());
        assertEquals(3, v.responseRequired());
        assertEquals(Map.of("opModTargetW", new ModeValue(45, 3), "opModMaxLimW", new ModeValue(5000, -2),
                "opModConnect", new ModeValue(0, 0)), v.modes());
        assertEquals(null, v.rampTms(), "absent rampTms: the default ramp rate applies (§10.10)");
        b.setRampTms(1500);
        assertEquals(1500, SepViews.view(c, "/edev/3/derp/p").rampTms(), "rampTms in hundredths of a second");
    }

    /** IEEE 2030.5-2018 §10.10 DefaultDERControl.setGradW: the default ramp rate, absent = null. */
    @Test
    void defaultRampRateIsReadFromTheDefaultDerControl() {
        org.openvtn.schemas.sep.DefaultDERControl d = new org.openvtn.schemas.sep.DefaultDERControl();
        assertEquals(null, SepViews.setGradW(d));
        assertEquals(null, SepViews.setGradW(null));
        d.setSetGradW(27);
        assertEquals(27, SepViews.setGradW(d));
    }

    @Test
    void absentResponseRequiredIsZeroAndDutyCycleIsADrlcMode() {
        assertEquals(0, SepViews.responseRequired(null));
        EndDeviceControl e = new EndDeviceControl();
        e.setHref("/edev/3/drp/p/edc/01");
        MRIDType m = new MRIDType();
        m.setValue(new byte[] {1});
        e.setMRID(m);
        e.setCreationTime(time(1));
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(time(10));
        i.setDuration(60);
        e.setInterval(i);
        DutyCycle d = new DutyCycle();
        d.setNormalValue((short) 50);
        e.setDutyCycle(d);
        EventView v = SepViews.view(e, "/edev/3/drp/p");
        assertEquals(Map.of("DutyCycle", new ModeValue(50, 0)), v.modes());
        assertEquals(0, v.currentStatus(), "no EventStatus read as scheduled");
        assertTrue(SepViews.modes((DERControlBase) null).isEmpty());
    }

    /**
     * BASIC-008: a fixed power factor keeps its excitation as the sign of the mode value (under-excited
     * negative), with its multiplier, so the simulated DER can tell absorbing vars from injecting them.
     */
    @Test
    void powerFactorModesKeepTheirExcitation() {
        DERControlBase b = new DERControlBase();
        b.setOpModFixedPFInjectW(pf(950, true));
        b.setOpModFixedPFAbsorbW(pf(900, false));
        Map<String, ModeValue> m = SepViews.modes(b);
        assertEquals(new ModeValue(-950, -3), m.get("opModFixedPFInjectW"));
        assertEquals(new ModeValue(900, -3), m.get("opModFixedPFAbsorbW"));
    }

    private static org.openvtn.schemas.sep.PowerFactorWithExcitation pf(int displacement, boolean excitation) {
        org.openvtn.schemas.sep.PowerFactorWithExcitation pf = new org.openvtn.schemas.sep.PowerFactorWithExcitation();
        pf.setDisplacement(displacement);
        pf.setExcitation(excitation);
        PowerOfTenMultiplierType t = new PowerOfTenMultiplierType();
        t.setValue((byte) -3);
        pf.setMultiplier(t);
        return pf;
    }
}
