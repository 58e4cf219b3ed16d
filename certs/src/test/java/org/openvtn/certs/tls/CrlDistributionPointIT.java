package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.TestPki;

/**
 * Issue #12 item 2: CRL distribution points (RFC 5280 §4.2.1.13) as an option. The VEN
 * certificates name a CRL on a real local HTTP server; with the option on the server fetches it
 * and refuses the revoked VEN; an unreachable distribution point fails closed unless soft-fail
 * is set; with the option off (the default) nothing is fetched.
 */
class CrlDistributionPointIT {

    private static final LinkedBlockingQueue<String> REJECTIONS = new LinkedBlockingQueue<>();
    private static final AtomicInteger FETCHES = new AtomicInteger();
    private static HttpServer http;
    private static TestPki pki;
    private static Credential good;
    private static Credential revoked;
    private static Credential unreachable;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        CertificateAuthority ca = pki.pki().authority("oadr-intermediate");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String base = "http://127.0.0.1:" + http.getAddress().getPort();
        good = ven(ca, "dp-good", base + "/ca.crl");
        revoked = ven(ca, "dp-revoked", base + "/ca.crl");
        unreachable = ven(ca, "dp-unreachable", base + "/missing.crl");
        Instant now = Instant.now();
        byte[] crl = ca.crl(List.of(revoked.certificate()), now.minusSeconds(60), now.plus(Duration.ofDays(1)))
                .getEncoded();
        http.createContext("/", exchange -> {
            FETCHES.incrementAndGet();
            boolean found = exchange.getRequestURI().getPath().equals("/ca.crl");
            exchange.sendResponseHeaders(found ? 200 : 404, found ? crl.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                if (found) {
                    out.write(crl);
                }
            }
        });
        http.start();
    }

    @AfterAll
    static void stop() {
        http.stop(0);
    }

    @BeforeEach
    void clear() {
        REJECTIONS.clear();
        FETCHES.set(0);
    }

    /** Issue #12 item 2: the distribution point's CRL is fetched once, cached, and refuses the revoked VEN. */
    @Test
    void distributionPointCrlRefusesRevokedVen() throws Exception {
        try (JettyTlsServer server = server(false)) {
            assertTrue(get(good, server).startsWith("HTTP/1.1 200"));
            assertThrows(IOException.class, () -> get(revoked, server));
            assertRejected("revoked");
            assertTrue(get(good, server).startsWith("HTTP/1.1 200"));
            assertEquals(1, FETCHES.get(), "cached until nextUpdate");
        }
    }

    /** Issue #12 item 2: an unreachable distribution point fails closed; soft-fail lets the peer in. */
    @Test
    void unreachableDistributionPointFailsClosedUnlessSoftFail() throws Exception {
        try (JettyTlsServer server = server(false)) {
            assertThrows(IOException.class, () -> get(unreachable, server));
            assertRejected("revocation status unknown");
        }
        try (JettyTlsServer server = server(true)) {
            assertTrue(get(unreachable, server).startsWith("HTTP/1.1 200"));
        }
    }

    /** Distribution points are off by default: nothing is fetched. */
    @Test
    void offByDefault() throws Exception {
        try (JettyTlsServer server = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().build()))) {
            assertTrue(get(revoked, server).startsWith("HTTP/1.1 200"));
            assertEquals(0, FETCHES.get());
        }
    }

    private static JettyTlsServer server(boolean softFail) throws Exception {
        return new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().crlDistributionPoints(true)
                .revocationSoftFail(softFail).rejectionListener((c, peer, cert, reason) -> REJECTIONS.add(reason))
                .build()));
    }

    private static void assertRejected(String why) throws InterruptedException {
        String reason = REJECTIONS.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason, "no rejection reported");
        assertTrue(reason.toLowerCase(Locale.ROOT).contains(why), reason);
    }

    private static Credential ven(CertificateAuthority ca, String name, String dp) {
        KeyPair k = new KeyPairs().ecP256();
        return ca.issue(name, CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now())
                .crlDistributionPoint(dp).build(), k.getPrivate());
    }

    private static String get(Credential ven, JettyTlsServer server) throws IOException {
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(10_000);
            String response = JettyTlsServer.get(s);
            if (response.isEmpty()) {
                throw new IOException("connection closed without a response");
            }
            return response;
        }
    }
}
