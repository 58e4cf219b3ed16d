package org.openvtn.certs.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.PemFiles;
import org.openvtn.certs.tls.BcProviders;

/**
 * A TLS client that presents exactly the chain it is given, in that order, as an attacker reordering or padding a
 * chain would (issue #12 item 1), and sends one HTTP/1.1 GET. It trusts the test PKI's own roots.
 */
public final class PaddedChains {
    private PaddedChains() {
    }

    /**
     * @param pki   the test PKI (its roots verify the server)
     * @param sep   true for the IEEE 2030.5 profile (TLS 1.2, CCM_8 on BCJSSE), false for OpenADR 2.0b
     * @param key   the private key of the chain's leaf
     * @param chain what the client presents
     * @return the raw HTTP answer
     * @throws IOException when the server closes without an answer (refused in the handshake)
     */
    public static String get(TestPki pki, boolean sep, PrivateKey key, List<X509Certificate> chain, int port,
                             String path) throws Exception {
        SSLContext ctx = sep ? SSLContext.getInstance("TLS", BcProviders.jsse()) : SSLContext.getInstance("TLS");
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        int i = 0;
        for (X509Certificate c : PemFiles.readCertificates(sep ? pki.pki().sercaFile() : pki.pki().caFile())) {
            roots.setCertificateEntry("root" + i++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(roots);
        ctx.init(new KeyManager[] {new ChainKeyManager(key, chain)}, tmf.getTrustManagers(), null);
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

    /** As {@link #get(TestPki, boolean, PrivateKey, List, int, String)} with a credential's key. */
    public static String get(TestPki pki, boolean sep, Credential key, List<X509Certificate> chain, int port,
                             String path) throws Exception {
        return get(pki, sep, key.key(), chain, port, path);
    }

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
}
