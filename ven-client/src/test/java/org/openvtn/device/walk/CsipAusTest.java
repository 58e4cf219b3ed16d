package org.openvtn.device.walk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.openvtn.device.SepDeviceException;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SecureXmlInput;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlStandard;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.EventStatus;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.TimeType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * CSIP-AUS 1.3 documents on the device side (CSIP-AUS 1.3 csipaus-core: DERControlBase extended with opModImpLimW,
 * opModExpLimW, opModGenLimW, opModLoadLimW, opModStorageTargetW; dynamic operating envelopes): a DERControl that
 * carries them is accepted (validated against the CSIP-AUS schema set, not refused by sep.xsd) and its modes reach
 * the engine's view next to the sep.xsd ones; a document that breaks the CSIP-AUS schema is refused. Documents are
 * built from the schema types here; the published CSIP-AUS vectors are read from ../shared at run time.
 */
class CsipAusTest {
    private static final PublishedSchemas SCHEMAS = new PublishedSchemas();
    private static final SepCodec CODEC = SepCodec.create(SCHEMAS);
    private static final CsipAus CSIP = new CsipAus(() -> SCHEMAS.schema(XmlStandard.CSIP_AUS_13));

    private static SepFetcher fetcher() {
        return new SepFetcher(null, CODEC, 32, CSIP);
    }

    @Test
    void csipAusExportLimitIsReadBesideTheSepModes() throws Exception {
        byte[] doc = withCsip(list(), "opModExpLimW", "1500", "0");
        assertThrows(org.openvtn.schemas.XmlCodecException.class, () -> CODEC.decode(doc, DERControlList.class),
                "sep.xsd alone refuses the CSIP-AUS extension (why the device needs the CSIP-AUS set)");
        SepFetcher f = fetcher();
        DERControlList l = f.decode("/derc", doc, DERControlList.class);
        DERControl c = l.getDERControl().get(0);
        EventView v = SepViews.view(c, "/derp/1", f.csipModes(SepViews.mrid(c.getMRID())));
        assertEquals(new ModeValue(1500, 0), v.modes().get("opModExpLimW"));
        assertEquals(new ModeValue(45, 3), v.modes().get("opModTargetW"), "the sep.xsd mode is kept");
    }

    /** CSIP-AUS: the extension is ActivePower (Int16 value); a non-number breaks the schema and is refused. */
    @Test
    void anInvalidCsipAusDocumentIsRefused() throws Exception {
        byte[] doc = withCsip(list(), "opModGenLimW", "lots", "0");
        SepDeviceException e = assertThrows(SepDeviceException.class,
                () -> fetcher().decode("/derc", doc, DERControlList.class));
        assertTrue(e.getMessage().startsWith("invalid CSIP-AUS 1.3 document from /derc"), e.getMessage());
    }

    /** A plain sep.xsd document takes the ordinary path and carries no extension modes. */
    @Test
    void aPlainDocumentHasNoExtensionModes() throws Exception {
        SepFetcher f = fetcher();
        DERControlList l = f.decode("/derc", CODEC.encode(list()), DERControlList.class);
        assertTrue(f.csipModes(SepViews.mrid(l.getDERControl().get(0).getMRID())).isEmpty());
    }

    /** Every published CSIP-AUS 1.3 valid vector (read at run time from ../shared) is accepted by the device. */
    @Test
    void publishedCsipAusVectorsAreAccepted() throws Exception {
        Path dir = Path.of("..", "shared", "vectors", "csip-aus-1.3", "valid");
        if (!Files.isDirectory(dir)) {
            dir = Path.of("/work/shared/vectors/csip-aus-1.3/valid");
        }
        Assumptions.assumeTrue(Files.isDirectory(dir), "no CSIP-AUS vectors beside the worktree");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        for (Path p : files) {
            SepFetcher f = fetcher();
            Object o = f.decode(p.getFileName().toString(), Files.readAllBytes(p), Object.class);
            if (o instanceof Notification n && n.getResource() instanceof DERControlList l) {
                DERControl c = l.getDERControl().get(0);
                assertTrue(f.csipModes(SepViews.mrid(c.getMRID())).keySet().containsAll(CsipAus.MODES), p.toString());
            }
        }
    }

    private static DERControlList list() {
        DERControl c = new DERControl();
        c.setHref("/derp/1/derc/1");
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
        DERControlBase b = new DERControlBase();
        ActivePower w = new ActivePower();
        w.setValue((short) 45);
        PowerOfTenMultiplierType three = new PowerOfTenMultiplierType();
        three.setValue((byte) 3);
        w.setMultiplier(three);
        b.setOpModTargetW(w);
        c.setDERControlBase(b);
        DERControlList l = new DERControlList();
        l.setHref("/derp/1/derc");
        l.setAll(1);
        l.setResults((short) 1);
        l.getDERControl().add(c);
        return l;
    }

    /** Appends a CSIP-AUS ActivePower element to the DERControlBase (where csipaus-core's redefinition puts it). */
    private static byte[] withCsip(DERControlList l, String mode, String value, String multiplier) throws Exception {
        Document d = SecureXmlInput.documentBuilderFactory().newDocumentBuilder()
                .parse(new ByteArrayInputStream(CODEC.encode(l)));
        Element base = (Element) d.getElementsByTagNameNS(SepCodec.NAMESPACE, "DERControlBase").item(0);
        Element ext = d.createElementNS(CsipAus.NS, "csipaus:" + mode);
        Element mult = d.createElementNS(SepCodec.NAMESPACE, "multiplier");
        mult.setTextContent(multiplier);
        Element val = d.createElementNS(SepCodec.NAMESPACE, "value");
        val.setTextContent(value);
        ext.appendChild(mult);
        ext.appendChild(val);
        base.appendChild(ext);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SecureXmlInput.transformerFactory().newTransformer().transform(new DOMSource(d), new StreamResult(out));
        return out.toByteArray();
    }

    private static TimeType time(long v) {
        TimeType t = new TimeType();
        t.setValue(v);
        return t;
    }

    /**
     * CSIP-AUS 1.3 csipaus-core EndDevice extension: the csipaus:ConnectionPointLink is kept per EndDevice href (what
     * the client PUTs its ConnectionPoint to, CSIP-AUS ALL-03) and removed from the sep.xsd document.
     */
    @Test
    void connectionPointLinkIsKeptPerEndDevice() throws Exception {
        String edev = "<EndDevice xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"https://csipaus.org/ns/v1.3\""
                + " href=\"/edev/3\"><lFDI>3E4F45AB31EDFE5B67E343E5E4562E31984E23E5</lFDI><sFDI>167261211391</sFDI>"
                + "<changedTime>0</changedTime><csipaus:ConnectionPointLink href=\"/edev/3/cp\"/></EndDevice>";
        CsipAus.Read r = CSIP.read("test", edev.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(java.util.Map.of("/edev/3", "/edev/3/cp"), r.connectionPointLinks());
        assertTrue(!new String(r.sepDocument(), java.nio.charset.StandardCharsets.UTF_8).contains("ConnectionPoint"));
        CODEC.decode(r.sepDocument(), org.openvtn.schemas.sep.EndDevice.class);
    }

    /** csipaus-ext ConnectionPointType: connectionPointId is a String32; the client's document is schema-valid. */
    @Test
    void connectionPointIsValidatedBeforeItLeaves() throws Exception {
        String xml = new String(CSIP.connectionPoint("4102345678"), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(xml.contains("<connectionPointId>4102345678</connectionPointId>"), xml);
        assertTrue(xml.contains("xmlns=\"https://csipaus.org/ns/v1.3\""), xml);
        assertThrows(SepDeviceException.class, () -> CSIP.connectionPoint("N".repeat(33)));
        assertTrue(new String(CSIP.connectionPoint("a<b&c"), java.nio.charset.StandardCharsets.UTF_8)
                .contains("a&lt;b&amp;c"));
    }
}
