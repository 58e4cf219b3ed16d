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
                assertFalse(reg.httpPullModel(), "registered as a push VEN");
                assertEquals(firstAddress, reg.transportAddress());
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
                assertEquals(secondAddress, reg.transportAddress(), "the VTN knows the current address");
                assertTrue(!reg.httpPullModel());
            }
        }
    }
}
