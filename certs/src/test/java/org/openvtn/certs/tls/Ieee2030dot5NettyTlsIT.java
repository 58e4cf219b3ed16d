package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openvtn.certs.identity.CertificateIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;

/**
 * IEEE 2030.5-2018 §6.11 / CSIP COMM-003 (TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
 * secp256r1, mutual certificate authentication) and COMM-004 / 004A-G (chains of depth 3 and 4
 * accepted; bad MICA EKU, policy mapping, self-signed device certificate, unknown SERCA rejected),
 * over a real Netty server and Netty clients on the Bouncy Castle JSSE provider, 127.0.0.1.
 */
class Ieee2030dot5NettyTlsIT {

    private static final String CCM_8 = "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8";
    private static final LinkedBlockingQueue<String> REJECTIONS = new LinkedBlockingQueue<>();
    private static TestPki pki;
    private static NettyTlsServer server;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.shared();
        server = new NettyTlsServer(TlsFactory.of(pki.sepServerConfig()
                .rejectionListener((client, peer, cert, reason) -> REJECTIONS.add(reason)).build()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void clear() {
        REJECTIONS.clear();
        server.outcomes.clear();
    }

    /**
     * CSIP COMM-003 and COMM-004 (depth 3: SERCA, MICA, device; depth 4: SERCA, MCA, MICA, device):
     * CCM_8 negotiated over TLS 1.2, and the server identifies the device by LFDI/SFDI (§6.3.4).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"device-0001", "device-0002", "device-via-mca"})
    void deviceAcceptedWithCcm8(String device) throws Exception {
        Credential cred = pki.credential(device);
        TlsFactory client = TlsFactory.of(pki.sepClientConfig(cred).build());
        NettyTlsServer.ClientOutcome out = server.connect(client).get(10, TimeUnit.SECONDS);
        assertEquals(CCM_8, out.cipherSuite());
        assertEquals("TLSv1.2", out.protocol());
        NettyTlsServer.Outcome seen = server.nextOutcome();
        assertNull(seen.failure());
        assertEquals(CCM_8, seen.cipherSuite());
        CertificateIdentity expected = CertificateIdentity.of(cred.certificate());
        assertEquals(expected.lfdi(), seen.peer().lfdi());
        assertEquals(expected.sfdi(), seen.peer().sfdi());
        assertTrue(client.provider().getName().startsWith("BCJSSE"), client.provider().getName());
    }

    /** CSIP COMM-004 negatives and a foreign PKI: the handshake fails and the server says why. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bad-device-mica-eku, extendedkeyusage",
            "bad-device-policy-mapping, policy",
            "bad-device-self-signed, ",
            "bad-device-unknown-serca, ",
            "ven-ecc-0001, "})
    void badDeviceRejected(String name, String reason) throws Exception {
        var result = server.connect(insistentClient(pki.credential(name)));
        assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        assertNotNull(server.nextOutcome().failure());
        String logged = REJECTIONS.poll(10, TimeUnit.SECONDS);
        assertNotNull(logged, "server reported no rejection for " + name);
        if (reason != null) {
            assertTrue(logged.toLowerCase(Locale.ROOT).contains(reason), logged);
        }
    }

    /** COMM-003: a client that cannot do CCM_8 (only an AES-GCM suite) gets no connection. */
    @Test
    void clientWithoutCcm8Rejected() throws Exception {
        SSLContext ctx = insistentContext(pki.device());
        var netty = new JdkSslContext(ctx, true, List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
                IdentityCipherSuiteFilter.INSTANCE, ApplicationProtocolConfig.DISABLED, ClientAuth.NONE,
                new String[] {"TLSv1.2"}, false);
        var result = server.connect(netty);
        assertThrows(ExecutionException.class, () -> result.get(10, TimeUnit.SECONDS));
        assertNotNull(server.nextOutcome().failure());
    }

    /** TlsConfig refuses an RSA key for the 2030.5 profile (§6.11: ECC P-256 only). */
    @Test
    void rsaKeyRefusedByConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pki.sepClientConfig(pki.venRsa()).build());
        assertTrue(e.getMessage().startsWith("keyStore"), e.getMessage());
    }

    /** A BCJSSE client that presents the credential whatever CAs the server names. */
    private static JdkSslContext insistentClient(Credential credential) throws Exception {
        return new JdkSslContext(insistentContext(credential), true, List.of(CCM_8), IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, new String[] {"TLSv1.2"}, false);
    }

    private static SSLContext insistentContext(Credential credential) throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("serca", pki.pki().authority("sep-serca").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX", BcProviders.jsse());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS", BcProviders.jsse());
        ctx.init(new KeyManager[] {new FixedKeyManager(credential)}, tmf.getTrustManagers(), null);
        return ctx;
    }
}
