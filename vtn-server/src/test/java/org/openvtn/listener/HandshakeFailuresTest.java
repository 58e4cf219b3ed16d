package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.openvtn.listener.HandshakeFailures.Reason;

/**
 * The reason tag of {@code openvtn.tls.handshake.failures} (issue #19) stays in its fixed set for the failures the
 * JSSE providers report; OpsEndpointsIT checks no_client_cert, untrusted and revoked on real handshakes.
 */
class HandshakeFailuresTest {

    private static SSLHandshakeException handshake(String message, Throwable cause) {
        SSLHandshakeException e = new SSLHandshakeException(message);
        e.initCause(cause);
        return e;
    }

    @Test
    void classifiesByTheExceptionChain() {
        assertEquals(Reason.NO_CLIENT_CERT, HandshakeFailures.classify(handshake("Empty client certificate chain", null)));
        assertEquals(Reason.NO_CLIENT_CERT, HandshakeFailures.classify(handshake("certificate_required(116)", null)));
        assertEquals(Reason.UNTRUSTED, HandshakeFailures.classify(handshake("PKIX path building failed",
                new CertificateException("unable to find valid certification path to requested target"))));
        assertEquals(Reason.UNTRUSTED, HandshakeFailures.classify(handshake("x",
                new CertificateException("extendedKeyUsage lacks clientAuth"))));
        assertEquals(Reason.REVOKED, HandshakeFailures.classify(handshake("x", new CertPathValidatorException(
                "gone", null, null, -1, CertPathValidatorException.BasicReason.REVOKED))));
        assertEquals(Reason.REVOKED, HandshakeFailures.classify(handshake("certificate serial 1 is revoked by the CRL",
                new CertificateException("certificate serial 1 is revoked by the CRL"))));
        assertEquals(Reason.PROTOCOL, HandshakeFailures.classify(handshake("no cipher suites in common", null)));
        assertEquals(Reason.PROTOCOL, HandshakeFailures.classify(handshake(
                "The client supported protocol versions [TLSv1.1] are not accepted by server preferences", null)));
        assertEquals(Reason.PROTOCOL, HandshakeFailures.classify(
                new javax.net.ssl.SSLException("Unsupported or unrecognized SSL message")));
        assertEquals(Reason.OTHER, HandshakeFailures.classify(new java.io.IOException("Broken pipe")));
    }
}
