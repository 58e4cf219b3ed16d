package org.openvtn.cli.bench;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.PemFiles;

/**
 * The TLS set-up the simulated VEN fleets of {@code openvtn bench poll/fanout} ({@link BenchFleet}) and
 * {@code bench push} ({@link BenchPushFleet}) share: trust in the PKI's CA file, one {@link SSLContext} per VEN (a
 * shared client context would resume one VEN's TLS session on another VEN's connection, and the VTN would rightly see
 * the first VEN's certificate there) and its Netty client or server context (TLS 1.3 and 1.2).
 */
final class BenchTls {
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private BenchTls() {
    }

    /** @return trust in every certificate of {@code caFile} */
    static TrustManagerFactory trust(Path caFile) throws Exception {
        KeyStore anchors = KeyStore.getInstance("PKCS12");
        anchors.load(null, null);
        int a = 0;
        for (X509Certificate c : PemFiles.readCertificates(caFile)) {
            anchors.setCertificateEntry("ca-" + a++, c);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(anchors);
        return tmf;
    }

    /** @return a context presenting only {@code ven}'s certificate, as TLS client and as TLS server */
    static SSLContext venContext(Credential ven, TrustManagerFactory trust) throws Exception {
        return venContext(ven, trust, new java.util.concurrent.atomic.AtomicLong());
    }

    /** @param fullHandshakes counts the handshakes that asked for the VEN's certificate (not resumed) */
    static SSLContext venContext(Credential ven, TrustManagerFactory trust,
                                 java.util.concurrent.atomic.AtomicLong fullHandshakes) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(new KeyManager[] {new OneVenKeyManager(ven, fullHandshakes)}, trust.getTrustManagers(), null);
        return ctx;
    }

    /** @return the Netty client context over {@code ctx} */
    static SslContext nettyClient(SSLContext ctx) {
        return nettyClient(ctx, false);
    }

    /**
     * @param tls12Only offer TLS 1.2 only, the protocol OpenADR 2.0b mandates (its session resumption: RFC 5246 §7.3)
     * @return the Netty client context over {@code ctx}
     */
    static SslContext nettyClient(SSLContext ctx, boolean tls12Only) {
        return new JdkSslContext(ctx, true, null, IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, ClientAuth.NONE, tls12Only ? new String[] {"TLSv1.2"} : PROTOCOLS,
                false);
    }

    /** @return the Netty server context over {@code ctx}, client certificate required (mutual TLS) */
    static SslContext nettyServer(SSLContext ctx) {
        return new JdkSslContext(ctx, false, null, IdentityCipherSuiteFilter.INSTANCE,
                ApplicationProtocolConfig.DISABLED, ClientAuth.REQUIRE, PROTOCOLS, false);
    }
}
