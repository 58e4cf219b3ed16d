package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERProgram;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.DemandResponseProgram;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.Registration;

/**
 * Admin API for 2030.5 (issue 6): pre-register an EndDevice by LFDI with a PIN (IEEE 2030.5-2018
 * §8.3, CSIP-AUS S-ALL-01), list devices with last-seen, set a DefaultDERControl the device then
 * reads, delivery totals, and 400/404 errors for bad input.
 */
class SepAdminIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SepAdminFixture.PerTest admin = new SepAdminFixture.PerTest(SepFixture::new);

    @Test
    void devicesDefaultControlsAndDelivery() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        int pin = SepIdentity.pinWithCheckDigit(54321);
        HttpResponse<String> created = admin.call("POST", "/sep/devices",
                "{\"lfdi\":\"" + lfdi + "\",\"pin\":" + pin + ",\"groupIds\":[\"feeder-7\"]}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode d = JSON.readTree(created.body());
        assertTrue(d.get("registered").booleanValue());
        assertEquals("feeder-7", d.get("groupIds").get(0).asText());

        try (SepFixture.Client device = admin.fx().client(cred)) {
            String edev = SepServerIT.register(device, cred);
            assertEquals(d.get("href").asText(), edev, "the device finds its pre-registered EndDevice");
            String reg = device.get(edev).resource(EndDevice.class).getRegistrationLink().getHref();
            assertEquals(pin, device.get(reg).resource(Registration.class).getPIN().getValue());

            Program p = admin.fx().core.programs().create("admin", "http://example.com/admin");
            HttpResponse<String> put = admin.call("PUT", "/sep/programs/" + p.id() + "/default-control",
                    "{\"opModMaxLimW\":6000,\"opModConnect\":true}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals(6000, device.get(edev + "/derp/" + p.id() + "/dderc").resource(DefaultDERControl.class)
                    .getDERControlBase().getOpModMaxLimW().getValue());
            assertEquals(400, admin.call("PUT", "/sep/programs/" + p.id() + "/default-control",
                    "{\"opModMaxLimW\":20000}").statusCode());
            assertEquals(400, admin.call("PUT", "/sep/programs/" + p.id() + "/default-control",
                    "{\"bogus\":1}").statusCode());
            assertEquals(404, admin.call("PUT", "/sep/programs/nope/default-control", "{}").statusCode());
            primacyPerProgram(device, edev, p);
        }
        JsonNode list = JSON.readTree(admin.call("GET", "/sep/devices", null).body());
        assertEquals(1, list.size());
        assertTrue(list.get(0).hasNonNull("lastSeen"), "last seen is recorded on requests");
        assertEquals(400, admin.call("POST", "/sep/devices",
                "{\"lfdi\":\"" + lfdi + "\",\"pin\":123456}").statusCode());
        assertEquals(400, admin.call("POST", "/sep/devices", "{\"lfdi\":\"xyz\",\"pin\":" + pin + "}").statusCode());
        assertEquals(404, admin.call("GET", "/sep/devices/" + "AB".repeat(20), null).statusCode());
        JsonNode delivery = JSON.readTree(admin.call("GET", "/sep/delivery", null).body());
        assertEquals(0, delivery.get("dropped").asLong());
        assertTrue(admin.call("GET", "/openapi.json", null).body().contains("/sep/delivery"));
    }

    /**
     * Per-program primacy (IEEE 2030.5-2018 §10.10 DERProgram.primacy, DemandResponseProgram.primacy): the
     * listener's configured primacy until the operator sets one, then the set value, for this program only;
     * out-of-range and unknown programs are refused.
     */
    private void primacyPerProgram(SepFixture.Client device, String edev, Program p) throws Exception {
        Program other = admin.fx().core.programs().create("other", "http://example.com/other");
        assertEquals(404, admin.call("GET", "/sep/programs/" + p.id() + "/primacy", null).statusCode());
        short configured = device.get(edev + "/derp/" + p.id()).resource(DERProgram.class).getPrimacy().getValue();
        HttpResponse<String> put = admin.call("PUT", "/sep/programs/" + p.id() + "/primacy", "{\"primacy\":7}");
        assertEquals(200, put.statusCode(), put.body());
        assertEquals(7, JSON.readTree(admin.call("GET", "/sep/programs/" + p.id() + "/primacy", null).body())
                .get("primacy").asInt());
        assertEquals(7, device.get(edev + "/derp/" + p.id()).resource(DERProgram.class).getPrimacy().getValue());
        assertEquals(7, device.get(edev + "/drp/" + p.id()).resource(DemandResponseProgram.class).getPrimacy()
                .getValue());
        assertEquals(7, device.get(edev + "/fsa/" + p.id() + "/derp").resource(DERProgramList.class).getDERProgram()
                .get(0).getPrimacy().getValue());
        assertEquals(configured, device.get(edev + "/derp/" + other.id()).resource(DERProgram.class).getPrimacy()
                .getValue(), "another program keeps the configured primacy");
        assertEquals(400, admin.call("PUT", "/sep/programs/" + p.id() + "/primacy", "{\"primacy\":256}").statusCode());
        assertEquals(400, admin.call("PUT", "/sep/programs/" + p.id() + "/primacy",
                "{\"primacy\":\"x\"}").statusCode());
        assertEquals(404, admin.call("PUT", "/sep/programs/nope/primacy", "{\"primacy\":1}").statusCode());
    }
}
