package org.openvtn.schemas.dsig;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dom.DOMStructure;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignatureProperties;
import javax.xml.crypto.dsig.SignatureProperty;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLObject;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.transform.TransformerException;
import org.openvtn.schemas.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Signs OpenADR 2.0b payloads (OpenADR 2.0b Profile Specification, security, message signing).
 *
 * <p>The result is {@code oadrPayload/(ds:Signature, oadrSignedObject)}: a signature beside the signed object
 * (as the {@code oadrPayload} schema places it) with two references, both SHA-256 and exclusive C14N:
 * <ol>
 *   <li>{@code #oadrSignedObject}, the {@code oadr:Id} the signer gives the {@code oadrSignedObject};</li>
 *   <li>the {@code ds:SignatureProperties} in the signature's {@code ds:Object}, whose {@code ds:SignatureProperty}
 *       holds {@code dsp:ReplayProtect} (timestamp from the injected clock, 128-bit random nonce), schema
 *       {@code oadr_xmldsig-properties-schema.xsd}.</li>
 * </ol>
 * RSA keys sign with RSA-SHA256, EC keys with ECDSA-SHA256; {@code KeyInfo/X509Data} carries the signer's
 * certificate (and its chain, without the root). The output still validates against the published schema.
 *
 * <p>Thread-safe.
 */
public final class OadrSigner {

    private static final String SIGNATURE_ID = "openvtnSignature";
    private static final String PROPERTIES_ID = "openvtnReplayProtect";

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final Clock clock;
    private final SecureRandom random;
    private final DsigDom dom;
    private final SignatureMethod signatureMethod;
    private final XmlLimits limits;
    /** The profile's algorithms, immutable and made once (issue #18): exclusive C14N, SHA-256. */
    private final CanonicalizationMethod c14n;
    private final Transform exc;
    private final DigestMethod sha256;
    private final XMLSignatureFactory factory = XMLSignatureFactory.getInstance("DOM");
    private volatile int nonceBytes = 16;
    /** The provider of the RSA/ECDSA primitive; null: the JVM's provider order (issue #18). */
    private final Provider provider;
    /** The signer's certificates, made once: immutable, marshalled afresh into each signature (issue #18). */
    private final KeyInfo keyInfo;

    private OadrSigner(PrivateKey key, List<X509Certificate> chain, Clock clock, SecureRandom random, XmlLimits limits,
                       Provider provider) {
        this.provider = provider;
        this.key = provider == null ? Objects.requireNonNull(key, "key") : translated(Objects.requireNonNull(key, "key"), provider);
        if (chain == null || chain.isEmpty()) {
            throw new IllegalArgumentException("chain: the signer's certificate is required");
        }
        this.chain = List.copyOf(chain);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.dom = new DsigDom(limits);
        String method = switch (key.getAlgorithm()) {
            case "RSA" -> SignatureMethod.RSA_SHA256;
            case "EC", "ECDSA" -> SignatureMethod.ECDSA_SHA256;
            default -> throw new IllegalArgumentException("key: " + key.getAlgorithm()
                    + " keys cannot sign OpenADR 2.0b payloads (RSA or EC only)");
        };
        this.limits = limits;
        try {
            this.signatureMethod = factory.newSignatureMethod(method, null);
            this.c14n = factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null);
            this.exc = factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null);
            this.sha256 = factory.newDigestMethod(DigestMethod.SHA256, null);
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK's XML-DSig lacks an algorithm of the 2.0b profile", e);
        }
        KeyInfoFactory kif = factory.getKeyInfoFactory();
        List<X509Certificate> certs = this.chain.size() > 1 && isSelfIssued(this.chain.get(this.chain.size() - 1))
                ? this.chain.subList(0, this.chain.size() - 1) : this.chain;
        this.keyInfo = kif.newKeyInfo(List.of(kif.newX509Data(List.copyOf(certs))));
        if (!chain.get(0).getPublicKey().getAlgorithm().equals(key.getAlgorithm())
                && !(key.getAlgorithm().startsWith("EC") && chain.get(0).getPublicKey().getAlgorithm().startsWith("EC"))) {
            throw new IllegalArgumentException("chain: the first certificate does not hold the signing key's public key");
        }
    }

    /**
     * A signer for the key and its certificate chain (leaf first).
     *
     * @param clock time source of the ReplayProtect timestamp
     */
    public static OadrSigner create(PrivateKey key, List<X509Certificate> chain, Clock clock) {
        return new OadrSigner(key, chain, clock, new SecureRandom(), XmlLimits.DEFAULT, null);
    }

    /** As {@link #create(PrivateKey, List, Clock)} with explicit nonce randomness and document limits. */
    public static OadrSigner create(PrivateKey key, List<X509Certificate> chain, Clock clock, SecureRandom random,
                                    XmlLimits limits) {
        return new OadrSigner(key, chain, clock, random, limits, null);
    }

    /**
     * As {@link #create(PrivateKey, List, Clock, SecureRandom, XmlLimits)}, with the RSA/ECDSA signature computed by
     * {@code provider} (e.g. a native one, issue #18) instead of the first of the JVM's providers that has it. The
     * XML-DSig profile is the same; only the primitive's implementation differs.
     */
    public static OadrSigner create(PrivateKey key, List<X509Certificate> chain, Clock clock, SecureRandom random,
                                    XmlLimits limits, Provider provider) {
        return new OadrSigner(key, chain, clock, random, limits, Objects.requireNonNull(provider, "provider"));
    }

    /**
     * Test hook: nonces of {@code bytes} random bytes instead of 16, so a test can sign what a hostile VEN would
     * (an over-long nonce, issue #12 item 3).
     */
    OadrSigner nonceBytes(int bytes) {
        this.nonceBytes = bytes;
        return this;
    }

    /** The signer's certificate. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Signs an unsigned {@code oadrPayload} document (e.g. the output of {@code OadrCodec.encodePayload}) and
     * returns the signed document.
     *
     * @throws OadrSignatureException {@code MALFORMED} if the document is not an unsigned oadrPayload,
     *                                {@code SIGNING_FAILED} if the key cannot sign
     */
    public byte[] sign(byte[] payloadDocument) throws OadrSignatureException {
        if (payloadDocument.length > limits.maxDocumentBytes()) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "document exceeds the limit of "
                    + limits.maxDocumentBytes() + " bytes");
        }
        Document doc = dom.parseHardened(payloadDocument); // the signer's own answer; DOCTYPE still refused
        Element root = DsigDom.payloadRoot(doc);
        if (DsigDom.onlyChild(root, DsigDom.DS_NS, "Signature") != null) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "the payload is already signed");
        }
        Element signedObject = DsigDom.onlyChild(root, DsigDom.OADR_NS, "oadrSignedObject");
        if (signedObject == null) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, "no oadrSignedObject");
        }
        String id = DsigDom.signedObjectId(signedObject);
        if (id == null || id.isEmpty()) {
            id = DsigDom.SIGNED_OBJECT_ID;
            signedObject.setAttributeNS(DsigDom.OADR_NS, signedObject.getPrefix() == null ? "oadr:Id"
                    : signedObject.getPrefix() + ":Id", id);
            if (signedObject.getPrefix() == null) {
                signedObject.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:oadr", DsigDom.OADR_NS);
            }
            signedObject.setIdAttributeNS(DsigDom.OADR_NS, "Id", true);
        }
        try {
            Reference toObject = factory.newReference("#" + id, sha256, List.of(exc), null, null);
            Reference toProperties = factory.newReference("#" + PROPERTIES_ID, sha256, List.of(exc),
                    "http://www.w3.org/2000/09/xmldsig#SignatureProperties", null);
            SignedInfo signedInfo = factory.newSignedInfo(c14n, signatureMethod, List.of(toObject, toProperties));

            SignatureProperty property = factory.newSignatureProperty(
                    List.of(new DOMStructure(replayProtect(doc))), "#" + SIGNATURE_ID, null);
            SignatureProperties properties = factory.newSignatureProperties(List.of(property), PROPERTIES_ID);
            XMLObject object = factory.newXMLObject(List.of(properties), null, null, null);

            XMLSignature signature = factory.newXMLSignature(signedInfo, keyInfo, List.of(object), SIGNATURE_ID, null);
            DOMSignContext context = new DOMSignContext(key, root, signedObject);
            context.setDefaultNamespacePrefix("ds");
            context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
            if (provider != null) {
                context.setProperty(DsigDom.SIGNATURE_PROVIDER, provider);
            }
            signature.sign(context);
            // The JDK wraps base64 at 76 columns with CR LF; SignatureValue and KeyInfo are outside SignedInfo's
            // references, so one unbroken line each is the same signature and avoids &#13; in the output.
            unwrapBase64(root, "SignatureValue");
            unwrapBase64(root, "X509Certificate");
            return DsigDom.serialize(doc);
        } catch (MarshalException
                 | XMLSignatureException | TransformerException | RuntimeException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.SIGNING_FAILED,
                    "cannot sign the payload: " + e.getMessage(), e);
        }
    }

    private Element replayProtect(Document doc) {
        Element rp = doc.createElementNS(DsigDom.DSP_NS, "dsp:ReplayProtect");
        rp.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:dsp", DsigDom.DSP_NS);
        Element ts = doc.createElementNS(DsigDom.DSP_NS, "dsp:timestamp");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        ts.setTextContent(now.toString());
        Element nonce = doc.createElementNS(DsigDom.DSP_NS, "dsp:nonce");
        byte[] n = new byte[nonceBytes];
        random.nextBytes(n);
        nonce.setTextContent(HexFormat.of().formatHex(n));
        rp.appendChild(ts);
        rp.appendChild(nonce);
        return rp;
    }

    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("\\s+");

    private static void unwrapBase64(Element root, String localName) {
        org.w3c.dom.NodeList nodes = root.getElementsByTagNameNS(DsigDom.DS_NS, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            org.w3c.dom.Node n = nodes.item(i);
            n.setTextContent(WHITESPACE.matcher(n.getTextContent()).replaceAll(""));
        }
    }

    /** The key in the provider's own form, converted once instead of on every signature; as is if it cannot be. */
    private static PrivateKey translated(PrivateKey key, Provider provider) {
        try {
            return (PrivateKey) java.security.KeyFactory.getInstance(key.getAlgorithm(), provider).translateKey(key);
        } catch (NoSuchAlgorithmException | java.security.InvalidKeyException | RuntimeException e) {
            return key;
        }
    }

    private static boolean isSelfIssued(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }
}
