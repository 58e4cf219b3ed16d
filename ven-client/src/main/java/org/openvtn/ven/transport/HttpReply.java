package org.openvtn.ven.transport;

import java.security.cert.X509Certificate;

/**
 * An HTTP response: status, body and the server certificate of the TLS session it came on (null when unknown).
 * Internal.
 */
public record HttpReply(int status, byte[] body, X509Certificate peer) {

    public HttpReply(int status, byte[] body) {
        this(status, body, null);
    }
}
