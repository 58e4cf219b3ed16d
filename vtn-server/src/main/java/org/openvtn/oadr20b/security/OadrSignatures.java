package org.openvtn.oadr20b.security;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.openvtn.core.ErrorCode;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.certs.crypto.NativeCrypto;
import org.openvtn.schemas.dsig.OadrSignatureVerifier;
import org.openvtn.schemas.dsig.SignerCheck;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.schemas.dsig.VerifiedSignature;
import org.openvtn.oadr20b.service.OadrResponseCodes;

/**
 * The VTN's XML signature policy at run time: verifies VEN payloads (signer = the TLS client certificate, or a
 * certificate of the same subject chaining to the VTN's trust anchors; ReplayProtect window and nonces), and
 * signs answers with the key whose certificate the TLS session presented, so a VEN can check the signer against
 * the server certificate it saw. Thread-safe.
 */
public final class OadrSignatures {

    private final OadrSignatureConfig config;
    private final OadrSignatureVerifier verifier;
    private final List<OadrSigner> signers;

    private OadrSignatures(OadrSignatureConfig config, OadrSignatureVerifier verifier, List<OadrSigner> signers) {
        this.config = config;
        this.verifier = verifier;
        this.signers = signers;
    }

    /**
     * @param trustAnchors the CAs of the OpenADR listener (a VEN may sign with another certificate of its subject
     *                     issued by them)
     */
    public static OadrSignatures create(OadrSignatureConfig config, List<X509Certificate> trustAnchors, Clock clock,
                                        XmlLimits limits) {
        return create(config, trustAnchors, clock, limits, SignerCheck.NONE);
    }

    /**
     * @param trustAnchors the CAs of the OpenADR listener
     * @param signerCheck  extra check of a signer other than the TLS peer: the listener's revocation check
     *                     (issue #12 item 2)
     */
    public static OadrSignatures create(OadrSignatureConfig config, List<X509Certificate> trustAnchors, Clock clock,
                                        XmlLimits limits, SignerCheck signerCheck) {
        return create(config, trustAnchors, clock, limits, signerCheck, null);
    }

    /**
     * @param trustAnchors the CAs of the OpenADR listener
     * @param signerCheck  extra check of a signer other than the TLS peer
     * @param sharedNonces the nonce memory the VTN's nodes share (issue #19: a payload accepted by one node is refused
     *                     as replayed by the others), null for one process
     */
    public static OadrSignatures create(OadrSignatureConfig config, List<X509Certificate> trustAnchors, Clock clock,
                                        XmlLimits limits, SignerCheck signerCheck,
                                        org.openvtn.schemas.dsig.SharedNonces sharedNonces) {
        // The native provider (issue #18) signs and verifies when it loaded and is not turned off; else the JDK's.
        java.security.Provider primitive = NativeCrypto.enabled() ? NativeCrypto.provider().orElse(null) : null;
        OadrSignatureVerifier verifier = OadrSignatureVerifier.builder().clock(clock)
                .replayWindow(config.replayWindow()).trustAnchors(trustAnchors).limits(limits)
                .signerCheck(signerCheck).sharedNonces(sharedNonces).signatureProvider(primitive).build();
        List<OadrSigner> signers = config.signingKeys().stream()
                .map(k -> primitive == null
                        ? OadrSigner.create(k.key(), k.chain(), clock, new java.security.SecureRandom(), limits)
                        : OadrSigner.create(k.key(), k.chain(), clock, new java.security.SecureRandom(), limits, primitive))
                .toList();
        return new OadrSignatures(config, verifier, signers);
    }

    public boolean requireSignatures() {
        return config.requireSignatures();
    }

    public boolean signResponses() {
        return config.signResponses();
    }

    /** Verifies a signed payload from the VEN presenting {@code peer}. */
    public VerifiedSignature verify(byte[] payload, X509Certificate peer) throws OadrSignatureException {
        return verifier.verify(payload, peer);
    }

    /**
     * Verifies a signed payload from the VEN presenting {@code peer} that {@code acceptedBy} has just decoded without
     * error (see {@link org.openvtn.schemas.dsig.OadrSignatureVerifier#verifyDecoded}: same result, one parse less).
     */
    public VerifiedSignature verifyDecoded(byte[] payload, X509Certificate peer, org.openvtn.schemas.XmlCodec acceptedBy)
            throws OadrSignatureException {
        return verifier.verifyDecoded(payload, peer, acceptedBy);
    }

    /**
     * Signs an answer with the key of {@code tlsCertificate} (the server certificate of the session), or else a key
     * of the same algorithm, or else the first key.
     */
    public byte[] sign(byte[] payload, X509Certificate tlsCertificate) throws OadrSignatureException {
        OadrSigner chosen = signers.get(0);
        if (tlsCertificate != null) {
            for (OadrSigner s : signers) {
                if (s.certificate().equals(tlsCertificate)) {
                    return s.sign(payload);
                }
            }
            String alg = tlsCertificate.getPublicKey().getAlgorithm();
            for (OadrSigner s : signers) {
                if (s.certificate().getPublicKey().getAlgorithm().equals(alg)) {
                    chosen = s;
                    break;
                }
            }
        }
        return chosen.sign(payload);
    }

    /**
     * The OpenADR code for a refused signature (docs/openadr-20b.md): 454 invalid data when the signature or its
     * structure does not verify (tampered, malformed), 459 compliance error when the payload breaks the signing
     * policy (unsigned where required, algorithm outside the profile, wrong signer, stale or replayed).
     */
    public static int codeFor(OadrSignatureException e) {
        return switch (e.reason()) {
            case INVALID, MALFORMED -> OadrResponseCodes.of(ErrorCode.INVALID_DATA);
            default -> OadrResponseCodes.of(ErrorCode.COMPLIANCE_ERROR);
        };
    }
}
