package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERSettings;
import org.openvtn.schemas.sep.EventStatus;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.TimeType;

/**
 * CSIP-AUS 1.3 binding (csipaus-core-v1.3.xsd redefinition of DERControlBase, DERSettings; csipaus-ext-v1.3.xsd
 * ConnectionPoint): extension elements are written after the sep.xsd content, validated against the CSIP-AUS set,
 * read back onto the bound objects; documents without the namespace stay plain sep.xsd.
 */
class CsipAusBindingTest {
    private static final PublishedSchemas SCHEMAS = new PublishedSchemas();
    private static final SepCodec AUS = SepCodec.create(SCHEMAS).withCsipAus();
    private static final SepCodec PLAIN = SepCodec.create(SCHEMAS);

    private static DERControl control() {
        DERControl c = new DERControl();
        c.setHref("/edev/1/derp/p/derc/AB");
        org.openvtn.schemas.sep.MRIDType mrid = new org.openvtn.schemas.sep.MRIDType();
        mrid.setValue(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        c.setMRID(mrid);
        c.setCreationTime(time(1000));
        EventStatus s = new EventStatus();
        s.setCurrentStatus((short) 0);
        s.setDateTime(time(1000));
        s.setPotentiallySuperseded(false);
        c.setEventStatus(s);
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(time(2000));
        i.setDuration(300L);
        c.setInterval(i);
        c.setDERControlBase(new DERControlBase());
        return c;
    }

    private static TimeType time(long t) {
        TimeType tt = new TimeType();
        tt.setValue(t);
        return tt;
    }

    /** CSIP-AUS S-ALL-11: an export limit rides in DERControlBase as csipaus:opModExpLimW and reads back. */
    @Test
    void exportLimitRoundTrips() throws Exception {
        DERControl c = control();
        AUS.csipAus().orElseThrow().attach(c.getDERControlBase(),
                List.of(CsipAusElement.activePower("opModExpLimW", 1500), CsipAusElement.activePower("opModGenLimW", 50000)));
        String xml = new String(AUS.encode(c), StandardCharsets.UTF_8);
        assertTrue(xml.contains("opModExpLimW") && xml.contains(CsipAusElement.NS), xml);
        assertFalse(xml.startsWith("<?xml"), xml);
        DERControl back = AUS.decode(xml.getBytes(StandardCharsets.UTF_8), DERControl.class);
        List<CsipAusElement> ext = AUS.csipAus().orElseThrow().of(back.getDERControlBase());
        assertEquals(List.of("opModExpLimW", "opModGenLimW"), ext.stream().map(CsipAusElement::localName).toList());
        assertEquals(1500, ext.get(0).watts());
        assertEquals(50000, ext.get(1).watts());
        // a codec without CSIP-AUS refuses the same document (sep.xsd alone does not know the elements)
        assertThrows(XmlCodecException.class, () -> PLAIN.decode(xml.getBytes(StandardCharsets.UTF_8)));
    }

    /** Extension elements out of the redefinition's order are refused by the CSIP-AUS validation, in and out. */
    @Test
    void wrongOrderIsRefused() throws Exception {
        DERControl c = control();
        AUS.csipAus().orElseThrow().attach(c.getDERControlBase(),
                List.of(CsipAusElement.activePower("opModGenLimW", 1), CsipAusElement.activePower("opModExpLimW", 1)));
        XmlCodecException e = assertThrows(XmlCodecException.class, () -> AUS.encode(c));
        assertEquals(XmlCodecException.Kind.SCHEMA_INVALID, e.kind(), e.getMessage());
    }

    /** A plain document keeps the ordinary path on a CSIP-AUS codec (no extension, sep.xsd validation). */
    @Test
    void plainDocumentIsUnchanged() throws Exception {
        DERControl c = control();
        ActivePower p = new ActivePower();
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) 0);
        p.setMultiplier(m);
        p.setValue((short) 10);
        c.getDERControlBase().setOpModTargetW(p);
        assertEquals(new String(PLAIN.encode(c), StandardCharsets.UTF_8), new String(AUS.encode(c), StandardCharsets.UTF_8));
    }

    /** CSIP-AUS DERSettings doeModesEnabled / setMinWh are read from a device's document and written back. */
    @Test
    void settingsExtensionsSurviveStorage() throws Exception {
        String doc = "<DERSettings xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"" + CsipAusElement.NS + "\">"
                + "<setGradW>100</setGradW><setMaxW><multiplier>0</multiplier><value>5000</value></setMaxW>"
                + "<updatedTime>1000</updatedTime><csipaus:doeModesEnabled>0F</csipaus:doeModesEnabled>"
                + "<csipaus:setMinWh><multiplier>0</multiplier><value>200</value></csipaus:setMinWh></DERSettings>";
        DERSettings s = AUS.decode(doc.getBytes(StandardCharsets.UTF_8), DERSettings.class);
        List<CsipAusElement> ext = AUS.csipAus().orElseThrow().of(s);
        assertEquals(0x0F, ext.get(0).bits());
        assertEquals(200, ext.get(1).watts());
        String again = new String(AUS.encode(s), StandardCharsets.UTF_8);
        DERSettings s2 = AUS.decode(again.getBytes(StandardCharsets.UTF_8), DERSettings.class);
        assertEquals(ext, AUS.csipAus().orElseThrow().of(s2));
    }

    /** CSIP-AUS ConnectionPoint (NMI) is written and read in the extension namespace; a bad one is refused. */
    @Test
    void connectionPoint() throws Exception {
        CsipAusBinding b = AUS.csipAus().orElseThrow();
        byte[] cp = b.connectionPoint("/edev/3/cp", "4102345678");
        assertEquals("4102345678", b.connectionPoint(cp));
        byte[] bad = ("<ConnectionPoint xmlns=\"" + CsipAusElement.NS + "\"><connectionPointId>"
                + "x".repeat(40) + "</connectionPointId></ConnectionPoint>").getBytes(StandardCharsets.UTF_8);
        assertThrows(XmlCodecException.class, () -> b.connectionPoint(bad));
    }
}
