package org.openvtn.conformance.sep.client;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.BcProviders;
import org.openvtn.conformance.http.HttpsProbe;

/**
 * The defect of a device that trusts any server (CSIP COMM-004A..G): a 2030.5 client context (TLS 1.2, CCM_8, the
 * device's certificate) whose trust manager accepts every server chain.
 */
final class TrustAnyServer implements X509TrustManager {

    static HttpsProbe probe(Credential device) {
        try {
            char[] pw = "relay".toCharArray();
            KeyStore ks = device.toKeyStore(pw);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS", BcProviders.jsse());
            ctx.init(kmf.getKeyManagers(), new TrustManager[] {new TrustAnyServer()}, null);
            SSLParameters p = new SSLParameters(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8"},
                    new String[] {"TLSv1.2"});
            return HttpsProbe.create(ctx, p, Duration.ofSeconds(10));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        // server role unused
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        // the defect: every server chain is accepted
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
