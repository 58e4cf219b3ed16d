package org.openvtn.schemas.dsig;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * An extra check of an XML signature's signing certificate, made after it has been found to
 * chain to a trust anchor: typically revocation, fed from the same CRLs as the TLS listener
 * (issue #12 item 2; OpenADR 2.0b security: a revoked certificate must not sign payloads either).
 * Not called when the signer is the TLS peer's own certificate, which the handshake checked.
 */
@FunctionalInterface
public interface SignerCheck {

    /** Accepts every signer. */
    SignerCheck NONE = (signer, chain) -> { };

    /**
     * @param signer the signing certificate
     * @param chain  the other certificates the signature carried (candidates for its path)
     * @throws CertificateException when the signer must be refused (the message says why)
     */
    void check(X509Certificate signer, List<X509Certificate> chain) throws CertificateException;
}
