package org.openvtn.schemas.dsig;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * What a successfully verified OpenADR 2.0b payload signature tells: who signed it and its ReplayProtect values.
 *
 * @param signer    the certificate whose key verified the signature (from {@code KeyInfo/X509Data})
 * @param timestamp the {@code ReplayProtect/timestamp}
 * @param nonce     the {@code ReplayProtect/nonce}
 */
public record VerifiedSignature(X509Certificate signer, Instant timestamp, String nonce) {
}
