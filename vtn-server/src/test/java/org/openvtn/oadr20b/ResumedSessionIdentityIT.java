package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * Issue #18 (polls over short connections with TLS session resumption) against the OpenADR 2.0b listener: a VEN that
 * resumes its TLS 1.2 session (abbreviated handshake, RFC 5246 §7.3, no certificate sent) is still known by the
 * certificate of the session it resumes, so the VTN binds its polls to its own venID and refuses another VEN's venID
 * on that connection (OpenADR 2.0b §10: the client certificate is the VEN's identity; docs/security.md); and once
 * its certificate is on the CRL, resumption does not let it back in (issue #12 item 2).
 */
class ResumedSessionIdentityIT {

    /** One POST on a connection of its own ({@code Connection: close}); the session ID of the connection. */
    private record Exchange(byte[] sessionId, String body) {
    }

    @Test
    void resumedSessionKeepsTheVenIdentityAndRevocationEndsIt(@TempDir Path dir) throws Exception {
        TestPki pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        Path crl = dir.resolve("oadr.crl");
        PemFiles.writeCrl(crl, ca.crl(List.of(), Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(7))));
        try (OadrHarness h = OadrHarness.with(null, b -> b.tls(pki.oadrServerConfig().crlFile(crl)
                .crlReloadInterval(Duration.ZERO).build()))) {
            Credential a = issue(ca, "resume-a-" + System.nanoTime());
            Credential other = issue(ca, "resume-b-" + System.nanoTime());
            ScriptedVen venA = h.ven(a);
            venA.register();
            ScriptedVen venB = h.ven(other);
            venB.register();

            SSLContext shortConnections = TlsFactory.of(pki.oadrClientConfig(a).build()).clientSslContext();
            int port = h.server.oadrPort();
            String path = h.server.oadrBaseUri().getPath() + "OadrPoll";
            Exchange first = post(shortConnections, port, path, poll(venA.venId));
            assertEquals("200", code(first.body()), first.body());
            Exchange resumed = post(shortConnections, port, path, poll(venA.venId));
            assertArrayEquals(first.sessionId(), resumed.sessionId(), "the second connection resumed the session");
            assertEquals("200", code(resumed.body()), "a resumed session keeps the VEN's identity: " + resumed.body());

            Exchange impostor = post(shortConnections, port, path, poll(venB.venId));
            assertArrayEquals(first.sessionId(), impostor.sessionId(), "resumed again");
            assertNotEquals("200", code(impostor.body()),
                    "another VEN's venID on A's resumed session is refused: " + impostor.body());

            PemFiles.writeCrl(crl, ca.crl(List.of(a.certificate()), Instant.now().minusSeconds(30),
                    Instant.now().plus(Duration.ofDays(7))));
            assertThrows(IOException.class, () -> post(shortConnections, port, path, poll(venA.venId)),
                    "a revoked VEN is not let back in by resuming its cached session");
            assertEquals("200", code(post(TlsFactory.of(pki.oadrClientConfig(other).build()).clientSslContext(), port,
                    path, poll(venB.venId)).body()), "other VENs are unaffected");
        }
    }

    private static Credential issue(CertificateAuthority ca, String name) {
        KeyPair k = new KeyPairs().ecP256();
        return ca.issue(name, CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now()).build(), k.getPrivate());
    }

    private static byte[] poll(String venId) throws Exception {
        ScriptedVen v = new ScriptedVen("https://127.0.0.1:1/", SSLContext.getDefault(), OadrHarness.codec(), null);
        v.venId = venId;
        return OadrHarness.codec().encodePayload(v.pollMessage());
    }

    /** "200" for a distribution (the VEN's events) or an answer with responseCode 200, else the answer's code. */
    private static String code(String body) throws Exception {
        Object m = OadrHarness.codec().decodeMessage(body.getBytes(StandardCharsets.UTF_8));
        if (m instanceof OadrDistributeEventType) {
            return "200";
        }
        return ((EiResponseType) m.getClass().getMethod("getEiResponse").invoke(m)).getResponseCode();
    }

    /** One HTTP/1.1 POST over TLS 1.2 on a new socket of {@code ctx} (its client session cache offers resumption). */
    private static Exchange post(SSLContext ctx, int port, String path, byte[] body) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setSoTimeout(30_000);
            s.startHandshake();
            byte[] id = s.getSession().getId();
            s.getOutputStream().write(String.format(Locale.ROOT, "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                    + "Content-Type: application/xml\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", path, port,
                    body.length).getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(body);
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            if (split < 0) {
                throw new IOException("closed without an answer");
            }
            String head = answer.substring(0, split).toLowerCase(Locale.ROOT);
            String rest = answer.substring(split + 4);
            return new Exchange(id, head.contains("transfer-encoding: chunked") ? dechunk(rest) : rest);
        }
    }

    private static String dechunk(String chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = chunked.getBytes(StandardCharsets.UTF_8);
        int i = 0;
        while (i < b.length) {
            int eol = chunked.indexOf("\r\n", i);
            int size = Integer.parseInt(chunked.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(b, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
