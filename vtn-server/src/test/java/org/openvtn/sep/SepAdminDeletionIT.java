package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.sep.notify.DeliveryPolicy;

/**
 * Issue #17, admin API: deleting an EndDevice (with what it posted; its subscriptions end with Notification status 4,
 * IEEE 2030.5-2018 §5.6 "subscription canceled, resource deleted") and a MirrorUsagePoint; the registration PIN
 * accepted as the string the API itself returns, and a malformed one refused with a message saying what is expected.
 */
class SepAdminDeletionIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SepAdminFixture.PerTest admin =
            new SepAdminFixture.PerTest(() -> new SepFixture(DeliveryPolicy.defaults(), null));

    /** The PIN the API returns ("0" padded string) is accepted back; a malformed one says what is expected. */
    @Test
    void pinAsTheStringTheApiReturns() throws Exception {
        String lfdi = SepIdentity.lfdi(SepFixture.PKI.device().certificate());
        int pin = java.util.stream.IntStream.range(1230, 1240).filter(SepIdentity::isValidPin).findFirst()
                .orElseThrow();
        String text = String.format("%06d", pin);
        HttpResponse<String> created = admin.call("POST", "/sep/devices", "{\"lfdi\":\"" + lfdi + "\",\"pin\":\"" + text
                + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals(text, JSON.readTree(created.body()).get("pin").asText());
        HttpResponse<String> again = admin.call("POST", "/sep/devices", "{\"lfdi\":\"" + lfdi + "\",\"pin\":\""
                + JSON.readTree(created.body()).get("pin").asText() + "\"}");
        assertEquals(201, again.statusCode(), again.body());
        HttpResponse<String> bad = admin.call("POST", "/sep/devices", "{\"lfdi\":\"" + lfdi + "\",\"pin\":\"12-345\"}");
        assertEquals(400, bad.statusCode());
        JsonNode err = JSON.readTree(bad.body());
        assertEquals("pin", err.get("field").asText(), bad.body());
        assertTrue(err.get("error").asText().contains("six decimal digits")
                && err.get("error").asText().contains("\"012343\""), bad.body());
    }

    /** DELETE of a MirrorUsagePoint, then of the EndDevice: gone for the device, which may register anew. */
    @Test
    void deleteMirrorUsagePointAndEndDevice() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        try (SepFixture.Client device = admin.fx().client(cred);
             NotificationListener listener = new NotificationListener(cred)) {
            String edev = SepServerIT.register(device, cred);
            String mup = device.post("/mup", SepHarnessDefectsIT.mup("2100006CC8", "03", cred)).header("Location");
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(edev, listener.uri(), 1))
                    .status());
            JsonNode mirrors = JSON.readTree(admin.call("GET", "/sep/devices/" + lfdi + "/mirror-usage-points",
                    null).body());
            assertEquals(mup, mirrors.get(0).get("href").asText());
            long n = mirrors.get(0).get("id").asLong();

            assertEquals(404, admin.call("DELETE", "/sep/devices/" + lfdi + "/mirror-usage-points/" + (n + 99), null)
                    .statusCode());
            assertEquals(200, admin.call("DELETE", "/sep/devices/" + lfdi + "/mirror-usage-points/" + n,
                    null).statusCode());
            assertEquals(404, device.get(mup).status());
            assertEquals(0, device.get("/mup").resource(MirrorUsagePointList.class).getAll());

            assertEquals(200, admin.call("DELETE", "/sep/devices/" + lfdi, null).statusCode());
            assertEquals(404, admin.call("GET", "/sep/devices/" + lfdi, null).statusCode());
            assertEquals(404, admin.call("DELETE", "/sep/devices/" + lfdi, null).statusCode());
            assertEquals(404, device.get(edev).status());
            admin.fx().server.processChanges();
            NotificationListener.Received ended = listener.next();
            assertEquals(4, ended.notification().getStatus(), "subscription canceled, resource deleted");
            assertNull(ended.notification().getResource());
            SepFixture.Reply again = device.post("/edev", SepServerIT.endDevice(SepServerIT.lfdiOf(cred),
                    SepServerIT.sfdiOf(cred)));
            assertEquals(201, again.status(), "the device registers anew");
        }
    }
}
