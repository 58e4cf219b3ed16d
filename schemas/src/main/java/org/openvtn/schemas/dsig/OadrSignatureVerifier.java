package org.openvtn.schemas.dsig;

import java.security.InvalidAlgorithmParameterException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.openvtn.schemas.XmlCodec;
import org.openvtn.schemas.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies OpenADR 2.0b payload signatures (OpenADR 2.0b Profile Specification, security, message signing;
 * schema {@code oadr_xmldsig-properties-schema.xsd} for ReplayProtect). A payload is accepted when:
 * <ul>
 *   <li>its {@code ds:Signature} verifies (signature value and every reference digest), with the algorithms of
 *       {@link SignatureProfile} and the JDK's secure validation on;</li>
 *   <li>one reference covers exactly the {@code oadrSignedObject} (by its Id) and another covers the
 *       {@code ReplayProtect} inside the signature's own {@code ds:Object};</li>
 *   <li>the signing certificate is the TLS peer's certificate, or chains to a configured trust anchor and has the
 *       same subject as the TLS peer's certificate;</li>
 *   <li>the ReplayProtect timestamp is within {@code replayWindow} of the clock and its nonce was not seen from
 *       the same signer within that window.</li>
 * </ul>
 * A nonce longer than 128 characters is refused as {@code MALFORMED} before the signature is checked, and nonces
 * are remembered as fixed-size digests, at most {@code maxNoncesPerSigner} per signer and
 * {@code maxRememberedNonces} in all (issue #12 item 3).
 * Thread-safe; one instance per endpoint, since it remembers nonces.
 */
public final class OadrSignatureVerifier {

    private final Clock clock;
    private final Duration replayWindow;
    private final Set<TrustAnchor> anchors;
    private final DsigDom dom;
    private final XmlLimits limits;
    private final ReplayGuard replay;
    private final SignerCheck signerCheck;
    private final SharedNonces shared;
    private final XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    private final java.security.Provider provider;

    private OadrSignatureVerifier(Builder b) {
        this.provider = b.provider;
        this.clock = b.clock;
        this.replayWindow = b.replayWindow;
        Set<TrustAnchor> a = new HashSet<>();
        for (X509Certificate c : b.trustAnchors) {
            a.add(new TrustAnchor(c, null));
        }
        this.anchors = Set.copyOf(a);
        this.dom = new DsigDom(b.limits);
        this.limits = b.limits;
        this.signerCheck = b.signerCheck;
        this.shared = b.sharedNonces;
        this.replay = new ReplayGuard(b.replayWindow, b.maxRememberedNonces, b.maxNoncesPerSigner);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Nonces remembered now, of all signers (a bounded number, see {@link Builder#maxRememberedNonces}). */
    public int rememberedNonces() {
        return replay.size();
    }

    /** The accepted distance between a ReplayProtect timestamp and the clock, in either direction. */
    public Duration replayWindow() {
        return replayWindow;
    }

    /**
     * Verifies a signed {@code oadrPayload} document as received from {@code peer}.
     *
     * @param peer the certificate the peer presented in the TLS handshake; null only when the signer may be anyone
     *             who chains to a trust anchor
     * @throws OadrSignatureException with {@link OadrSignatureException.Reason#MISSING} when the payload is unsigned
     */
    public VerifiedSignature verify(byte[] document, X509Certificate peer) throws OadrSignatureException {
        return verify(dom.parse(document), peer);
    }

    /**
     * Verifies a signed {@code oadrPayload} document that {@code acceptedBy} has just decoded without error, as every
     * receiver does before it looks at the signature. The guarded pass of {@link #verify(byte[], X509Certificate)}
     * (size, DOCTYPE, depth and attribute bounds, checked before the DOM parser sees the bytes) is then skipped when
     * the codec's limits are no looser than this verifier's: the codec's own parse enforced the same bounds, with the
     * same hardened parser settings, on the same bytes, so the pass could not refuse the document (issue #18: it was
     * about a quarter of a verification's CPU and a third of its allocation). Otherwise it runs as usual. The result
     * and every refusal are those of {@link #verify(byte[], X509Certificate)}.
     *
     * @param acceptedBy the codec that decoded exactly {@code document} without error (by any of its paths, including
     *                   an oadrPoll's proven shape, which accepts only what its full parse accepts)
     */
    public VerifiedSignature verifyDecoded(byte[] document, X509Certificate peer, XmlCodec acceptedBy)
            throws OadrSignatureException {
        XmlLimits theirs = acceptedBy.limits();
        boolean bounded = theirs.maxDocumentBytes() <= limits.maxDocumentBytes() && theirs.maxDepth() <= limits.maxDepth()
                && theirs.maxAttributesPerElement() <= limits.maxAttributesPerElement();
        return verify(bounded ? dom.parseHardened(document) : dom.parse(document), peer);
    }

    private VerifiedSignature verify(Document doc, X509Certificate peer) throws OadrSignatureException {
        Element root = DsigDom.payloadRoot(doc);
        Element signatureElement = DsigDom.onlyChild(root, DsigDom.DS_NS, "Signature");
        if (signatureElement == null) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MISSING, "the payload carries no ds:Signature");
        }
        Element signedObject = DsigDom.onlyChild(root, DsigDom.OADR_NS, "oadrSignedObject");
        if (signedObject == null) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "no oadrSignedObject");
        }
        String objectId = DsigDom.signedObjectId(signedObject);
        if (objectId == null || objectId.isEmpty()) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "oadrSignedObject has no Id for the signature to reference");
        }
        DsigDom.markDsIds(signatureElement);
        ReplayProtect rp = ReplayProtect.find(signatureElement);

        X509KeySelector keys = new X509KeySelector();
        DOMValidateContext context = new DOMValidateContext(keys, signatureElement);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        if (provider != null) {
            context.setProperty(DsigDom.SIGNATURE_PROVIDER, provider);
        }
        XMLSignature signature;
        try {
            signature = factory.unmarshalXMLSignature(context);
        } catch (MarshalException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "cannot read ds:Signature: " + e.getMessage(), e);
        }
        SignatureProfile.check(signature.getSignedInfo(), objectId, rp.coveringIds());
        boolean valid;
        try {
            valid = signature.validate(context);
        } catch (XMLSignatureException e) {
            throw new OadrSignatureException(keys.selected == null ? OadrSignatureException.Reason.MALFORMED
                    : OadrSignatureException.Reason.INVALID, "signature not verifiable: " + rootMessage(e), e);
        }
        if (!valid) {
            throw new OadrSignatureException(OadrSignatureException.Reason.INVALID,
                    SignatureProfile.describeFailure(signature, context));
        }
        X509Certificate signer = keys.selected;
        checkSigner(signer, keys.chain, peer);

        Instant now = clock.instant();
        if (rp.timestamp().isBefore(now.minus(replayWindow)) || rp.timestamp().isAfter(now.plus(replayWindow))) {
            throw new OadrSignatureException(OadrSignatureException.Reason.STALE, "ReplayProtect timestamp "
                    + rp.timestamp() + " is more than " + replayWindow + " away from " + now);
        }
        if (!replay.firstUse(fingerprint(signer), rp.nonce(), rp.timestamp(), now)) {
            throw new OadrSignatureException(OadrSignatureException.Reason.REPLAYED,
                    "ReplayProtect nonce " + rp.nonce() + " was already used by this signer");
        }
        if (shared != null && !shared.firstUse(ReplayGuard.key(fingerprint(signer), rp.nonce()),
                replay.forgetAt(rp.timestamp(), now), now)) {
            throw new OadrSignatureException(OadrSignatureException.Reason.REPLAYED,
                    "ReplayProtect nonce " + rp.nonce() + " was already used by this signer (on another node)");
        }
        return new VerifiedSignature(signer, rp.timestamp(), rp.nonce());
    }

    private void checkSigner(X509Certificate signer, List<X509Certificate> chain, X509Certificate peer)
            throws OadrSignatureException {
        if (peer != null && signer.equals(peer)) {
            return;
        }
        if (anchors.isEmpty()) {
            throw new OadrSignatureException(OadrSignatureException.Reason.WRONG_SIGNER, "signed by "
                    + signer.getSubjectX500Principal() + ", not by the TLS peer's certificate");
        }
        if (peer != null && !signer.getSubjectX500Principal().equals(peer.getSubjectX500Principal())) {
            throw new OadrSignatureException(OadrSignatureException.Reason.WRONG_SIGNER, "signed by "
                    + signer.getSubjectX500Principal() + ", but the TLS peer is " + peer.getSubjectX500Principal());
        }
        try {
            List<X509Certificate> path = new ArrayList<>();
            path.add(signer);
            for (X509Certificate c : chain) {
                if (!c.equals(signer) && !c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    path.add(c);
                }
            }
            PKIXParameters params = new PKIXParameters(anchors);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(clock.instant()));
            CertPathValidator.getInstance("PKIX")
                    .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), params);
        } catch (CertPathValidatorException | CertificateException | InvalidAlgorithmParameterException
                 | NoSuchAlgorithmException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.WRONG_SIGNER, "signing certificate "
                    + signer.getSubjectX500Principal() + " does not chain to a trusted CA: " + e.getMessage(), e);
        }
        try {
            signerCheck.check(signer, chain);
        } catch (CertificateException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.WRONG_SIGNER, "signing certificate "
                    + signer.getSubjectX500Principal() + " refused: " + e.getMessage(), e);
        }
    }

    private static String fingerprint(X509Certificate c) throws OadrSignatureException {
        try {
            return java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "unreadable certificate", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** Immutable settings of a verifier; {@link #build()} validates them. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration replayWindow = Duration.ofMinutes(5);
        private List<X509Certificate> trustAnchors = List.of();
        private int maxRememberedNonces = 100_000;
        private int maxNoncesPerSigner = 1024;
        private XmlLimits limits = XmlLimits.DEFAULT;
        private SignerCheck signerCheck = SignerCheck.NONE;
        private SharedNonces sharedNonces;
        private java.security.Provider provider;

        private Builder() {
        }

        /**
         * The provider of the RSA/ECDSA verification (e.g. a native one, issue #18); default: the first of the JVM's
         * providers that has it. The checks are the same either way.
         */
        public Builder signatureProvider(java.security.Provider provider) {
            this.provider = provider;
            return this;
        }

        /** A nonce memory shared with other verifiers (other VTN nodes), consulted after this one's; default none. */
        public Builder sharedNonces(SharedNonces nonces) {
            this.sharedNonces = nonces;
            return this;
        }

        /** Time source for the ReplayProtect window and certificate validity. */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How far a ReplayProtect timestamp may be from the clock (default 5 minutes). */
        public Builder replayWindow(Duration window) {
            this.replayWindow = window;
            return this;
        }

        /**
         * CAs whose certificates may sign on behalf of the TLS peer of the same subject; empty (default) means the
         * signer must be exactly the TLS peer's certificate.
         */
        public Builder trustAnchors(List<X509Certificate> anchors) {
            this.trustAnchors = anchors == null ? List.of() : List.copyOf(anchors);
            return this;
        }

        /** Bound of the nonce memory (default 100 000); the oldest nonces are forgotten first. */
        public Builder maxRememberedNonces(int max) {
            this.maxRememberedNonces = max;
            return this;
        }

        /**
         * Bound of the nonces remembered for one signer (default 1024, several times what a VEN polling every
         * second sends in the default 5-minute window); its oldest nonces are forgotten first.
         */
        public Builder maxNoncesPerSigner(int max) {
            this.maxNoncesPerSigner = max;
            return this;
        }

        /** Extra check of a signer other than the TLS peer, e.g. revocation (default: none). */
        public Builder signerCheck(SignerCheck check) {
            this.signerCheck = check;
            return this;
        }

        public Builder limits(XmlLimits limits) {
            this.limits = limits;
            return this;
        }

        public OadrSignatureVerifier build() {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(limits, "limits");
            if (signerCheck == null) {
                throw new IllegalArgumentException("signerCheck: required (SignerCheck.NONE for none)");
            }
            if (replayWindow == null || replayWindow.isNegative() || replayWindow.isZero()) {
                throw new IllegalArgumentException("replayWindow: must be positive, was " + replayWindow);
            }
            if (maxRememberedNonces < 1) {
                throw new IllegalArgumentException("maxRememberedNonces: must be at least 1");
            }
            if (maxNoncesPerSigner < 1 || maxNoncesPerSigner > maxRememberedNonces) {
                throw new IllegalArgumentException("maxNoncesPerSigner: must be 1.." + maxRememberedNonces
                        + ", was " + maxNoncesPerSigner);
            }
            return new OadrSignatureVerifier(this);
        }
    }

    /** Picks the key of the first X509Data certificate; remembers which one, and the rest of the chain. */
    private static final class X509KeySelector extends javax.xml.crypto.KeySelector {
        X509Certificate selected;
        final List<X509Certificate> chain = new ArrayList<>();

        @Override
        public javax.xml.crypto.KeySelectorResult select(javax.xml.crypto.dsig.keyinfo.KeyInfo keyInfo, Purpose purpose,
                javax.xml.crypto.AlgorithmMethod method, javax.xml.crypto.XMLCryptoContext context)
                throws javax.xml.crypto.KeySelectorException {
            if (keyInfo == null) {
                throw new javax.xml.crypto.KeySelectorException("no KeyInfo");
            }
            for (Object info : keyInfo.getContent()) {
                if (info instanceof javax.xml.crypto.dsig.keyinfo.X509Data data) {
                    for (Object o : data.getContent()) {
                        if (o instanceof X509Certificate c) {
                            chain.add(c);
                        }
                    }
                }
            }
            if (chain.isEmpty()) {
                throw new javax.xml.crypto.KeySelectorException("KeyInfo holds no X509Data certificate");
            }
            X509Certificate leaf = chain.get(0);
            String alg = method.getAlgorithm();
            String keyAlg = leaf.getPublicKey().getAlgorithm();
            boolean fits = alg.contains("rsa") ? keyAlg.equals("RSA") : alg.contains("ecdsa") && keyAlg.startsWith("EC");
            if (!fits) {
                throw new javax.xml.crypto.KeySelectorException("certificate key " + keyAlg + " does not fit " + alg);
            }
            selected = leaf;
            Key key = leaf.getPublicKey();
            return () -> key;
        }
    }
}
