package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.testing.TestPki;

/** Issue #18: the session-free revocation state of resumed sessions (see {@link CheckedPeers}). */
class CheckedPeersTest {

    private final TestPki pki = TestPki.shared();
    private final CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
    private final X509Certificate revoked = pki.revoked().certificate();
    private final X509Certificate good = pki.venEcc().certificate();

    @Test
    void aRevokedSerialSendsThePeerToTheFullCheckAndOnlyItsSerial() {
        CheckedPeers peers = new CheckedPeers();
        List<X509CRL> crls = List.of(crl(List.of(revoked)));
        assertTrue(peers.mayBeRevoked(new X509Certificate[] {revoked}, crls, 1));
        assertTrue(peers.mayBeRevoked(new X509Certificate[] {good, revoked}, crls, 1), "any certificate of the chain");
        assertFalse(peers.mayBeRevoked(new X509Certificate[] {good}, crls, 1));
        assertFalse(new CheckedPeers().mayBeRevoked(new X509Certificate[] {revoked}, List.of(), 1), "no CRL");
    }

    @Test
    void theRevokedSerialsFollowTheCrlGeneration() {
        CheckedPeers peers = new CheckedPeers();
        X509Certificate[] chain = {good};
        assertFalse(peers.mayBeRevoked(chain, List.of(crl(List.of())), 1));
        assertFalse(peers.mayBeRevoked(chain, List.of(crl(List.of(good))), 1), "same generation: same set");
        assertTrue(peers.mayBeRevoked(chain, List.of(crl(List.of(good))), 2), "a new generation is re-read");
    }

    @Test
    void aPeerIsRememberedAtItsGenerationAndForgottenBeyondTheBound() {
        CheckedPeers peers = new CheckedPeers(2);
        assertFalse(peers.checkedAt(good, 1));
        peers.remember(good, 1);
        assertTrue(peers.checkedAt(good, 1));
        assertFalse(peers.checkedAt(good, 2), "a CRL change means a new check");
        assertFalse(peers.checkedAt(revoked, 1), "another certificate");
        peers.remember(revoked, 1);
        peers.remember(pki.vtnEcc().certificate(), 1);
        assertFalse(peers.checkedAt(good, 1), "the least recently used peer is forgotten beyond the bound");
        assertTrue(peers.checkedAt(revoked, 1));
    }

    private X509CRL crl(List<X509Certificate> certs) {
        return ca.crl(certs, Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(1)));
    }
}
