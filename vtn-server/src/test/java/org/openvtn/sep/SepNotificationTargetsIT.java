package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.SubscriptionList;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * Server-side request forgery through a subscription's notificationURI (issue #12 item 10): with the production
 * rule, a device cannot make the server POST to loopback, private or link-local addresses unless the operator's
 * allowlist names them; refused with 400 and an Error (IEEE 2030.5-2018 §5.6, reasonCode 1 invalid values), nothing
 * stored. Over real mutual TLS on the 2030.5 listener.
 */
class SepNotificationTargetsIT {
    private SepFixture fx;
    private SepFixture.Client device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
        if (fx != null) {
            fx.close();
        }
    }

    private String start(NotificationTargets targets) throws Exception {
        fx = new SepFixture(DeliveryPolicy.builder().targets(targets).build(), null, true);
        Credential cred = SepFixture.PKI.device();
        device = fx.client(cred);
        String edev = SepServerIT.register(device, cred);
        fx.core.programs().create("ssrf", "http://example.com/ssrf");
        return edev;
    }

    @Test
    void productionRuleRefusesLoopbackPrivateAndLinkLocalTargets() throws Exception {
        String edev = start(NotificationTargets.publicOnly(List.of()));
        for (String uri : List.of("https://127.0.0.1:9/n", "https://localhost/n", "https://[::1]/n",
                "https://10.0.0.8/n", "https://192.168.1.20:8443/n", "https://169.254.169.254/latest/meta-data",
                "https://[fd00::1]/n", "https://[::ffff:127.0.0.1]/n", "https://0.0.0.0/n")) {
            SepFixture.Reply r = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev, uri, 1));
            assertEquals(400, r.status(), uri + ": " + r.text());
            Error e = r.resource(Error.class);
            assertEquals(1, e.getReasonCode(), uri);
        }
        assertEquals(0, device.get(edev + "/sub").resource(SubscriptionList.class).getAll(), "nothing stored");
        assertEquals(200, device.get("/dcap").status(), "the server is still up");
    }

    @Test
    void allowlistedBlockIsAccepted() throws Exception {
        String edev = start(NotificationTargets.publicOnly(List.of("127.0.0.0/8")));
        SepFixture.Reply r = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev, "https://127.0.0.1:9/n", 1));
        assertEquals(201, r.status(), r.text());
        r = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev, "https://10.1.2.3/n", 1));
        assertEquals(400, r.status(), "only the named block is allowed: " + r.text());
        assertTrue(device.get(edev + "/sub").resource(SubscriptionList.class).getAll() == 1);
    }
}
