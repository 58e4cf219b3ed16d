package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.Registration;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RealVtn;
import org.openvtn.ven.testing.RecordingListener;

/**
 * A push VEN against the real VTN ({@code vtn-server}, test scope) over mutual TLS, in-memory Derby: the VTN records
 * the registration as push (oadrHttpPullModel=false) with the VEN's listener as oadrTransportAddress (N0_5020, issue
 * #14 VEN side), and a restarted push VEN re-registers its stored registration with its new address (N0_5060 family).
 */
class RealVtnPushIT {

    @Test
    void N0_5020_theVtnRecordsAPushRegistrationWithTheListenerAddress() throws Exception {
        TestPki pki = TestPki.shared();
        Credential cred = RealVtn.credential(pki, "push-real-" + System.nanoTime());
        RegistrationStore store = RegistrationStore.inMemory();
        try (VtnServer server = RealVtn.startInMemory(pki, "pushreal")) {
            RegistrationInfo first;
            String firstAddress;
            try (VenClient client = RealVtn.client(pki, server, cred, new RecordingListener()).registrationStore(store)
                    .pushListener("127.0.0.1", 0).build()) {
                first = client.start();
                firstAddress = client.pushAddress().orElseThrow();
                assertEquals("https://127.0.0.1:" + client.pushPort(), firstAddress);
                Registration reg = server.core().registrations().byVenId(first.venId()).orElseThrow();
                assertFalse(reg.oadr().httpPullModel(), "registered as a push VEN");
                assertEquals(firstAddress, reg.oadr().transportAddress());
            }
            try (VenClient again = RealVtn.client(pki, server, cred, new RecordingListener()).registrationStore(store)
                    .pushListener("127.0.0.1", 0).build()) {
                RegistrationInfo second = again.start();
                String secondAddress = again.pushAddress().orElseThrow();
                assertNotEquals(firstAddress, secondAddress, "a new port 0 listener");
                // Re-registered (the VTN may issue a new registrationID), same venID, and not a second registration.
                assertEquals(first.venId(), second.venId());
                assertEquals(1, server.core().registrations().list().size());
                Registration reg = server.core().registrations().byVenId(second.venId()).orElseThrow();
                assertEquals(secondAddress, reg.oadr().transportAddress(), "the VTN knows the current address");
                assertTrue(!reg.oadr().httpPullModel());
            }
        }
    }

    /**
     * Issue #14 done criterion, E0_6010/E0_6020 end to end: the ven-client push VEN and the vtn-server push client
     * interoperate over mutual TLS both ways. An event created by the operator reaches the VEN's listener without a
     * poll, the VEN's synchronous oadrCreatedEvent is recorded as the event response, and a cancellation is pushed too.
     */
    @Test
    void E0_6010_anEventIsPushedAndItsAnswerRecorded() throws Exception {
        TestPki pki = TestPki.shared();
        Credential cred = RealVtn.credential(pki, "push-e2e-" + System.nanoTime());
        RecordingListener listener = new RecordingListener();
        try (VtnServer server = VtnServer.start(RealVtn.config(pki).inMemory("pushe2e" + System.nanoTime())
                .push(org.openvtn.oadr20b.push.PushConfig.builder().allowedHosts(java.util.List.of("127.0.0.1/32"))
                        .build()).build());
             VenClient client = RealVtn.client(pki, server, cred, listener).pushListener("127.0.0.1", 0).build()) {
            RegistrationInfo reg = client.start();
            org.openvtn.core.Program program = server.core().programs().create("push-e2e", "http://market/push");
            org.openvtn.core.Event event = server.core().events().create(org.openvtn.core.EventSpec.builder()
                    .programId(program.id()).start(java.time.Instant.now().plus(java.time.Duration.ofHours(2)))
                    .targets(org.openvtn.core.Targets.vens(reg.venId()))
                    .responseRequired(org.openvtn.core.ResponseRequired.ALWAYS)
                    .signal("SIMPLE", "level", null, java.util.List.of(java.util.Map.entry(
                            java.time.Duration.ofMinutes(30), 1.0))).build());
            DrEvent pushed = (DrEvent) listener.await("event").value();
            assertEquals(event.id(), pushed.eventId(), "pushed, not polled (the client polls hourly at most)");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (server.core().events().responses(event.id()).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(reg.venId(), server.core().events().responses(event.id()).get(0).participantId(),
                    "the synchronous oadrCreatedEvent is the event response");
            server.core().events().cancel(event.id());
            assertEquals(event.id(), ((DrEvent) listener.await("cancelled").value()).eventId());
        }
    }
}
