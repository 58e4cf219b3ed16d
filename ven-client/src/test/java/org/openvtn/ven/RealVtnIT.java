package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Targets;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RecordingListener;

/**
 * The client against the real VTN ({@code vtn-server}, test scope only): port 0, mutual TLS,
 * in-memory Derby. N1_0020 registration bootstrap, then E1_1020: an event created on the VTN
 * reaches the application through a poll.
 */
class RealVtnIT {

    @Test
    void registersAndReceivesAnEventFromTheRealVtn() throws Exception {
        TestPki pki = TestPki.shared();
        String name = "real-ven-" + System.nanoTime();
        KeyPair k = new KeyPairs().ecP256();
        Credential cred = pki.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
        RecordingListener listener = new RecordingListener();
        try (VtnServer server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .tls(pki.oadrServerConfig().build()).inMemory("venclient" + System.nanoTime()).build());
             VenClient client = VenClient.builder().vtnUrl("https://localhost:" + server.oadrPort()).venName(name)
                     .tlsConfig(pki.oadrClientConfig(cred).build()).listener(listener)
                     .registrationStore(RegistrationStore.inMemory()).pollInterval(Duration.ofHours(1))
                     .retryPolicy(new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(500), 2, 0.2))
                     .build()) {
            RegistrationInfo r = client.start();
            assertTrue(r.venId() != null && !r.venId().isBlank());
            String programId = server.core().programs().create("ven-client-it", "http://market.example/dr").id();
            var event = server.core().events().create(EventSpec.builder().programId(programId)
                    .start(Instant.now().plus(Duration.ofHours(2))).targets(Targets.everyone())
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
            client.poll();
            DrEvent seen = (DrEvent) listener.await("event").value();
            assertEquals(event.id(), seen.eventId());
            assertEquals(1, client.events().size());
        }
    }
}
