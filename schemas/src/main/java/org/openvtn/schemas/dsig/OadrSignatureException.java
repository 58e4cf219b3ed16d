package org.openvtn.schemas.dsig;

/**
 * An OpenADR 2.0b XML signature could not be produced or was refused (OpenADR 2.0b Profile Specification,
 * security: message signing with XML Signature and {@code ReplayProtect}).
 *
 * <p>{@link #reason()} says why, so a protocol adapter can answer with its own error code and a clear
 * description; the message never contains key material.
 */
public final class OadrSignatureException extends Exception {

    /** Why a signature was refused or could not be made. */
    public enum Reason {
        /** The payload carries no {@code ds:Signature} but one is required. */
        MISSING,
        /** The document or the signature element is not shaped as the profile requires (references, Id, algorithms). */
        MALFORMED,
        /** An algorithm outside the profile (RSA-SHA256 / ECDSA-SHA256, SHA-256 digests, C14N). */
        UNSUPPORTED_ALGORITHM,
        /** The signature value or a reference digest does not verify: the payload was changed after signing. */
        INVALID,
        /** The signing certificate is neither the TLS peer's nor a trusted certificate of the same identity. */
        WRONG_SIGNER,
        /** The ReplayProtect timestamp is outside the accepted window. */
        STALE,
        /** The ReplayProtect nonce was already seen from this signer within the window. */
        REPLAYED,
        /** Signing failed (bad key, unsupported key type, internal XML failure). */
        SIGNING_FAILED
    }

    private final Reason reason;

    public OadrSignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public OadrSignatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason + ": " + super.getMessage();
    }
}
