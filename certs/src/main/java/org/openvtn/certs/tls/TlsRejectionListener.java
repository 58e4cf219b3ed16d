package org.openvtn.certs.tls;

import java.security.cert.X509Certificate;

/**
 * Told when a peer's certificate is rejected during a handshake (after the log line is
 * written), e.g. for metrics or an operator's audit trail. Called on the handshake thread:
 * return quickly.
 */
@FunctionalInterface
public interface TlsRejectionListener {

    /**
     * @param peerIsClient true when this endpoint is the server and the client was rejected
     * @param peer         the peer's address as far as known, {@code "?"} otherwise
     * @param certificate  the peer's end-entity certificate, null when none was presented
     * @param reason       why, in words
     */
    void onRejected(boolean peerIsClient, String peer, X509Certificate certificate, String reason);
}
