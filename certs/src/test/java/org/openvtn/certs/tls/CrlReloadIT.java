package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.certs.testing.TestPki;

/**
 * Issue #12 item 2: revocation data is not static. A CRL file rewritten while the server runs
 * takes effect on the next handshake, also for a client that resumes a cached TLS session; an
 * unreadable rewrite keeps the last good CRLs; a CRL past its nextUpdate is counted as stale.
 */
class CrlReloadIT {

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> rejections = new LinkedBlockingQueue<>();

    /** Issue #12 item 2: CRL reload on change, and no resumed session outlives the revocation. */
    @Test
    void rewrittenCrlRefusesNewAndResumedSessions() throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Credential ven = freshVen(ca, "reload-ven");
        Path crl = dir.resolve("oadr.crl");
        Instant now = Instant.now();
        TlsFactory serverTls = reloadingServer(pki, ca, crl, now);
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        TlsFactory other = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build());
        try (JettyTlsServer server = new JettyTlsServer(serverTls)) {
            for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
                assertTrue(get(client, server, protocol).startsWith("HTTP/1.1 200"), protocol);
                assertTrue(get(client, server, protocol).startsWith("HTTP/1.1 200"), protocol); // a resumed one
            }
            assertEquals(0, rejections.size());

            PemFiles.writeCrl(crl, ca.crl(List.of(ven.certificate()), now.minusSeconds(30),
                    now.plus(Duration.ofDays(7))));

            for (String protocol : new String[] {"TLSv1.2", "TLSv1.3"}) {
                assertThrows(IOException.class, () -> get(client, server, protocol), protocol + " cached session");
                assertRevoked();
            }
            TlsFactory fresh = TlsFactory.of(pki.oadrClientConfig(ven).build());
            assertThrows(IOException.class, () -> get(fresh, server, "TLSv1.2"));
            assertRevoked();
            assertTrue(get(other, server, "TLSv1.3").startsWith("HTTP/1.1 200"), "other VENs still served");

            Files.writeString(crl, "-----BEGIN X509 CRL-----\nnot a crl\n-----END X509 CRL-----\n",
                    StandardCharsets.US_ASCII);
            assertThrows(IOException.class, () -> get(fresh, server, "TLSv1.2"), "last good CRL kept");
            assertRevoked();
        }
    }

    /**
     * Issue #12 item 2: a client whose certificate expires while its TLS session is cached is refused
     * when it resumes that session (the trust manager never sees a resumed handshake).
     */
    @Test
    void expiredClientDoesNotResume() throws Exception {
        TestPki pki = TestPki.shared();
        Credential ven = freshVen(pki.pki().authority("oadr-intermediate"), "expiring-ven");
        MutableClock clock = new MutableClock(Instant.now());
        TlsFactory serverTls = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B)
                .credentials(pki.vtnRsa(), pki.vtnEcc()).trustAnchorFile(pki.pki().caFile()).clock(clock)
                .rejectionListener((c, peer, cert, reason) -> rejections.add(reason)).build());
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        try (JettyTlsServer server = new JettyTlsServer(serverTls)) {
            assertTrue(get(client, server, "TLSv1.2").startsWith("HTTP/1.1 200"));
            clock.set(ven.certificate().getNotAfter().toInstant().plusSeconds(1));
            assertThrows(IOException.class, () -> get(client, server, "TLSv1.2"), "resumed after expiry");
            String reason = rejections.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason, "no rejection reported");
            assertTrue(reason.contains("NotAfter"), reason);
        }
    }

    /** Issue #12 item 2: a CRL whose nextUpdate has passed is still used and counted as stale. */
    @Test
    void staleCrlCounted() throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Path crl = dir.resolve("stale.crl");
        Instant now = Instant.now();
        PemFiles.writeCrl(crl, ca.crl(List.of(pki.revoked().certificate()), now.minus(Duration.ofDays(8)),
                now.minus(Duration.ofDays(1))));
        TlsFactory tls = TlsFactory.of(pki.oadrServerConfig().crlFile(crl).build());
        assertEquals(2, tls.revocation().crls().size(), "the test PKI's CRL and the stale one");
        assertEquals(1, tls.revocation().staleCrls());
    }

    /**
     * Issue #18: the OpenADR 2.0b server (SunJSSE, TLS 1.2 as OpenADR 2.0b requires) resumes from stateless session
     * tickets (RFC 5077) and keeps no session of its own, and a session resumed from a ticket still honours a CRL
     * published after the session began (issue #12 item 2): the ticket comes back from the client, so no server-side
     * invalidation can reach it; only the session guard's check of the current CRLs can.
     */
    @Test
    void ticketResumedSessionOfARevokedCertificateIsRefused() throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Credential ven = freshVen(ca, "ticket-ven");
        Path crl = dir.resolve("oadr.crl");
        Instant now = Instant.now();
        TlsFactory serverTls = reloadingServer(pki, ca, crl, now);
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        try (JettyTlsServer server = new JettyTlsServer(serverTls)) {
            Answer first = getTls12(client, server);
            assertTrue(first.response().startsWith("HTTP/1.1 200"), first.response());
            Answer resumed = getTls12(client, server);
            assertTrue(resumed.response().startsWith("HTTP/1.1 200"), resumed.response());
            assertArrayEquals(first.sessionId(), resumed.sessionId(), "the second connection resumed the session");
            assertTrue(resumed.response().contains("peer=" + org.openvtn.certs.identity.CertificateIdentity
                    .of(ven.certificate()).oadrFingerprint()), "the ticket keeps the VEN's identity");
            assertFalse(serverTls.serverSslContext().getServerSessionContext().getIds().hasMoreElements(),
                    "resumed from a stateless ticket: the server holds no session");

            PemFiles.writeCrl(crl, ca.crl(List.of(ven.certificate()), now.minusSeconds(30),
                    now.plus(Duration.ofDays(7))));
            assertThrows(IOException.class, () -> getTls12(client, server), "a ticket does not outlive revocation");
            assertRevoked();
        }
    }

    private record Answer(byte[] sessionId, String response) {
    }

    /** A server whose CRL file (empty at first) is looked at on every handshake; rejections go to the queue. */
    private TlsFactory reloadingServer(TestPki pki, CertificateAuthority ca, Path crl, Instant now) throws Exception {
        PemFiles.writeCrl(crl, ca.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(7))));
        return TlsFactory.of(pki.oadrServerConfig().crlFile(crl).crlReloadInterval(Duration.ZERO)
                .rejectionListener((c, peer, cert, reason) -> rejections.add(reason)).build());
    }

    private static Answer getTls12(TlsFactory client, JettyTlsServer server) throws IOException {
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(10_000);
            s.startHandshake();
            byte[] id = s.getSession().getId();
            String response = JettyTlsServer.get(s);
            if (response.isEmpty()) {
                throw new IOException("connection closed without a response");
            }
            return new Answer(id, response);
        }
    }

    private void assertRevoked() throws InterruptedException {
        String reason = rejections.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason, "no rejection reported");
        assertTrue(reason.toLowerCase(Locale.ROOT).contains("revoked"), reason);
    }

    private static Credential freshVen(CertificateAuthority ca, String name) {
        KeyPair k = new KeyPairs().ecP256();
        return ca.issue(name, CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(),
                k.getPrivate());
    }

    private static String get(TlsFactory client, JettyTlsServer server, String protocol) throws IOException {
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[] {protocol});
            s.setSoTimeout(10_000);
            String response = JettyTlsServer.get(s);
            if (response.isEmpty()) {
                throw new IOException("connection closed without a response");
            }
            return response;
        }
    }
}
