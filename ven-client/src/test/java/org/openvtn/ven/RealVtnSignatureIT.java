package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Targets;
import org.openvtn.oadr20b.security.OadrSignatureConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RecordingListener;

/**
 * OpenADR 2.0b security, XML signatures, between this client and the real VTN with signatures required on both
 * sides: the VTN refuses unsigned payloads and signs its answers, the client signs everything and refuses unsigned
 * answers. Registration bootstrap (N1_0020) and an event through a poll (E1_1020) work signed; an unsigned client
 * is refused 459 by the VTN, and a client requiring signatures refuses a VTN that does not sign (459).
 */
class RealVtnSignatureIT {
    private static final TestPki PKI = TestPki.shared();
    private static VtnServer signing;
    private static VtnServer plain;

    @BeforeAll
    static void start() {
        List<OadrSignatureConfig.SigningKey> keys = List.of(
                new OadrSignatureConfig.SigningKey(PKI.vtnEcc().key(), PKI.vtnEcc().chain()),
                new OadrSignatureConfig.SigningKey(PKI.vtnRsa().key(), PKI.vtnRsa().chain()));
        signing = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .tls(PKI.oadrServerConfig().build()).inMemory("ven-sig" + System.nanoTime())
                .requireSignatures(true).signResponses(true).signingKeys(keys).build());
        plain = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .tls(PKI.oadrServerConfig().build()).inMemory("ven-plain" + System.nanoTime()).build());
    }

    @AfterAll
    static void stop() {
        signing.close();
        plain.close();
    }

    private static Credential credential(String prefix) {
        String name = prefix + System.nanoTime();
        KeyPair k = new KeyPairs().ecP256();
        return PKI.pki().authority("oadr-intermediate").issue(name,
                CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    private static VenClientBuilder client(VtnServer server, Credential cred, RecordingListener listener) {
        return VenClient.builder().vtnUrl("https://localhost:" + server.oadrPort()).venName(cred.name())
                .tlsConfig(PKI.oadrClientConfig(cred).build()).listener(listener)
                .registrationStore(RegistrationStore.inMemory()).pollInterval(Duration.ofHours(1))
                .retryPolicy(new RetryPolicy(2, Duration.ofMillis(50), Duration.ofMillis(200), 2, 0.2));
    }

    @Test
    void signedBothWaysRegistersAndReceivesAnEvent() throws Exception {
        Credential cred = credential("signed-ven-");
        RecordingListener listener = new RecordingListener();
        try (VenClient client = client(signing, cred, listener).signingKey(cred.key(), cred.chain())
                .requireVtnSignatures(true).build()) {
            RegistrationInfo r = client.start();
            assertTrue(r.venId() != null && !r.venId().isBlank());
            String programId = signing.core().programs().create("sig-it", "http://market.example/dr").id();
            var event = signing.core().events().create(EventSpec.builder().programId(programId)
                    .start(Instant.now().plus(Duration.ofHours(2))).targets(Targets.everyone())
                    .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
            client.poll();
            DrEvent seen = (DrEvent) listener.await("event").value();
            assertEquals(event.id(), seen.eventId());
        }
    }

    @Test
    void unsignedClientIsRefusedByTheSigningVtn() {
        Credential cred = credential("unsigned-ven-");
        try (VenClient client = client(signing, cred, new RecordingListener()).build()) {
            VenException e = assertThrows(VenException.class, client::start);
            assertEquals(459, e.responseCode(), e.getMessage());
        }
    }

    @Test
    void clientRequiringSignaturesRefusesAnUnsignedVtn() {
        Credential cred = credential("strict-ven-");
        try (VenClient client = client(plain, cred, new RecordingListener()).signMessages(false)
                .requireVtnSignatures(true).build()) {
            VenException e = assertThrows(VenException.class, client::start);
            assertEquals(459, e.responseCode(), e.getMessage());
            assertTrue(e.getMessage().contains("MISSING"), e.getMessage());
        }
    }
}
