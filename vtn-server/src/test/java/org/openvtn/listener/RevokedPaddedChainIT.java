package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.BcProviders;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Issue #12 item 1 on the real listeners: the OpenADR 2.0b VTN and the IEEE 2030.5 server refuse a
 * revoked client certificate presented as {@code [revoked leaf, unrelated certificate,
 * intermediate]} (before the fix: HTTP 200), and still serve a good certificate sent the same way.
 */
class RevokedPaddedChainIT {

    private static TestPki pki;
    private static VtnServer vtn;
    private static VtnCore sepCore;
    private static SepServer sep;
    private static Credential revokedDevice;
    private static X509Certificate unrelated;

    @BeforeAll
    static void start(@TempDir Path dir) {
        pki = TestPki.shared();
        unrelated = pki.unknownCa().certificate();
        CertificateAuthority mica = pki.pki().authority("sep-mica");
        KeyPair k = new KeyPairs().ecP256();
        revokedDevice = mica.issue("revoked-device", CertificateProfiles.csipDevice("REVOKED-2", k.getPublic(),
                Instant.now()).build(), k.getPrivate());
        Path crl = dir.resolve("mica.crl");
        PemFiles.writeCrl(crl, mica.crl(List.of(revokedDevice.certificate()), Instant.now().minusSeconds(60),
                Instant.now().plus(Duration.ofDays(7))));
        vtn = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("padded" + UUID.randomUUID().toString().replace("-", ""))
                .tls(pki.oadrServerConfig().build()).build()); // loads the CRL listing bad-revoked
        sepCore = VtnCore.open(CoreConfig.builder().inMemory("paddedsep" + UUID.randomUUID().toString()
                .replace("-", "")).build());
        sep = SepServer.start(SepConfig.builder().tls(pki.sepServerConfig().crlFile(crl).build())
                .codec(SepCodec.create(new PublishedSchemas())).host("127.0.0.1").port(0).build(), sepCore);
    }

    @AfterAll
    static void stop() {
        vtn.close();
        sep.close();
        sepCore.close();
    }

    /** Issue #12 item 1, OpenADR 2.0b §10: padded chain of a revoked VEN refused, of a good VEN served. */
    @Test
    void oadrListener() throws Exception {
        X509Certificate intermediate = pki.pki().authority("oadr-intermediate").certificate();
        Credential revoked = pki.revoked();
        assertThrows(IOException.class, () -> get(false, revoked, List.of(revoked.certificate(), unrelated,
                intermediate), vtn.oadrPort(), vtn.oadrBaseUri().getPath() + "EiEvent"));
        Credential good = pki.venEcc();
        assertTrue(get(false, good, List.of(good.certificate(), unrelated, intermediate), vtn.oadrPort(),
                vtn.oadrBaseUri().getPath() + "EiEvent").startsWith("HTTP/1.1 "));
    }

    /** Issue #12 item 1, CSIP COMM-004: a revoked device (never expires) cannot hide behind a padded chain. */
    @Test
    void sepListener() throws Exception {
        X509Certificate mica = pki.pki().authority("sep-mica").certificate();
        assertThrows(IOException.class, () -> get(true, revokedDevice, List.of(revokedDevice.certificate(), unrelated,
                mica), sep.port(), "/dcap"));
        Credential good = pki.device();
        assertTrue(get(true, good, List.of(good.certificate(), unrelated, mica), sep.port(), "/dcap")
                .startsWith("HTTP/1.1 200"));
    }

    private static String get(boolean sep, Credential key, List<X509Certificate> chain, int port, String path)
            throws Exception {
        SSLContext ctx = sep ? SSLContext.getInstance("TLS", BcProviders.jsse())
                : SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new ChainKeyManager(key.key(), chain)}, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            if (sep) {
                s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"});
            }
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (answer.isEmpty()) {
                throw new IOException("closed without an answer");
            }
            return answer;
        }
    }

    /** Presents exactly the given chain, in the given order, as a padding attacker would. */
    private static final class ChainKeyManager extends X509ExtendedKeyManager {
        private final PrivateKey key;
        private final X509Certificate[] chain;

        ChainKeyManager(PrivateKey key, List<X509Certificate> chain) {
            this.key = key;
            this.chain = chain.toArray(new X509Certificate[0]);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"k"};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "k";
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "k";
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }

    /** The servers' checks are under test, not the client's. */
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
