package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.Registration;
import org.openvtn.schemas.sep.SFDIType;
import org.openvtn.schemas.sep.Time;

/**
 * IEEE 2030.5 server over real mutual TLS with CCM_8 clients: discovery, time, EndDevice,
 * Registration, FunctionSetAssignments and the §5.5 HTTP semantics (CSIP CORE-001/004/005/009/010,
 * CSIP-AUS S-ALL-01/02/05/52/56).
 */
class SepServerIT {
    private static SepFixture fx;
    private static SepFixture.Client device;
    private static SepFixture.Client other;
    private static Credential deviceCred;
    private static Credential otherCred;

    @BeforeAll
    static void start() throws Exception {
        fx = new SepFixture();
        deviceCred = SepFixture.PKI.device();
        otherCred = SepFixture.PKI.deviceViaMca();
        device = fx.client(deviceCred);
        other = fx.client(otherCred);
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
        other.close();
        fx.close();
    }

    static byte[] endDevice(byte[] lfdi, Long sfdi) throws Exception {
        EndDevice e = new EndDevice();
        e.setLFDI(lfdi);
        if (sfdi != null) {
            SFDIType s = new SFDIType();
            s.setValue(sfdi);
            e.setSFDI(s);
        } else {
            SFDIType s = new SFDIType();
            s.setValue(0);
            e.setSFDI(s);
        }
        e.setChangedTime(new org.openvtn.schemas.sep.TimeType());
        return SepFixture.CODEC.encode(e);
    }

    static byte[] lfdiOf(Credential c) {
        return HexFormat.of().parseHex(SepIdentity.lfdi(c.certificate()));
    }

    static long sfdiOf(Credential c) {
        return SepIdentity.sfdi(c.certificate());
    }

    /**
     * Registers a device by POST /edev and returns its href (CSIP-AUS S-ALL-02 in-band registration): 201, or 409
     * with the existing EndDevice's Location when the LFDI is registered already (S-ALL-51, e.g. pre-provisioned).
     */
    static String register(SepFixture.Client client, Credential c) throws Exception {
        SepFixture.Reply r = client.post("/edev", endDevice(lfdiOf(c), sfdiOf(c)));
        assertTrue(r.status() == 201 || r.status() == 409, r.status() + " " + r.text());
        return r.header("Location");
    }

    /** CSIP CORE-001/CORE-005: /dcap and /tm over CCM_8, application/sep+xml, pollRate 900. */
    @Test
    void discoveryAndTime() throws Exception {
        SepFixture.Reply r = device.get("/dcap");
        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("application/sep+xml"));
        DeviceCapability d = r.resource(DeviceCapability.class);
        assertEquals("/dcap", d.getHref());
        assertEquals(900L, d.getPollRate());
        assertEquals("/tm", d.getTimeLink().getHref());
        assertEquals("/edev", d.getEndDeviceListLink().getHref());

        Time t = device.get("/tm").resource(Time.class);
        assertEquals(SepFixture.T0.getEpochSecond(), t.getCurrentTime().getValue());
        assertEquals(0, t.getTzOffset().getValue());
        assertEquals(0, t.getDstOffset().getValue());
        assertEquals(900L, t.getPollRate());

        SepFixture.Reply head = device.send("HEAD", "/tm", null);
        assertEquals(200, head.status());
        assertEquals(0, head.body().length);
    }

    /** IEEE 2030.5 §5.5 / CSIP CORE-001: 404 unknown, 405 + Allow, unknown query parameters ignored (CORE-004). */
    @Test
    void httpSemantics() throws Exception {
        assertEquals(404, device.get("/nothing").status());
        SepFixture.Reply r = device.send("DELETE", "/dcap", null);
        assertEquals(405, r.status());
        assertEquals("GET, HEAD", r.header("Allow"));
        SepFixture.Reply put = device.send("PUT", "/edev", endDevice(lfdiOf(deviceCred), sfdiOf(deviceCred)));
        assertEquals(405, put.status());
        assertEquals("GET, HEAD, POST", put.header("Allow"));
        assertEquals(200, device.get("/dcap?foo=bar&x").status());
        SepFixture.Reply bad = device.get("/edev?s=abc");
        assertEquals(400, bad.status());
        assertEquals(1, bad.resource(Error.class).getReasonCode());
    }

    /**
     * CSIP CORE-009, CSIP-AUS S-ALL-02/05: POST own EndDevice -> 201 + Location; the list shows only
     * the caller's device; another device's resources are 404; a duplicate POST (S-ALL-51) creates nothing and is
     * refused with 409 + Error reasonCode 1, its Location naming the existing resource.
     */
    @Test
    void endDeviceRegistrationAndIsolation() throws Exception {
        String mine = register(device, deviceCred); // 201, or 409 when another test of this class registered it
        assertTrue(mine.matches("/edev/\\d+"), mine);
        SepFixture.Reply again = device.post("/edev", endDevice(lfdiOf(deviceCred), sfdiOf(deviceCred)));
        assertEquals(409, again.status(), "S-ALL-51: a second POST of a registered LFDI is refused");
        assertEquals(1, again.resource(Error.class).getReasonCode());
        assertEquals(mine, again.header("Location"), "the 409 names the existing EndDevice");
        String theirs = register(other, otherCred);

        EndDeviceList list = device.get("/edev?l=10").resource(EndDeviceList.class);
        assertEquals(1, list.getAll());
        assertEquals(1, list.getResults());
        EndDevice e = list.getEndDevice().get(0);
        assertEquals(mine, e.getHref());
        assertArrayEquals(lfdiOf(deviceCred), e.getLFDI());
        assertEquals(sfdiOf(deviceCred), e.getSFDI().getValue());
        assertEquals(mine + "/fsa", e.getFunctionSetAssignmentsListLink().getHref());

        assertEquals(200, device.get(mine).status());
        assertNull(other.get(theirs).resource(EndDevice.class).getRegistrationLink(),
                "no registration provisioned: no RegistrationLink (CSIP-AUS ALL-05)");
        assertEquals(404, other.get(theirs + "/reg").status());
        assertEquals(404, device.get(theirs).status(), "S-ALL-05: another device's EndDevice");
        assertEquals(404, device.get(theirs + "/fsa").status());
        assertEquals(404, other.get(mine + "/reg").status());
        assertEquals(1, device.get("/dcap").resource(DeviceCapability.class).getEndDeviceListLink().getAll());
    }

    /** CSIP-AUS S-ALL-52: an lFDI or sFDI that is not the certificate's is refused with 403. */
    @Test
    void lfdiNotMatchingCertificate() throws Exception {
        SepFixture.Reply r = device.post("/edev", endDevice(lfdiOf(otherCred), null));
        assertEquals(403, r.status());
        assertEquals(1, r.resource(Error.class).getReasonCode());
        SepFixture.Reply s = device.post("/edev", endDevice(lfdiOf(deviceCred), sfdiOf(otherCred)));
        assertEquals(403, s.status());
    }

    /** CSIP-AUS S-ALL-56 and §5.5: a string (non-hex) LFDI, malformed XML or a wrong media type -> 400/415. */
    @Test
    void malformedEndDevices() throws Exception {
        String hex = HexFormat.of().formatHex(lfdiOf(deviceCred));
        String good = new String(endDevice(lfdiOf(deviceCred), sfdiOf(deviceCred)), StandardCharsets.UTF_8);
        String stringLfdi = good.replaceAll("(?i)" + hex, "not-a-hex-lfdi-at-all-but-a-string-xxxxx");
        SepFixture.Reply r = device.post("/edev", stringLfdi.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status());
        assertNotNull(r.resource(Error.class));
        SepFixture.Reply m = device.post("/edev", "<EndDevice".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, m.status());
        assertEquals(0, m.resource(Error.class).getReasonCode());
        Registration reg = new Registration();
        reg.setDateTimeRegistered(new org.openvtn.schemas.sep.TimeType());
        reg.setPIN(new org.openvtn.schemas.sep.PINType());
        SepFixture.Reply wrongRoot = device.post("/edev", SepFixture.CODEC.encode(reg));
        assertEquals(400, wrongRoot.status());
    }

    /** IEEE 2030.5 §8.3 / CSIP-AUS S-ALL-01: an out-of-band PIN (with check digit) appears as Registration. */
    @Test
    void registrationPin() throws Exception {
        String mine = register(device, deviceCred);
        int pin = SepIdentity.pinWithCheckDigit(12345);
        fx.server.endDevices().provision(SepIdentity.lfdi(deviceCred.certificate()), pin);
        EndDevice e = device.get(mine).resource(EndDevice.class);
        assertEquals(mine + "/reg", e.getRegistrationLink().getHref());
        Registration reg = device.get(mine + "/reg").resource(Registration.class);
        assertEquals(pin, reg.getPIN().getValue());
        assertTrue(SepIdentity.isValidPin((int) reg.getPIN().getValue()));
        assertEquals(SepFixture.T0.getEpochSecond(), reg.getDateTimeRegistered().getValue());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> fx.server.endDevices().provision(SepIdentity.lfdi(deviceCred.certificate()), 123456));
    }

    /** CSIP CORE-010: the FSA list is reachable from the EndDevice; one FSA per core program. */
    @Test
    void functionSetAssignments() throws Exception {
        String mine = register(device, deviceCred);
        fx.core.programs().create("fsa-test", "http://example.com/fsa");
        FunctionSetAssignmentsList l = device.get(mine + "/fsa?l=50").resource(FunctionSetAssignmentsList.class);
        assertTrue(l.getAll() >= 1);
        assertEquals(l.getAll(), l.getResults());
        l.getFunctionSetAssignments().forEach(f -> {
            assertTrue(f.getHref().startsWith(mine + "/fsa/"));
            assertEquals("/tm", f.getTimeLink().getHref());
        });
        assertEquals(1, device.get(mine + "/fsa").resource(FunctionSetAssignmentsList.class).getResults(),
                "default l is 1");
    }
}
