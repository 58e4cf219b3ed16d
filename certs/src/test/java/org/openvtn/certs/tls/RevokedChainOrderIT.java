package org.openvtn.certs.tls;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.TestPki;

/**
 * Issue #12 item 1: revocation is checked on the path PKIX builds, not on the chain as sent. A
 * client presenting its revoked certificate with an unrelated certificate, a duplicated or a
 * misplaced intermediate is refused on the OpenADR 2.0b listener and on the IEEE 2030.5 listener
 * (where a CRL entry is the only way to evict a device: device certificates never expire); a
 * padded chain of a good certificate is still accepted. As a TLS client (VEN, 2030.5
 * notification client), a revoked server presented with a padded chain is refused too.
 */
class RevokedChainOrderIT {

    private static final LinkedBlockingQueue<String> REJECTIONS = new LinkedBlockingQueue<>();
    private static TestPki pki;
    private static X509Certificate oadrIntermediate;
    private static X509Certificate mica;
    private static X509Certificate unrelated;
    private static Credential revokedDevice;
    private static Credential revokedVtn;
    private static Path sepCrl;
    private static Path vtnCrl;
    private static JettyTlsServer oadr;
    private static JettyTlsServer sep;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        pki = TestPki.shared();
        oadrIntermediate = pki.pki().authority("oadr-intermediate").certificate();
        CertificateAuthority micaCa = pki.pki().authority("sep-mica");
        mica = micaCa.certificate();
        unrelated = pki.unknownCa().certificate();
        Instant now = Instant.now();
        KeyPair k = new KeyPairs().ecP256();
        revokedDevice = micaCa.issue("revoked-device", CertificateProfiles.csipDevice("REVOKED-1", k.getPublic(), now)
                .build(), k.getPrivate());
        sepCrl = dir.resolve("mica.crl");
        PemFiles.writeCrl(sepCrl, micaCa.crl(List.of(revokedDevice.certificate()), now.minusSeconds(60),
                now.plus(Duration.ofDays(7))));
        k = new KeyPairs().ecP256();
        CertificateAuthority intermediateCa = pki.pki().authority("oadr-intermediate");
        revokedVtn = intermediateCa.issue("revoked-vtn", CertificateProfiles.oadrServer("localhost", k.getPublic(), now)
                .build(), k.getPrivate());
        vtnCrl = dir.resolve("vtn.crl");
        PemFiles.writeCrl(vtnCrl, intermediateCa.crl(List.of(revokedVtn.certificate()), now.minusSeconds(60),
                now.plus(Duration.ofDays(7))));
        TlsRejectionListener listener = (client, peer, cert, reason) -> REJECTIONS.add(reason);
        oadr = new JettyTlsServer(TlsFactory.of(pki.oadrServerConfig().rejectionListener(listener).build()));
        sep = new JettyTlsServer(TlsFactory.of(pki.sepServerConfig().crlFile(sepCrl).rejectionListener(listener)
                .build()));
    }

    @AfterAll
    static void stop() throws Exception {
        oadr.close();
        sep.close();
    }

    @BeforeEach
    void clear() {
        REJECTIONS.clear();
    }

    /** Issue #12 item 1, OpenADR 2.0b §10: a revoked VEN is refused whatever it pads its chain with. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf,unrelated,intermediate", "leaf,intermediate,unrelated",
            "leaf,intermediate,intermediate", "leaf,unrelated,unrelated,intermediate"})
    void revokedVenRefusedWhateverTheChain(String order) throws Exception {
        Credential revoked = pki.revoked();
        Credential sent = padded(revoked, order, oadrIntermediate);
        assertThrows(IOException.class, () -> get(oadrClient(sent), oadr));
        assertRejectedAsRevoked();
    }

    /** Issue #12 item 1: a good VEN with a padded chain is still served (PKIX builds a path). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf,unrelated,intermediate", "leaf,intermediate,intermediate"})
    void goodVenWithPaddedChainServed(String order) throws Exception {
        Credential sent = padded(pki.venEcc(), order, oadrIntermediate);
        assertTrue(get(oadrClient(sent), oadr).startsWith("HTTP/1.1 200"));
    }

    /** Issue #12 item 1, CSIP COMM-004: a revoked 2030.5 device is refused whatever it pads its chain with. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf,unrelated,intermediate", "leaf,intermediate,unrelated",
            "leaf,intermediate,intermediate"})
    void revokedDeviceRefusedWhateverTheChain(String order) throws Exception {
        Credential sent = padded(revokedDevice, order, mica);
        assertThrows(IOException.class, () -> get(sepClient(sent), sep));
        assertRejectedAsRevoked();
    }

    /** Issue #12 item 1: a good 2030.5 device with a padded chain is still served. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf,unrelated,intermediate"})
    void goodDeviceWithPaddedChainServed(String order) throws Exception {
        Credential sent = padded(pki.device(), order, mica);
        assertTrue(get(sepClient(sent), sep).startsWith("HTTP/1.1 200"));
    }

    /**
     * Issue #12 item 1, client role (VEN client, 2030.5 notification client): a revoked server
     * certificate sent with a padded chain is refused by a client that has the CRL.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"leaf,unrelated,intermediate", "leaf,intermediate"})
    void clientRefusesRevokedServer(String order) throws Exception {
        Credential sent = padded(revokedVtn, order, oadrIntermediate);
        // JKS keeps the chain as given (PKCS#12 would refuse an unordered one)
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        char[] pw = "test".toCharArray();
        ks.setKeyEntry("vtn", sent.key(), pw, sent.chain().toArray(new X509Certificate[0]));
        TlsFactory rogue = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B).keyStore(ks, pw)
                .trustAnchorFile(pki.pki().caFile()).provider(TlsProvider.JDK).build());
        TlsFactory client = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).hostnameVerification(false)
                .crlFile(vtnCrl).rejectionListener((c, peer, cert, reason) -> REJECTIONS.add(reason)).build());
        try (JettyTlsServer server = new JettyTlsServer(rogue)) {
            assertThrows(IOException.class, () -> get(client.clientSslContext(), server));
        }
        assertRejectedAsRevoked();
    }

    private static void assertRejectedAsRevoked() throws InterruptedException {
        String reason = REJECTIONS.poll(10, TimeUnit.SECONDS);
        assertNotNull(reason, "no rejection reported");
        assertTrue(reason.toLowerCase(Locale.ROOT).contains("revoked"), reason);
    }

    private static Credential padded(Credential c, String order, X509Certificate intermediate) {
        List<X509Certificate> chain = new ArrayList<>();
        for (String part : order.split(",")) {
            chain.add(switch (part) {
                case "leaf" -> c.certificate();
                case "intermediate" -> intermediate;
                default -> unrelated;
            });
        }
        return new Credential(c.name() + "-padded", c.key(), chain);
    }

    private static SSLContext oadrClient(Credential c) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new FixedKeyManager(c)}, new TrustManager[] {new TrustAll()}, null);
        return ctx;
    }

    private static SSLContext sepClient(Credential c) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS", BcProviders.jsse());
        ctx.init(new KeyManager[] {new FixedKeyManager(c)}, new TrustManager[] {new TrustAll()}, null);
        return ctx;
    }

    private static String get(SSLContext ctx, JettyTlsServer server) throws IOException {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", server.port())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            if (ctx.getProvider().getName().startsWith("BC")) {
                s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"});
            }
            s.setSoTimeout(10_000);
            s.startHandshake();
            String response = JettyTlsServer.get(s);
            if (response.isEmpty()) {
                throw new IOException("connection closed without a response");
            }
            return response;
        }
    }

    /** The test client does not judge the server; the server's checks are under test. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
