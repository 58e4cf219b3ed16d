package org.openvtn.certs.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.openvtn.certs.identity.CertificateIdentity;

/**
 * The authenticated peer of a TLS session: its certificate and the identities derived from it
 * (OpenADR 2.0b fingerprint, IEEE 2030.5 §6.3.4 LFDI and SFDI). Handlers call this to learn
 * who is calling.
 */
public final class PeerIdentities {

    private PeerIdentities() {
    }

    /** The peer's end-entity certificate, empty when the session has no authenticated peer. */
    public static Optional<X509Certificate> certificate(SSLSession session) {
        if (session == null) {
            return Optional.empty();
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x
                    ? Optional.of(x) : Optional.empty();
        } catch (SSLPeerUnverifiedException e) {
            return Optional.empty();
        }
    }

    /** The peer's identities, empty when the session has no authenticated peer. */
    public static Optional<CertificateIdentity> of(SSLSession session) {
        return certificate(session).map(CertificateIdentity::of);
    }
}
