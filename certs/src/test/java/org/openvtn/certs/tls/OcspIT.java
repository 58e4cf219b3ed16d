package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLSocket;

import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
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
 * Issue #12 item 2: OCSP as an option, against a real OCSP responder (Bouncy Castle response
 * builder behind a local HTTP server) named in the VEN certificates' authorityInfoAccess. A VEN
 * the responder calls revoked is refused, a good one served; a certificate naming no responder is
 * refused (fail closed) unless soft-fail is set; off by default.
 */
class OcspIT {

    private static final LinkedBlockingQueue<String> REJECTIONS = new LinkedBlockingQueue<>();
    private static final AtomicInteger QUERIES = new AtomicInteger();
    private static final Set<BigInteger> REVOKED = ConcurrentHashMap.newKeySet();
    private static HttpServer http;
    private static TestPki pki;
    private static CertificateAuthority ca;
    private static Credential good;
    private static Credential revoked;
    private static Credential noResponder;
    private static Credential unreachable;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        ca = pki.pki().authority("oadr-intermediate");
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String ocsp = "http://127.0.0.1:" + http.getAddress().getPort() + "/ocsp";
        good = ven("ocsp-good", ocsp);
        revoked = ven("ocsp-revoked", ocsp);
        noResponder = ven("ocsp-none", null);
        int closedPort; // bound and closed on purpose: an OCSP responder URL where the connection is refused
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        unreachable = ven("ocsp-unreachable", "http://127.0.0.1:" + closedPort + "/ocsp");
        REVOKED.add(revoked.certificate().getSerialNumber());
        http.createContext("/ocsp", exchange -> {
            QUERIES.incrementAndGet();
            byte[] request;
            if (exchange.getRequestMethod().equals("POST")) {
                request = exchange.getRequestBody().readAllBytes();
            } else {
                String path = exchange.getRequestURI().getRawPath().substring("/ocsp/".length());
                request = Base64.getDecoder().decode(URLDecoder.decode(path, StandardCharsets.US_ASCII));
            }
            byte[] answer;
            try {
                answer = answer(request);
            } catch (Exception e) {
                throw new IOException(e);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
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
        QUERIES.set(0);
    }

    /** Issue #12 item 2: OCSP on, the responder's answer decides. */
    @Test
    void responderDecides() throws Exception {
        try (JettyTlsServer server = server(false)) {
            assertTrue(get(good, server).startsWith("HTTP/1.1 200"));
            assertThrows(IOException.class, () -> get(revoked, server));
            assertRejected("revoked");
            assertTrue(QUERIES.get() >= 2, "the responder was asked");
        }
    }

    /**
     * Issue #12 item 2: an unreachable responder fails closed, soft-fail lets the peer in; a certificate
     * naming no responder is refused either way (nothing to ask is not a network failure).
     */
    @Test
    void unreachableResponderFailsClosedUnlessSoftFail() throws Exception {
        try (JettyTlsServer server = server(false)) {
            assertThrows(IOException.class, () -> get(unreachable, server));
            assertRejected("ocsp");
            assertThrows(IOException.class, () -> get(noResponder, server));
            assertRejected("ocsp");
        }
        try (JettyTlsServer server = server(true)) {
            assertTrue(get(unreachable, server).startsWith("HTTP/1.1 200"));
            assertThrows(IOException.class, () -> get(noResponder, server));
            assertRejected("ocsp");
        }
    }

    /** OCSP is off by default: the responder is never asked. */
    @Test
    void offByDefault() throws Exception {
        try (JettyTlsServer server = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().build()))) {
            assertTrue(get(revoked, server).startsWith("HTTP/1.1 200"));
            assertEquals(0, QUERIES.get());
        }
    }

    private static byte[] answer(byte[] requestBytes) throws Exception {
        OCSPReq req = new OCSPReq(requestBytes);
        Date now = new Date();
        BasicOCSPRespBuilder b = new JcaBasicOCSPRespBuilder(ca.certificate().getPublicKey(),
                new JcaDigestCalculatorProviderBuilder().build().get(RespID.HASH_SHA1));
        for (Req r : req.getRequestList()) {
            CertificateStatus status = REVOKED.contains(r.getCertID().getSerialNumber())
                    ? new RevokedStatus(new Date(now.getTime() - 60_000), CRLReason.keyCompromise)
                    : CertificateStatus.GOOD;
            b.addResponse(r.getCertID(), status, new Date(now.getTime() - 60_000),
                    new Date(now.getTime() + 3_600_000), null);
        }
        Extension nonce = req.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (nonce != null) {
            b.setResponseExtensions(new Extensions(nonce));
        }
        String alg = ca.key() instanceof RSAKey ? "SHA256withRSA" : "SHA256withECDSA";
        BasicOCSPResp basic = b.build(new JcaContentSignerBuilder(alg).build(ca.key()),
                new X509CertificateHolder[] {new JcaX509CertificateHolder(ca.certificate())}, now);
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static JettyTlsServer server(boolean softFail) throws Exception {
        return new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().ocsp(true).revocationSoftFail(softFail)
                .rejectionListener((c, peer, cert, reason) -> REJECTIONS.add(reason)).build()));
    }

    private static void assertRejected(String why) throws InterruptedException {
        String reason = REJECTIONS.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason, "no rejection reported");
        assertTrue(reason.toLowerCase(Locale.ROOT).contains(why), reason);
    }

    private static Credential ven(String name, String ocsp) {
        KeyPair k = new KeyPairs().ecP256();
        var spec = CertificateProfiles.oadrClient(name, k.getPublic(), Instant.now());
        if (ocsp != null) {
            spec.ocspResponder(ocsp);
        }
        return ca.issue(name, spec.build(), k.getPrivate());
    }

    private static String get(Credential ven, JettyTlsServer server) throws IOException {
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(ven).build());
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory()
                .createSocket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            String response = JettyTlsServer.get(s);
            if (response.isEmpty()) {
                throw new IOException("connection closed without a response");
            }
            return response;
        }
    }
}
