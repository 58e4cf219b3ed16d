package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.KeyStore;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.testing.TestPki;

/**
 * OpenADR 2.0b profile spec §10 (security) and conformance rule 67 "mandated TLS suites", over a
 * real Jetty server (ServerConnector + SslConnectionFactory) and real JDK TLS clients on
 * 127.0.0.1: mutual TLS 1.2 with TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256 and
 * TLS_RSA_WITH_AES_128_CBC_SHA256, client certificate required, every bad certificate rejected.
 */
class OpenAdr20bJettyTlsIT {

    private static TestPki pki;
    private static JettyTlsServer relaxed;
    private static JettyTlsServer strict;
    private static final LinkedBlockingQueue<String> REJECTIONS = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        TlsRejectionListener listener = (client, peer, cert, reason) -> REJECTIONS.add(reason);
        relaxed = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().rejectionListener(listener).build()));
        strict = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().strict(true).rejectionListener(listener).build()));
    }

    @AfterAll
    static void stop() throws Exception {
        relaxed.close();
        strict.close();
    }

    @BeforeEach
    void clear() {
        REJECTIONS.clear();
    }

    /**
     * Conformance rule 67: each mandated suite is negotiated with a client offering only it, on
     * the strict and the relaxed server, and the server sees the VEN's fingerprint (§10).
     */
    @ParameterizedTest(name = "{0} {1} strict={2}")
    @CsvSource({
            "ven-rsa-0001, TLS_RSA_WITH_AES_128_CBC_SHA256, true",
            "ven-ecc-0001, TLS_RSA_WITH_AES_128_CBC_SHA256, true",
            "ven-rsa-0001, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, true",
            "ven-ecc-0001, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, true",
            "ven-rsa-0001, TLS_RSA_WITH_AES_128_CBC_SHA256, false",
            "ven-ecc-0001, TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, false"})
    void mandatedSuiteNegotiated(String ven, String suite, boolean strictServer) throws Exception {
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(pki.credential(ven)).build());
        try (SSLSocket s = connect(client, strictServer ? strict : relaxed, suite)) {
            s.startHandshake();
            assertEquals(suite, s.getSession().getCipherSuite());
            assertEquals("TLSv1.2", s.getSession().getProtocol());
            String response = JettyTlsServer.get(s);
            assertTrue(response.contains("peer=" + OadrFingerprint.of(pki.credential(ven).certificate())), response);
        }
    }

    /** §10: every bad client certificate fails the handshake, and the server says why. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bad-expired, validity",
            "bad-not-yet-valid, validity",
            "bad-self-signed, certification path",
            "bad-unknown-ca, certification path",
            "bad-key-usage, digital signature",
            "bad-no-client-auth, client authentication",
            "bad-revoked, revoked"})
    void badClientCertificateRejected(String name, String reason) throws Exception {
        SSLContext client = insistentClient(pki.credential(name));
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", relaxed.port())) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.setSoTimeout(10_000);
                s.startHandshake();
                JettyTlsServer.get(s);
            }
        });
        String logged = REJECTIONS.poll(10, TimeUnit.SECONDS);
        assertNotNull(logged, "server reported no rejection for " + name);
        assertTrue(logged.toLowerCase(Locale.ROOT).contains(reason), logged);
    }

    /** Mutual authentication is "need", not "want": a client without certificate is refused. */
    @Test
    void clientWithoutCertificateRejected() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, trustRoot(), null);
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", relaxed.port())) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.startHandshake();
                JettyTlsServer.get(s);
            }
        });
    }

    /** Strict mode: a client offering only a non-mandated suite is refused; the relaxed server accepts it. */
    @Test
    void strictModeRejectsNonMandatedSuite() throws Exception {
        String gcm = "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build());
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect(client, strict, gcm)) {
                s.startHandshake();
            }
        });
        try (SSLSocket s = connect(client, relaxed, gcm)) {
            s.startHandshake();
            assertEquals(gcm, s.getSession().getCipherSuite());
        }
    }

    /** TLS 1.3 is allowed beside the mandated TLS 1.2 suites unless strict. */
    @Test
    void tls13UnlessStrict() throws Exception {
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build());
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory().createSocket("127.0.0.1", relaxed.port())) {
            assertTrue(JettyTlsServer.get(s).contains("peer=" + OadrFingerprint.of(pki.venEcc().certificate())));
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
        try (SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory().createSocket("127.0.0.1", strict.port())) {
            s.startHandshake();
            assertEquals("TLSv1.2", s.getSession().getProtocol());
        }
    }

    /** The client verifies the server: a VTN certificate from an unknown CA is refused by the VEN. */
    @Test
    void clientRejectsUntrustedServer() {
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).provider(TlsProvider.JDK).build());
        TlsFactory rogueServer = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B)
                .credentials(pki.unknownCa()).trustAnchorFile(pki.pki().caFile()).build());
        assertThrows(Exception.class, () -> {
            try (JettyTlsServer rogue = new JettyTlsServer(rogueServer);
                 SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory()
                         .createSocket("127.0.0.1", rogue.port())) {
                s.startHandshake();
            }
        });
    }

    /** A plain JDK client that presents the credential even when the server's CA list excludes it. */
    static SSLContext insistentClient(org.openvtn.certs.pki.Credential credential) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new javax.net.ssl.KeyManager[] {new FixedKeyManager(credential)}, trustRoot(), null);
        return ctx;
    }

    private static javax.net.ssl.TrustManager[] trustRoot() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.pki().authority("oadr-root").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private static SSLSocket connect(TlsFactory client, JettyTlsServer server, String suite) throws IOException {
        SSLSocket s = (SSLSocket) client.clientSslContext().getSocketFactory().createSocket("127.0.0.1", server.port());
        s.setEnabledProtocols(new String[] {"TLSv1.2"});
        s.setEnabledCipherSuites(new String[] {suite});
        s.setSoTimeout(10_000);
        return s;
    }
}
