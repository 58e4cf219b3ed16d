package org.openvtn.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService.Admission;
import org.openvtn.core.PollItem;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.VtnException;
import org.openvtn.core.ErrorCode;

/**
 * Issue #12 item 5 (enrolment policy) and item 4 (one participant namespace): the decision table of open, approve
 * and allowlist, revocation under every policy, and participant state surviving a restart (migration V7).
 */
class ParticipantServiceTest extends CoreFixture {

    private static final ParticipantId VEN = ParticipantId.oadr("aa:bb:cc:dd:ee:ff:00:11:22:33");
    private static final ParticipantId DEVICE = ParticipantId.sep("0123456789abcdef0123456789abcdef01234567");

    /** Issue #12 item 5: the decision of each policy for unknown, pending, approved and revoked participants. */
    @Test
    void policies() {
        var p = core.participants();
        assertEquals(Admission.ADMITTED, p.admit(VEN, EnrolmentPolicy.OPEN));
        assertEquals(Admission.REFUSED, p.admit(VEN, EnrolmentPolicy.ALLOWLIST));
        assertTrue(p.list(null).isEmpty(), "open and allowlist record nobody");
        assertEquals(Admission.PENDING, p.admit(VEN, EnrolmentPolicy.APPROVE));
        assertEquals(Admission.PENDING, p.admit(VEN, EnrolmentPolicy.APPROVE));
        assertEquals(1, p.list(Participant.State.PENDING).size());
        assertEquals(Admission.REFUSED, p.admit(VEN, EnrolmentPolicy.ALLOWLIST), "pending is not provisioned");
        p.approve(VEN);
        for (EnrolmentPolicy policy : EnrolmentPolicy.values()) {
            assertEquals(Admission.ADMITTED, p.admit(VEN, policy));
        }
        p.revoke(VEN);
        for (EnrolmentPolicy policy : EnrolmentPolicy.values()) {
            assertEquals(Admission.REFUSED, p.admit(VEN, policy));
        }
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> p.approve(DEVICE)).errorCode());
        p.provision(DEVICE, "meter 4");
        assertEquals(Admission.ADMITTED, p.admit(DEVICE, EnrolmentPolicy.ALLOWLIST));
        assertEquals("sep:0123456789ABCDEF0123456789ABCDEF01234567", DEVICE.toString());
        assertEquals(DEVICE, ParticipantId.parse(DEVICE.toString()));
        assertEquals(VEN, ParticipantId.parse("oadr:AA:BB:CC:DD:EE:FF:00:11:22:33"));
    }

    /** Issue #12 item 5: approving a pending registered VEN asks it to re-register; revoking cancels it. */
    @Test
    void approveAndRevokeActOnTheRegistration() {
        String fp = "AA:BB:CC:DD:EE:FF:00:11:22:44";
        ParticipantId id = ParticipantId.oadr(fp);
        core.participants().admit(id, EnrolmentPolicy.APPROVE);
        String venId = core.registrations().register(RegistrationRequest.simple(fp, null, "v")).participantId();
        assertEquals(fp, venId);
        core.pollQueue().next(venId);
        core.participants().approve(id);
        assertEquals(PollItem.Kind.REREGISTRATION_REQUESTED, core.pollQueue().next(venId).orElseThrow().kind());
        core.participants().revoke(id);
        assertFalse(core.registrations().query(fp).isPresent());
    }

    /** Issue #12 items 4 and 5: venIDs are validated and never take the shape of a 2030.5 LFDI. */
    /** Issue #19: provisionAll approves known (pending) and unknown certificates in one go. */
    @Test
    void provisionAllApprovesEveryId() {
        ParticipantId other = ParticipantId.oadr("aa:bb:cc:dd:ee:ff:00:11:22:55");
        core.participants().admit(VEN, EnrolmentPolicy.APPROVE);
        core.participants().provisionAll(List.of(VEN, other), null);
        assertEquals(Participant.State.APPROVED, core.participants().find(VEN).orElseThrow().state());
        assertEquals(Participant.State.APPROVED, core.participants().find(other).orElseThrow().state());
        assertEquals(Admission.ADMITTED, core.participants().admit(other, EnrolmentPolicy.ALLOWLIST));
    }

    @Test
    void venIdsAreValidated() {
        for (String bad : new String[] {"a/b", "..", "a..b", "x\u0001", "", "0123456789abcdef0123456789abcdef01234567"}) {
            assertThrows(VtnException.class, () -> ParticipantId.checkVenId(bad), bad);
        }
        ParticipantId.checkVenId("ven-1.site_2:a");
    }

    /** Issue #12 item 5: participant state is stored (migration V7) and survives a restart. */
    @Test
    void stateSurvivesRestart(@TempDir Path dir) {
        MutableClock c = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        CoreConfig cfg = CoreConfig.builder().dataDir(dir.resolve("data")).clock(c).build();
        try (VtnCore first = VtnCore.open(cfg)) {
            first.participants().admit(VEN, EnrolmentPolicy.APPROVE);
            first.participants().provision(DEVICE, "meter 4");
        }
        try (VtnCore second = VtnCore.open(cfg)) {
            assertEquals(Participant.State.PENDING, second.participants().find(VEN).orElseThrow().state());
            Participant d = second.participants().find(DEVICE).orElseThrow();
            assertEquals(Participant.State.APPROVED, d.state());
            assertEquals("meter 4", d.label());
        }
    }
}
