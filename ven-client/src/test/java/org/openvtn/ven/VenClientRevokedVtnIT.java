package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.certs.tls.TlsProvider;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.ven.testing.FakeVtn;
import org.openvtn.ven.testing.RecordingListener;

/**
 * Issue #12 item 1, client role: the VEN client (Netty) refuses a VTN whose certificate its CRL
 * revokes, even when the VTN sends it as {@code [revoked leaf, unrelated certificate,
 * intermediate]}; nothing reaches the VTN.
 */
class VenClientRevokedVtnIT {

    @Test
    void revokedVtnBehindPaddedChainRefused(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        KeyPair k = new KeyPairs().ecP256();
        Credential vtnCert = ca.issue("revoked-vtn", CertificateProfiles.oadrServer("localhost", k.getPublic(),
                Instant.now()).build(), k.getPrivate());
        Path crl = dir.resolve("vtn.crl");
        PemFiles.writeCrl(crl, ca.crl(List.of(vtnCert.certificate()), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(1))));
        // JKS keeps the chain in the given (padded) order; PKCS#12 would refuse it
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("vtn", vtnCert.key(), pw, new X509Certificate[] {vtnCert.certificate(),
                pki.unknownCa().certificate(), ca.certificate()});
        LinkedBlockingQueue<String> rejections = new LinkedBlockingQueue<>();
        try (VenRuntime runtime = VenRuntime.create(1, 2);
             FakeVtn vtn = new FakeVtn(OadrCodec.create(new PublishedSchemas()), TlsConfig.builder()
                     .profile(TlsProfile.OPENADR_20B).keyStore(ks, pw).trustAnchorFile(pki.pki().caFile())
                     .provider(TlsProvider.JDK).build());
             VenClient client = VenClient.builder().vtnUrl(vtn.url()).venName("ven-revoked-vtn")
                     .tlsConfig(pki.oadrClientConfig(pki.venEcc()).hostnameVerification(false).crlFile(crl)
                             .rejectionListener((c, peer, cert, reason) -> rejections.add(reason)).build())
                     .listener(new RecordingListener()).registrationStore(RegistrationStore.inMemory())
                     .runtime(runtime).pollInterval(Duration.ofHours(1))
                     .retryPolicy(new RetryPolicy(1, Duration.ofMillis(20), Duration.ofMillis(50), 2, 0.2))
                     .connectTimeout(Duration.ofSeconds(5)).readTimeout(Duration.ofSeconds(10)).build()) {
            assertThrows(Exception.class, client::start);
            String reason = rejections.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason, "the VEN reported no rejection");
            assertTrue(reason.contains("revoked"), reason);
            assertTrue(vtn.received.isEmpty(), "nothing reached the VTN");
        }
    }
}
