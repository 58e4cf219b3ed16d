package org.openvtn.certs.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-checks the client of every completed server handshake, including resumed ones, which the
 * trust manager never sees: an expired certificate or one revoked since the session was
 * established closes the connection (issue #12 item 2). Logged in one WARN line like a rejected
 * handshake and reported to the {@link TlsRejectionListener}.
 */
final class SessionGuard implements SslHandshakeListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionGuard.class);

    private final RevocationSource revocation;
    private final TlsProfile profile;
    private final TlsRejectionListener listener;

    SessionGuard(RevocationSource revocation, TlsProfile profile, TlsRejectionListener listener) {
        this.revocation = revocation;
        this.profile = profile;
        this.listener = listener;
    }

    @Override
    public void handshakeSucceeded(Event event) throws SSLException {
        SSLEngine engine = event.getSSLEngine();
        if (engine.getUseClientMode()) {
            return;
        }
        SSLSession session = engine.getSession();
        try {
            revocation.checkSession(session);
        } catch (CertificateException | RuntimeException e) {
            String peer = engine.getPeerHost() + ":" + engine.getPeerPort();
            X509Certificate leaf = leaf(session);
            session.invalidate();
            LOG.warn("TLS {} client session refused ({}): {} - {}", profile, peer,
                    leaf == null ? "no certificate" : leaf.getSubjectX500Principal().getName(), e.getMessage());
            try {
                listener.onRejected(true, peer, leaf, String.valueOf(e.getMessage()));
            } catch (RuntimeException listenerFailure) {
                LOG.warn("TLS rejection listener failed", listenerFailure);
            }
            throw new SSLException("client certificate no longer acceptable: " + e.getMessage(), e);
        }
    }

    private static X509Certificate leaf(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x ? x : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }
}
