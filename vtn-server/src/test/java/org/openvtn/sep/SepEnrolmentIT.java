package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.sep.notify.DeliveryPolicy;

/**
 * Issue #12 item 5 on the IEEE 2030.5 listener, over mutual TLS (CCM_8): under {@code approve} a new device may
 * create and read its EndDevice but gets 403 for everything else (FunctionSetAssignments, programs, controls)
 * until approved; under {@code allowlist} an unprovisioned device gets 403 for every resource; a revoked device
 * gets 403 under any policy.
 */
class SepEnrolmentIT {

    private static ParticipantId idOf(Credential c) {
        return ParticipantId.sep(SepIdentity.lfdi(c.certificate()));
    }

    /** Issue #12 item 5, approve: the EndDevice is created but pending; after approval its function sets open. */
    @Test
    void approvePolicyRegistersButWithholdsUntilApproved() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(DeliveryPolicy.defaults(), null, EnrolmentPolicy.APPROVE);
             SepFixture.Client device = fx.client(cred)) {
            assertEquals(200, device.get("/dcap").status());
            String href = SepServerIT.register(device, cred);
            assertEquals(200, device.get(href).status());
            assertEquals(403, device.get(href + "/fsa").status());
            assertEquals(403, device.get("/rsps").status());
            assertEquals(Participant.State.PENDING, fx.core.participants().find(idOf(cred)).orElseThrow().state());
            assertTrue(fx.core.participants().list(Participant.State.PENDING).stream()
                    .anyMatch(p -> p.id().equals(idOf(cred))));

            fx.core.participants().approve(idOf(cred));
            assertEquals(200, device.get(href + "/fsa").status());
        }
    }

    /** Issue #12 item 5, allowlist: 403 for every resource until provisioned; a revoked device gets 403 again. */
    @Test
    void allowlistRefusesUntilProvisionedAndRevokeRefusesAgain() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(DeliveryPolicy.defaults(), null, EnrolmentPolicy.ALLOWLIST);
             SepFixture.Client device = fx.client(cred)) {
            assertEquals(403, device.get("/dcap").status());
            assertEquals(403, device.post("/edev", SepServerIT.endDevice(SepServerIT.lfdiOf(cred),
                    SepServerIT.sfdiOf(cred))).status());
            assertTrue(fx.core.participants().list(null).isEmpty(), "nothing recorded for a refused device");

            fx.core.participants().provision(idOf(cred), "site 7");
            assertEquals(200, device.get("/dcap").status());
            String href = SepServerIT.register(device, cred);
            assertEquals(200, device.get(href + "/fsa").status());

            fx.core.participants().revoke(idOf(cred));
            assertEquals(403, device.get("/dcap").status());
            assertEquals(403, device.get(href + "/fsa").status());
        }
    }

    /**
     * Issue #12 item 5 and IEEE 2030.5-2018 §5.6: a revoked device's subscription carries no more controls; its next
     * notification ends the subscription (status 4, no resource).
     */
    @Test
    void revokedDeviceGetsNoControlsByNotification() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(DeliveryPolicy.defaults(), null, EnrolmentPolicy.OPEN);
             SepFixture.Client device = fx.client(cred);
             NotificationListener listener = new NotificationListener(cred)) {
            String href = SepServerIT.register(device, cred);
            Program program = fx.core.programs().create("enrol-sub", "http://example.com/enrol-sub");
            String derc = href + "/derp/" + program.id() + "/derc";
            assertEquals(201, device.post(href + "/sub", SepSubscriptionIT.subscription(derc, listener.uri(), 10))
                    .status());
            fx.core.participants().revoke(idOf(cred));
            fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(600))
                    .targets(Targets.vens(SepIdentity.lfdi(cred.certificate()))).responseRequired(ResponseRequired.NEVER)
                    .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 4.0))).build());
            Notification n = listener.next().notification();
            assertEquals(4, n.getStatus());
            assertNull(n.getResource());
        }
    }

    /** Issue #12 item 5: under the open (development) policy nothing changes, but a revoked device is refused. */
    @Test
    void openPolicyStillRefusesRevokedDevices() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(DeliveryPolicy.defaults(), null, EnrolmentPolicy.OPEN);
             SepFixture.Client device = fx.client(cred)) {
            String href = SepServerIT.register(device, cred);
            assertEquals(200, device.get(href + "/fsa").status());
            assertTrue(fx.core.participants().list(null).isEmpty());
            fx.core.participants().revoke(idOf(cred));
            assertEquals(403, device.get(href).status());
        }
    }
}
