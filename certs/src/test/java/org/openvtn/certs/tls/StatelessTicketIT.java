package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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
import org.openvtn.certs.testing.TestPki;

/**
 * Issue #18: the OpenADR 2.0b server (SunJSSE, TLS 1.2 as OpenADR 2.0b requires) resumes from stateless session
 * tickets (RFC 5077) and keeps no session of its own, and a session resumed from a ticket still honours a CRL
 * published after the session began (issue #12 item 2): the ticket comes back from the client, so no server-side
 * invalidation can reach it; only the session guard's check of the current CRLs can.
 */
class StatelessTicketIT {

    @TempDir
    Path dir;

    private final LinkedBlockingQueue<String> rejections = new LinkedBlockingQueue<>();

    private record Answer(byte[] sessionId, String response) {
    }

    @Test
    void ticketResumedSessionOfARevokedCertificateIsRefused() throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Credential ven = freshVen(ca, "ticket-ven");
        Path crl = dir.resolve("oadr.crl");
        Instant now = Instant.now();
        PemFiles.writeCrl(crl, ca.crl(List.of(), now.minusSeconds(60), now.plus(Duration.ofDays(7))));
        TlsFactory serverTls = TlsFactory.of(pki.oadrServerConfig().crlFile(crl).crlReloadInterval(Duration.ZERO)
                .rejectionListener((c, peer, cert, reason) -> rejections.add(reason)).build());
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        try (JettyTlsServer server = new JettyTlsServer(serverTls)) {
            Answer first = get(client, server);
            assertTrue(first.response().startsWith("HTTP/1.1 200"), first.response());
            Answer resumed = get(client, server);
            assertTrue(resumed.response().startsWith("HTTP/1.1 200"), resumed.response());
            assertArrayEquals(first.sessionId(), resumed.sessionId(), "the second connection resumed the session");
            assertTrue(resumed.response().contains("peer=" + org.openvtn.certs.identity.CertificateIdentity
                    .of(ven.certificate()).oadrFingerprint()), "the ticket keeps the VEN's identity");
            assertFalse(serverTls.serverSslContext().getServerSessionContext().getIds().hasMoreElements(),
                    "resumed from a stateless ticket: the server holds no session");

            PemFiles.writeCrl(crl, ca.crl(List.of(ven.certificate()), now.minusSeconds(30),
                    now.plus(Duration.ofDays(7))));
            assertThrows(IOException.class, () -> get(client, server), "a ticket does not outlive revocation");
            String reason = rejections.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason, "no rejection reported");
            assertTrue(reason.toLowerCase(Locale.ROOT).contains("revoked"), reason);
        }
    }

    private static Credential freshVen(CertificateAuthority ca, String name) {
        KeyPair k = new KeyPairs().ecP256();
        return ca.issue(name, CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(),
                k.getPrivate());
    }

    private static Answer get(TlsFactory client, JettyTlsServer server) throws IOException {
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
}
