package org.openvtn.schemas.dsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvtn.certs.crypto.NativeCrypto;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Issue #18: the native provider ({@link NativeCrypto}, AWS-LC) computes the RSA-SHA256 and ECDSA-SHA256 primitive of
 * the OpenADR 2.0b Profile's XML signature; everything else is unchanged. Its signatures verify with the JDK's own
 * XML-DSig and JDK providers (independently of OadrSignatureVerifier), the JDK's signatures verify with it, and a
 * tampered payload is refused by it. The provider is passed explicitly: the test JVM's provider order is untouched.
 */
class NativeSignatureTest {

    static OadrCodec codec;
    static Credential rsa;
    static Credential ecc;
    static Provider accp;

    @BeforeAll
    static void pki() {
        accp = NativeCrypto.provider().orElseThrow(() -> new AssertionError(
                "the native provider must load on the CI platform (Linux x86-64)"));
        codec = OadrCodec.create(new PublishedSchemas());
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        CertificateAuthority ca = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(), caKeys);
        KeyPair r = keys.rsa2048();
        rsa = ca.issue("vtn-rsa", CertificateProfiles.oadrClient("vtn-rsa", r.getPublic(), now).build(), r.getPrivate());
        KeyPair e = keys.ecP256();
        ecc = ca.issue("vtn-ecc", CertificateProfiles.oadrClient("vtn-ecc", e.getPublic(), now).build(), e.getPrivate());
    }

    private static byte[] payload() throws Exception {
        OadrPollType poll = new OadrPollType();
        poll.setVenID("VEN-NATIVE");
        poll.setSchemaVersion("2.0b");
        return codec.encodePayload(poll);
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);

    private static OadrSignatureVerifier verifier(Provider p) {
        return OadrSignatureVerifier.builder().clock(CLOCK).replayWindow(Duration.ofMinutes(5)).signatureProvider(p)
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rsa", "ecc"})
    void nativeSignatureVerifiesWithTheJdkAlone(String type) throws Exception {
        Credential vtn = type.equals("rsa") ? rsa : ecc;
        byte[] signed = OadrSigner.create(vtn.key(), vtn.chain(), CLOCK, new SecureRandom(), XmlLimits.DEFAULT, accp)
                .sign(payload());

        codec.validate(signed);
        Provider jdk = Security.getProvider(type.equals("rsa") ? "SunRsaSign" : "SunEC");
        assertTrue(jdkValidates(signed, vtn, jdk), "the JDK's XMLSignature with " + jdk.getName() + " validates it");
        assertEquals(vtn.certificate(), verifier(jdk).verify(signed, vtn.certificate()).signer());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rsa", "ecc"})
    void jdkSignatureVerifiesWithTheNativeProviderAndTamperingIsRefused(String type) throws Exception {
        Credential vtn = type.equals("rsa") ? rsa : ecc;
        byte[] signed = OadrSigner.create(vtn.key(), vtn.chain(), CLOCK).sign(payload());
        assertEquals(vtn.certificate(), verifier(accp).verify(signed, vtn.certificate()).signer());

        byte[] again = OadrSigner.create(vtn.key(), vtn.chain(), CLOCK, new SecureRandom(), XmlLimits.DEFAULT, accp)
                .sign(payload());
        byte[] tampered = new String(again, StandardCharsets.UTF_8).replace("VEN-NATIVE", "VEN-NATIVX")
                .getBytes(StandardCharsets.UTF_8);
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier(accp).verify(tampered, vtn.certificate()));
        assertEquals(OadrSignatureException.Reason.INVALID, e.reason());
        assertFalse(jdkValidates(tampered, vtn, Security.getProvider(type.equals("rsa") ? "SunRsaSign" : "SunEC")));
    }

    /** The provider given is the one that signs: one without RSA or ECDSA cannot (so the native one did above). */
    @org.junit.jupiter.api.Test
    void theGivenProviderComputesThePrimitive() {
        Provider none = new Provider("NoSignatures", "1", "no services") { };
        OadrSignatureException e = assertThrows(OadrSignatureException.class, () -> OadrSigner.create(ecc.key(),
                ecc.chain(), CLOCK, new SecureRandom(), XmlLimits.DEFAULT, none).sign(payload()));
        assertEquals(OadrSignatureException.Reason.SIGNING_FAILED, e.reason());
    }

    /** Validation by the JDK's XML-DSig with the certificate's key and the given JDK provider, no OpenVTN code. */
    private static boolean jdkValidates(byte[] signed, Credential signer, Provider jdk) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(signed));
        Element sig = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "Signature").item(0);
        Element object = (Element) doc.getElementsByTagNameNS(DsigDom.OADR_NS, "oadrSignedObject").item(0);
        object.setIdAttributeNS(DsigDom.OADR_NS, "Id", true);
        Element props = (Element) doc.getElementsByTagNameNS(XMLSignature.XMLNS, "SignatureProperties").item(0);
        props.setIdAttribute("Id", true);
        DOMValidateContext context = new DOMValidateContext(signer.certificate().getPublicKey(), sig);
        context.setProperty(DsigDom.SIGNATURE_PROVIDER, jdk);
        return XMLSignatureFactory.getInstance("DOM").unmarshalXMLSignature(context).validate(context);
    }
}
