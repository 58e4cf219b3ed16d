package org.openvtn.schemas.dsig;

import java.util.List;
import java.util.Set;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.dom.DOMValidateContext;

/**
 * The algorithms and references an OpenADR 2.0b payload signature may use (profile: RSA-SHA256 or ECDSA-SHA256,
 * SHA-256 digests; canonicalization inclusive or exclusive C14N 1.0 since peers use both).
 */
final class SignatureProfile {

    static final Set<String> SIGNATURE_METHODS = Set.of(SignatureMethod.RSA_SHA256, SignatureMethod.ECDSA_SHA256);
    static final Set<String> C14N = Set.of(CanonicalizationMethod.EXCLUSIVE, CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS,
            CanonicalizationMethod.INCLUSIVE, CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS);
    static final Set<String> TRANSFORMS = Set.of(CanonicalizationMethod.EXCLUSIVE,
            CanonicalizationMethod.EXCLUSIVE_WITH_COMMENTS, CanonicalizationMethod.INCLUSIVE,
            CanonicalizationMethod.INCLUSIVE_WITH_COMMENTS, Transform.ENVELOPED);

    private SignatureProfile() {
    }

    /**
     * Checks algorithms and that the references cover exactly the signed object and the ReplayProtect property,
     * and nothing outside the payload.
     */
    static void check(SignedInfo si, String objectId, Set<String> replayProtectIds) throws OadrSignatureException {
        String sm = si.getSignatureMethod().getAlgorithm();
        if (!SIGNATURE_METHODS.contains(sm)) {
            throw unsupported("signature method " + sm);
        }
        String c14n = si.getCanonicalizationMethod().getAlgorithm();
        if (!C14N.contains(c14n)) {
            throw unsupported("canonicalization " + c14n);
        }
        boolean object = false;
        boolean replay = false;
        for (Reference r : (List<Reference>) si.getReferences()) {
            if (!DigestMethod.SHA256.equals(r.getDigestMethod().getAlgorithm())) {
                throw unsupported("digest " + r.getDigestMethod().getAlgorithm());
            }
            for (Transform t : (List<Transform>) r.getTransforms()) {
                if (!TRANSFORMS.contains(t.getAlgorithm())) {
                    throw unsupported("transform " + t.getAlgorithm());
                }
            }
            String uri = r.getURI();
            if (uri == null || !uri.startsWith("#") || uri.length() < 2) {
                throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                        "reference URI " + uri + " does not point into the payload by Id");
            }
            String id = uri.substring(1);
            if (id.equals(objectId)) {
                object = true;
            } else if (replayProtectIds.contains(id)) {
                replay = true;
            } else {
                throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                        "reference " + uri + " is neither the oadrSignedObject nor the ReplayProtect property");
            }
        }
        if (!object) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "no reference covers the oadrSignedObject (#" + objectId + ")");
        }
        if (!replay) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "no reference covers the ReplayProtect property");
        }
    }

    /** Which part failed, for the log and the error description. */
    static String describeFailure(XMLSignature signature, DOMValidateContext context) {
        StringBuilder b = new StringBuilder("signature does not verify:");
        try {
            if (!signature.getSignatureValue().validate(context)) {
                b.append(" signature value wrong;");
            }
            for (Reference r : (List<Reference>) signature.getSignedInfo().getReferences()) {
                if (!r.validate(context)) {
                    b.append(" digest of ").append(r.getURI()).append(" differs (content changed);");
                }
            }
        } catch (XMLSignatureException e) {
            b.append(' ').append(e.getMessage());
        }
        return b.toString();
    }

    private static OadrSignatureException unsupported(String what) {
        return new OadrSignatureException(OadrSignatureException.Reason.UNSUPPORTED_ALGORITHM,
                what + " is outside the OpenADR 2.0b signature profile");
    }
}
