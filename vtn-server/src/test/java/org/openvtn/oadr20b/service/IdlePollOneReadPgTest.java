package org.openvtn.oadr20b.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService.Admission;
import org.openvtn.core.PollItem;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrRequestReregistrationType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.OadrRequestReads;
import org.openvtn.store.PostgresServer;

/**
 * Issue #19 (docs/deployment.md "Read caches on PostgreSQL"): on PostgreSQL an idle oadrPoll (OpenADR 2.0b 8.7,
 * answered with oadrResponse) reads the caller's enrolment, registration and poll queue in one statement, one round
 * trip instead of three, with the same answers; and since those rows are read at the start of every request, never
 * cached, a revocation or cancellation made through another node is seen by the very next poll.
 */
class IdlePollOneReadPgTest {
    private static final String FP = "AB:00:00:00:00:00:00:00:00:19";

    @Test
    void anIdlePollIsOneRoundTripInsteadOfThreeWithTheSameAnswers() {
        try (VtnCore core = VtnCore.open(CoreConfig.builder()
                .database(PostgresServer.require().database("onepoll")).build())) {
            OadrServices services = OadrServices.of(core);
            Node node = new Node(core, services, EnrolmentPolicy.OPEN);
            String venId = core.registrations().register(RegistrationRequest.simple(FP, null, "ven")).participantId();
            assertInstanceOf(OadrDistributeEventType.class, node.poll(venId)); // the registration's distribution
            core.pollQueue().acknowledge(core.pollQueue().pending(venId).get(0).seq());

            long before = org.openvtn.store.Database.transactionsOnThisThread();
            assertInstanceOf(OadrResponseType.class, node.pollUnscoped(venId));
            assertEquals(4, org.openvtn.store.Database.transactionsOnThisThread() - before,
                    "round trips of an idle poll, read apart: enrolment, registration twice, queue");
            before = org.openvtn.store.Database.transactionsOnThisThread();
            assertInstanceOf(OadrResponseType.class, node.poll(venId));
            assertEquals(1, org.openvtn.store.Database.transactionsOnThisThread() - before, "round trips of an idle poll, one read");

            // a queued item is still claimed and sent (the claim reads through), and acknowledged as before
            core.pollQueue().enqueue(venId, PollItem.Kind.REREGISTRATION_REQUESTED, null);
            assertInstanceOf(OadrRequestReregistrationType.class, node.poll(venId));
            assertEquals(ErrorCode.INVALID_ID, node.refusal("not-" + venId), "a foreign venID, as before");
        }
    }

    @Test
    void aRevocationOrCancellationThroughAnotherNodeIsSeenByTheNextPoll() {
        DatabaseConfig db = PostgresServer.require().database("onepollnodes");
        try (VtnCore a = VtnCore.open(CoreConfig.builder().database(db).build());
             VtnCore b = VtnCore.open(CoreConfig.builder().database(db).build())) {
            Node nodeA = new Node(a, OadrServices.of(a), EnrolmentPolicy.ALLOWLIST);
            Node nodeB = new Node(b, OadrServices.of(b), EnrolmentPolicy.ALLOWLIST);
            ParticipantId id = ParticipantId.oadr(FP);
            assertEquals(Admission.REFUSED, nodeB.admission(), "not provisioned");
            a.participants().provision(id, "ven");
            String venId = a.registrations().register(RegistrationRequest.simple(FP, null, "ven")).participantId();
            assertInstanceOf(OadrDistributeEventType.class, nodeB.poll(venId), "provisioned on A, seen by B");
            assertInstanceOf(OadrResponseType.class, nodeA.poll(venId));

            a.registrations().deregister(venId); // the VTN cancels on node A
            assertInstanceOf(org.openvtn.schemas.oadr20b.OadrCancelPartyRegistrationType.class, nodeB.poll(venId),
                    "node B's next poll carries A's cancellation");
            a.registrations().register(RegistrationRequest.simple(FP, venId, "ven"));
            assertInstanceOf(OadrDistributeEventType.class, nodeB.poll(venId));

            a.participants().revoke(id); // the operator revokes on node A
            assertEquals(Admission.REFUSED, nodeB.admission(), "node B refuses at once");
            assertTrue(b.registrations().query(FP).isEmpty(), "and its registration is cancelled for B too");
        }
    }

    /** One VTN node as its OpenADR listener serves an oadrPoll: admission, then the poll service, in one scope. */
    private record Node(VtnCore core, OadrServices services, EnrolmentPolicy policy) {
        Admission admission() {
            try (OadrRequestReads.Scope s = OadrRequestReads.scope()) {
                return core.participants().admit(ParticipantId.oadr(FP), policy);
            }
        }

        Object poll(String venId) {
            try (OadrRequestReads.Scope s = OadrRequestReads.scope()) {
                assertEquals(Admission.ADMITTED, core.participants().admit(ParticipantId.oadr(FP), policy));
                return services.poll().poll(new OadrCaller(FP, "CN=ven"), request(venId));
            }
        }

        Object pollUnscoped(String venId) {
            assertEquals(Admission.ADMITTED, core.participants().admit(ParticipantId.oadr(FP), policy));
            return services.poll().poll(new OadrCaller(FP, "CN=ven"), request(venId));
        }

        ErrorCode refusal(String venId) {
            try {
                poll(venId);
                throw new AssertionError("the poll was answered");
            } catch (VtnException e) {
                return e.errorCode();
            }
        }

        private static OadrPollType request(String venId) {
            OadrPollType poll = new OadrPollType();
            poll.setSchemaVersion("2.0b");
            poll.setVenID(venId);
            return poll;
        }
    }
}
