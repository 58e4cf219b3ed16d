package org.openvtn.certs.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.openvtn.certs.identity.CertificateIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trust manager of every profile: the provider's PKIX trust manager (path building to the
 * configured anchors, validity, key usage, depth, host name) followed by the checks it does not
 * make: revocation against the configured CRLs on the path it validates (not the chain as
 * sent, see {@link RevocationSource}), the peer's extended key usage, and for
 * IEEE 2030.5 the CSIP chain rules (no EKU and no policy mapping in CA certificates; CSIP
 * COMM-004). A rejected peer is logged in one line naming who and why. Nothing is bound to the
 * handshake session (issue #18: JSSE issues no stateless ticket for a session with bound values);
 * resumed sessions are re-checked by {@link RevocationSource#checkSession} without session state.
 */
final class CheckingTrustManager extends X509ExtendedTrustManager {

    private static final Logger LOG = LoggerFactory.getLogger(CheckingTrustManager.class);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EKU = "2.5.29.37.0";
    private static final String POLICY_MAPPINGS = "2.5.29.33";

    private final X509ExtendedTrustManager delegate;
    private final TlsProfile profile;
    private final RevocationSource revocation;
    private final List<X509Certificate> anchors;
    private final TlsRejectionListener listener;

    CheckingTrustManager(X509ExtendedTrustManager delegate, TlsProfile profile, RevocationSource revocation,
                         List<X509Certificate> anchors, TlsRejectionListener listener) {
        this.listener = listener;
        this.delegate = delegate;
        this.profile = profile;
        this.revocation = revocation;
        this.anchors = anchors;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String peer = socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress());
        long generation = revocation.generation();
        guard(chain, true, peer, () -> delegate.checkClientTrusted(chain, authType, socket));
        revocation.checked(chain[0], generation);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        long generation = revocation.generation();
        guard(chain, true, peer(engine), () -> delegate.checkClientTrusted(chain, authType, engine));
        revocation.checked(chain[0], generation);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        guard(chain, true, "?", () -> delegate.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        String peer = socket == null ? "?" : String.valueOf(socket.getRemoteSocketAddress());
        guard(chain, false, peer, () -> delegate.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        guard(chain, false, peer(engine), () -> delegate.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        guard(chain, false, "?", () -> delegate.checkServerTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return anchors.toArray(new X509Certificate[0]);
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private void guard(X509Certificate[] chain, boolean peerIsClient, String peer, Check providerCheck)
            throws CertificateException {
        try {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no certificate presented");
            }
            providerCheck.run();
            checkExtendedKeyUsage(chain[0], peerIsClient);
            // on the path PKIX builds, not on the chain as sent (issue #12 item 1)
            revocation.check(chain);
            if (profile == TlsProfile.IEEE_2030_5) {
                checkCsipChain(chain);
            }
        } catch (CertificateException | RuntimeException e) {
            String who = chain == null || chain.length == 0 ? "no certificate" : describe(chain[0]);
            String reason = reason(e);
            LOG.warn("TLS {} {} rejected ({}): {} - {}", profile, peerIsClient ? "client" : "server", peer, who,
                    reason);
            try {
                listener.onRejected(peerIsClient, peer, chain == null || chain.length == 0 ? null : chain[0], reason);
            } catch (RuntimeException listenerFailure) {
                LOG.warn("TLS rejection listener failed", listenerFailure);
            }
            if (e instanceof CertificateException ce) {
                throw ce;
            }
            throw new CertificateException(e.getMessage(), e);
        }
    }

    private static void checkExtendedKeyUsage(X509Certificate leaf, boolean peerIsClient) throws CertificateException {
        List<String> ekus;
        try {
            ekus = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("unreadable extendedKeyUsage", e);
        }
        String needed = peerIsClient ? CLIENT_AUTH : SERVER_AUTH;
        if (ekus != null && !ekus.contains(needed) && !ekus.contains(ANY_EKU)) {
            throw new CertificateException("extendedKeyUsage lacks " + (peerIsClient ? "clientAuth" : "serverAuth"));
        }
        boolean[] ku = leaf.getKeyUsage();
        if (peerIsClient && ku != null && !ku[0]) {
            throw new CertificateException("keyUsage lacks digitalSignature");
        }
    }

    /** CSIP COMM-004: CA certificates carry no extendedKeyUsage and no policyMappings. */
    private static void checkCsipChain(X509Certificate[] chain) throws CertificateException {
        for (X509Certificate cert : chain) {
            if (cert.getNonCriticalExtensionOIDs() != null && cert.getBasicConstraints() >= 0
                    && cert.getNonCriticalExtensionOIDs().contains("2.5.29.37")) {
                throw new CertificateException("IEEE 2030.5: CA certificate "
                        + cert.getSubjectX500Principal().getName() + " carries an extendedKeyUsage extension");
            }
            if (cert.getExtensionValue(POLICY_MAPPINGS) != null) {
                throw new CertificateException("IEEE 2030.5: certificate " + cert.getSubjectX500Principal().getName()
                        + " carries a policyMappings extension");
            }
        }
    }

    private static String peer(SSLEngine engine) {
        return engine == null || engine.getPeerHost() == null ? "?" : engine.getPeerHost() + ":" + engine.getPeerPort();
    }

    private static String describe(X509Certificate cert) {
        CertificateIdentity id = CertificateIdentity.of(cert);
        String subject = id.subject().isEmpty() ? "(empty subject)" : id.subject();
        return "subject=\"" + subject + "\" issuer=\"" + cert.getIssuerX500Principal().getName()
                + "\" fingerprint=" + id.oadrFingerprint() + " lfdi=" + id.lfdi();
    }

    private static String reason(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }
}
