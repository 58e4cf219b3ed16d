package org.openvtn.conformance.sep.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;

/**
 * The identity the harness's listener presents (CSIP COMM-004): for one case it serves another server chain on the
 * same address — the one the device was provisioned with — then its own again. A swap loads a new TLS context (new
 * session cache and ticket keys, so no earlier session can be resumed without the new certificate) and closes every
 * open connection, so the device's next request needs a full handshake with the chain presented. Handshakes that
 * fail are counted: a device that refuses a chain aborts the handshake, which is the evidence of the refusal.
 */
final class ServedIdentity {
    private final ServerConnector connector;
    private final SslContextFactory.Server ssl;
    private final TlsConfig own;
    private final List<java.security.cert.X509Certificate> anchors;
    private final Object lock = new Object();
    private final List<String> failures = new ArrayList<>();
    private final java.util.function.Supplier<ServerChains> chainSource;
    private ServerChains chains;

    /**
     * @param chainFile the harness's own chain (PEM): its leaf's host names go into the generated leaves
     * @param caFile    the SERCA (PEM), issuer of the generated valid chains when the target gives its key
     */
    ServedIdentity(ServerConnector connector, TlsConfig own, org.openvtn.conformance.TargetConfig target,
                   java.nio.file.Path chainFile, java.nio.file.Path caFile) {
        this.connector = connector;
        this.own = own;
        this.chainSource = () -> ServerChains.of(target,
                org.openvtn.certs.pki.PemFiles.readCertificates(chainFile).get(0),
                org.openvtn.certs.pki.PemFiles.readCertificates(caFile).get(0));
        this.anchors = own.trustAnchors();
        SslConnectionFactory f = connector.getConnectionFactory(SslConnectionFactory.class);
        this.ssl = (SslContextFactory.Server) f.getSslContextFactory();
        f.addBean(new SslHandshakeListener() {
            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                synchronized (lock) {
                    failures.add(String.valueOf(failure));
                    lock.notifyAll();
                }
            }
        });
    }

    /** The chains of COMM-004, generated on first use. */
    ServerChains chains() {
        synchronized (lock) {
            if (chains == null) {
                chains = chainSource.get();
            }
            return chains;
        }
    }

    /** Presents {@code chain} (the 2030.5 profile, the same trust anchors for the device's certificate). */
    void present(Credential chain) throws Exception {
        load(TlsConfig.builder().profile(TlsProfile.IEEE_2030_5).credentials(chain).trustAnchors(anchors).build());
    }

    /** Presents the harness's own chain again. */
    void restore() throws Exception {
        load(own);
    }

    private void load(TlsConfig config) throws Exception {
        ssl.reload(f -> TlsFactory.of(config).configureJetty((SslContextFactory.Server) f));
        for (EndPoint e : connector.getConnectedEndPoints()) {
            e.close();
        }
    }

    /** Failed handshakes so far. */
    int failed() {
        synchronized (lock) {
            return failures.size();
        }
    }

    /** Waits until more than {@code seen} handshakes failed; the newest failure, or null at the timeout. */
    String awaitFailure(int seen, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (failures.size() <= seen) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return failures.get(failures.size() - 1);
        }
    }
}
