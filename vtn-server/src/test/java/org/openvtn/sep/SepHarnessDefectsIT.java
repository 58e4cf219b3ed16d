package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.MeterReadingList;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.ResponseSetList;
import org.openvtn.schemas.sep.UsagePoint;
import org.openvtn.schemas.sep.UsagePointList;

/**
 * Issue #17, the defects an independent CSIP-AUS harness found, each under the procedure that found it: lists
 * advertised by DeviceCapability readable before an EndDevice exists (S-ALL-02/03/56), a re-POSTed
 * MirrorUsagePoint updated (S-ALL-07), a MirrorMeterReading mRID of another device refused (S-ALL-05), a
 * MirrorMeterReadingList accepted (S-ALL-06), the EndDeviceList subscribable (S-ALL-25), no XML declaration on any
 * response or notification, and reasonCode 0 for a root element in another namespace (IEEE 2030.5-2018 Error).
 */
class SepHarnessDefectsIT {
    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\"";

    private SepFixture fx;
    private Credential cred;
    private Credential otherCred;
    private SepFixture.Client device;
    private SepFixture.Client other;
    private Program program;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture();
        cred = SepFixture.PKI.device();
        otherCred = SepFixture.PKI.deviceViaMca();
        device = fx.client(cred);
        other = fx.client(otherCred);
        program = fx.core.programs().create("harness", "http://example.com/harness");
    }

    @AfterEach
    void stop() {
        device.close();
        other.close();
        fx.close();
    }

    private static String lfdi(Credential c) {
        return SepIdentity.lfdi(c.certificate());
    }

    static byte[] mup(String mrid, String roleFlags, Credential owner) {
        return ("<MirrorUsagePoint " + NS + "><mRID>" + mrid + "</mRID><description>site</description><roleFlags>"
                + roleFlags + "</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status><deviceLFDI>"
                + lfdi(owner) + "</deviceLFDI></MirrorUsagePoint>").getBytes(StandardCharsets.UTF_8);
    }

    static String mmr(String mrid, long value) {
        return "<MirrorMeterReading><mRID>" + mrid + "</mRID><description>W " + mrid.substring(0, 4)
                + "</description><Reading><value>" + value + "</value></Reading><ReadingType><accumulationBehaviour>12"
                + "</accumulationBehaviour><commodity>1</commodity><flowDirection>1</flowDirection><powerOfTenMultiplier>"
                + "0</powerOfTenMultiplier><uom>38</uom></ReadingType></MirrorMeterReading>";
    }

    private static byte[] single(String mrid, long value) {
        return mmr(mrid, value).replace("<MirrorMeterReading>", "<MirrorMeterReading " + NS + ">")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * CSIP-AUS S-ALL-02/03/56: every list DeviceCapability advertises answers 200 with an empty list to a client
     * that has no EndDevice yet (it was 400), so the procedures reach their real checks.
     */
    @Test
    void advertisedListsAreEmptyBeforeAnEndDeviceExists() throws Exception {
        MirrorUsagePointList mups = ok(device.get("/mup")).resource(MirrorUsagePointList.class);
        assertEquals(0, mups.getAll());
        assertEquals(0, mups.getResults());
        assertEquals(0, ok(device.get("/upt")).resource(UsagePointList.class).getAll());
        assertEquals(1, ok(device.get("/rsps?l=5")).resource(ResponseSetList.class).getAll());
        ResponseList rsp = ok(device.get("/rsps/" + program.id() + "/rsp")).resource(ResponseList.class);
        assertEquals(0, rsp.getAll());
        assertEquals(0, ok(device.get("/edev")).resource(EndDeviceList.class).getAll());
        assertEquals(404, device.get("/rsps/no-such-program/rsp").status());
    }

    /** CSIP-AUS S-ALL-07: the same MirrorUsagePoint mRID again updates it (roleFlags) and keeps its Location. */
    @Test
    void rePostedMirrorUsagePointIsUpdated() throws Exception {
        SepServerIT.register(device, cred);
        SepFixture.Reply first = device.post("/mup", mup("0A00006CC8", "03", cred));
        assertEquals(201, first.status(), first.text());
        String href = first.header("Location");
        SepFixture.Reply again = device.post("/mup", mup("0A00006CC8", "0D", cred));
        assertEquals(201, again.status(), again.text());
        assertEquals(href, again.header("Location"));
        MirrorUsagePoint read = ok(device.get(href)).resource(MirrorUsagePoint.class);
        assertEquals("0D", java.util.HexFormat.of().withUpperCase().formatHex(read.getRoleFlags().getValue()));
        UsagePoint up = ok(device.get(href.replace("/mup", "/upt"))).resource(UsagePoint.class);
        assertEquals("0D", java.util.HexFormat.of().withUpperCase().formatHex(up.getRoleFlags().getValue()));
        assertEquals(1, ok(device.get("/mup?l=10")).resource(MirrorUsagePointList.class).getAll());
    }

    /**
     * CSIP-AUS S-ALL-05: a MirrorMeterReading (or MirrorUsagePoint) whose mRID another device's mirror already uses
     * is refused with 400 reasonCode 1 and stores nothing; the owner's reading is untouched.
     */
    @Test
    void mridOfAnotherDevicesMirrorIsRefused() throws Exception {
        SepServerIT.register(device, cred);
        SepServerIT.register(other, otherCred);
        String mine = device.post("/mup", mup("0B00006CC8", "03", cred)).header("Location");
        assertEquals(201, device.post(mine, single("0C00006CC8", 5)).status());
        String theirs = other.post("/mup", mup("0D00006CC8", "03", otherCred)).header("Location");

        SepFixture.Reply stolen = other.post(theirs, single("0C00006CC8", 7));
        assertEquals(400, stolen.status(), stolen.text());
        assertEquals(1, stolen.resource(Error.class).getReasonCode());
        assertEquals(0, ok(other.get(theirs.replace("/mup", "/upt") + "/mr")).resource(MeterReadingList.class)
                .getAll());
        SepFixture.Reply sameMup = other.post("/mup", mup("0B00006CC8", "03", otherCred));
        assertEquals(400, sameMup.status(), sameMup.text());
        assertEquals(1, ok(other.get("/mup?l=10")).resource(MirrorUsagePointList.class).getAll());
    }

    /** CSIP-AUS S-ALL-06: POST /mup/{n} takes a MirrorMeterReadingList: 201, every reading stored. */
    @Test
    void mirrorMeterReadingListIsAccepted() throws Exception {
        SepServerIT.register(device, cred);
        String href = device.post("/mup", mup("0E00006CC8", "03", cred)).header("Location");
        byte[] list = ("<MirrorMeterReadingList " + NS + " all=\"2\" results=\"2\">" + mmr("0F00006CC8", 1)
                + mmr("1000006CC8", 2) + "</MirrorMeterReadingList>").getBytes(StandardCharsets.UTF_8);
        SepFixture.Reply r = device.post(href, list);
        assertEquals(201, r.status(), r.text());
        assertEquals(href, r.header("Location"));
        assertEquals(2, ok(device.get(href.replace("/mup", "/upt") + "/mr?l=10")).resource(MeterReadingList.class)
                .getAll());
        SepFixture.Reply wrong = device.post(href, mup("1100006CC8", "03", cred));
        assertEquals(400, wrong.status());
        assertEquals(0, wrong.resource(Error.class).getReasonCode());
    }

    /**
     * CSIP-AUS S-ALL-25: the EndDeviceList is subscribable ({@code subscribable="1"}); a subscription to it is
     * notified when the list changes (the operator provisions a PIN), with the list, and no XML declaration.
     */
    @Test
    void endDeviceListIsSubscribable() throws Exception {
        String edev = SepServerIT.register(device, cred);
        assertEquals(1, ok(device.get("/edev")).resource(EndDeviceList.class).getSubscribable());
        try (NotificationListener listener = new NotificationListener(cred)) {
            SepFixture.Reply sub = device.post(edev + "/sub", SepSubscriptionIT.subscription("/edev", listener.uri(),
                    10));
            assertEquals(201, sub.status(), sub.text());
            int pin = java.util.stream.IntStream.range(111110, 111120).filter(SepIdentity::isValidPin).findFirst()
                    .orElseThrow();
            fx.server.endDevices().provision(lfdi(cred), pin);
            fx.server.processChanges();
            NotificationListener.Received n = listener.next();
            assertEquals("/edev", n.notification().getSubscribedResource());
            EndDeviceList l = assertInstanceOf(EndDeviceList.class, n.notification().getResource());
            assertEquals(1, l.getAll());
            assertEquals(edev, l.getEndDevice().get(0).getHref());
            assertTrue(n.body()[0] == '<' && n.body()[1] != '?', "notification without XML declaration");
        }
    }

    /** Issue #17: no 2030.5 response carries an XML declaration (nor {@code standalone="yes"}), errors included. */
    @Test
    void noXmlDeclarationOnAnyResponse() throws Exception {
        String edev = SepServerIT.register(device, cred);
        for (String path : new String[] {"/dcap", "/tm", "/edev", edev, edev + "/fsa", "/rsps", "/edev?s=x"}) {
            String body = device.get(path).text();
            assertTrue(body.startsWith("<") && !body.startsWith("<?"), path + ": " + body);
            assertFalse(body.contains("standalone"), path);
        }
    }

    /**
     * IEEE 2030.5-2018 Error reasonCode 0 (invalid request format) for a body whose root element is in another
     * namespace (docs/ieee-2030.5.md), 1 for a 2030.5 root with invalid values.
     */
    @Test
    void foreignRootNamespaceIsReasonCodeZero() throws Exception {
        SepFixture.Reply foreign = device.post("/edev", ("<EndDevice xmlns=\"urn:example:other\"><lFDI>"
                + lfdi(cred) + "</lFDI></EndDevice>").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, foreign.status());
        assertEquals(0, foreign.resource(Error.class).getReasonCode());
        SepFixture.Reply none = device.post("/edev", "<EndDevice/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(0, none.resource(Error.class).getReasonCode());
        SepFixture.Reply invalid = device.post("/edev", ("<EndDevice " + NS + "><lFDI>not-hex</lFDI></EndDevice>")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(1, invalid.resource(Error.class).getReasonCode());
    }

    private static SepFixture.Reply ok(SepFixture.Reply r) {
        assertEquals(200, r.status(), r.text());
        return r;
    }
}
