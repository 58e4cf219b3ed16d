package org.openvtn.schemas.dsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.tls.RevocationSource;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * OpenADR 2.0b Profile Specification, security (message signing with XML Signature, ReplayProtect of
 * {@code oadr_xmldsig-properties-schema.xsd}): sign/verify round trips for RSA and ECC keys, the signed payload
 * still validates against the published schema, and tampering, a wrong signer, a replayed nonce and a stale
 * timestamp are each refused with their own reason. Keys and certificates are generated at test time.
 */
class OadrSignatureTest {

    static OadrCodec codec;
    static CertificateAuthority ca;
    static Credential venEcc;
    static Credential venRsa;
    static Credential otherEcc;
    static Credential rogue;
    static Credential venEccSecondKey;

    @BeforeAll
    static void pki() {
        codec = OadrCodec.create(new PublishedSchemas());
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        ca = CertificateAuthority.selfSigned(CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(), caKeys);
        venEcc = issue(ca, "ven-ecc", keys.ecP256(), now);
        venRsa = issue(ca, "ven-rsa", keys.rsa2048(), now);
        otherEcc = issue(ca, "ven-other", keys.ecP256(), now);
        venEccSecondKey = issue(ca, "ven-ecc", keys.ecP256(), now);
        KeyPair rogueCaKeys = keys.ecP256();
        CertificateAuthority rogueCa = CertificateAuthority.selfSigned(
                CertificateProfiles.oadrRoot(rogueCaKeys.getPublic(), now).subject("CN=Rogue,O=Elsewhere").build(),
                rogueCaKeys);
        rogue = issue(rogueCa, "ven-ecc", keys.ecP256(), now);
    }

    private static Credential issue(CertificateAuthority by, String name, KeyPair kp, Instant now) {
        return by.issue(name, CertificateProfiles.oadrClient(name, kp.getPublic(), now).build(), kp.getPrivate());
    }

    private static byte[] poll(String venId) throws XmlCodecException {
        OadrPollType poll = new OadrPollType();
        poll.setVenID(venId);
        poll.setSchemaVersion("2.0b");
        return codec.encodePayload(poll);
    }

    private static OadrSigner signer(Credential c, Clock clock) {
        return OadrSigner.create(c.key(), c.chain(), clock);
    }

    private static OadrSignatureVerifier verifier(Clock clock) {
        return OadrSignatureVerifier.builder().clock(clock).replayWindow(Duration.ofMinutes(5)).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ecc", "rsa"})
    void signedPayloadValidatesAndVerifies(String type) throws Exception {
        Credential ven = type.equals("rsa") ? venRsa : venEcc;
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);
        byte[] signed = signer(ven, clock).sign(poll("VEN-1"));

        codec.validate(signed); // the schema's ds:Signature slot and the ReplayProtect property
        OadrPayload decoded = codec.decodePayload(signed);
        assertNotNull(decoded.getSignature(), "ds:Signature bound");
        assertEquals("VEN-1", ((OadrPollType) codec.unwrap(decoded)).getVenID());
        String xml = new String(signed, StandardCharsets.UTF_8);
        assertTrue(xml.contains(type.equals("rsa") ? "xmldsig-more#rsa-sha256" : "xmldsig-more#ecdsa-sha256"), xml);
        assertTrue(xml.contains("http://www.w3.org/2001/10/xml-exc-c14n#"), xml);

        VerifiedSignature v = verifier(clock).verify(signed, ven.certificate());
        assertEquals(ven.certificate(), v.signer());
        assertEquals(Instant.parse("2030-01-01T12:00:00Z"), v.timestamp());
        assertEquals(32, v.nonce().length());
    }

    @Test
    void tamperedPayloadIsRefused() throws Exception {
        Clock clock = Clock.systemUTC();
        String signed = new String(signer(venEcc, clock).sign(poll("VEN-1")), StandardCharsets.UTF_8);
        byte[] tampered = signed.replace(">VEN-1<", ">VEN-2<").getBytes(StandardCharsets.UTF_8);
        codec.validate(tampered);
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier(clock).verify(tampered, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.INVALID, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("#oadrSignedObject"), e.getMessage());
    }

    @Test
    void tamperedReplayProtectIsRefused() throws Exception {
        Clock clock = Clock.systemUTC();
        String signed = new String(signer(venEcc, clock).sign(poll("VEN-1")), StandardCharsets.UTF_8);
        int at = signed.indexOf("<dsp:nonce>") + "<dsp:nonce>".length();
        char c = signed.charAt(at);
        byte[] tampered = (signed.substring(0, at) + (c == 'a' ? 'b' : 'a') + signed.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8);
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier(clock).verify(tampered, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.INVALID, e.reason(), e.getMessage());
    }

    @Test
    void signerOtherThanTheTlsPeerIsRefused() throws Exception {
        Clock clock = Clock.systemUTC();
        byte[] signed = signer(otherEcc, clock).sign(poll("VEN-1"));
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier(clock).verify(signed, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.WRONG_SIGNER, e.reason());
    }

    @Test
    void sameSubjectFromTheTrustedCaIsAcceptedOnlyWithTrustAnchors() throws Exception {
        Clock clock = Clock.systemUTC();
        byte[] signed = signer(venEccSecondKey, clock).sign(poll("VEN-1"));
        assertThrows(OadrSignatureException.class, () -> verifier(clock).verify(signed, venEcc.certificate()));
        OadrSignatureVerifier chained = OadrSignatureVerifier.builder().clock(clock)
                .trustAnchors(List.of(ca.root())).build();
        assertEquals(venEccSecondKey.certificate(), chained.verify(signed, venEcc.certificate()).signer());

        byte[] byRogue = signer(rogue, clock).sign(poll("VEN-1"));
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> chained.verify(byRogue, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.WRONG_SIGNER, e.reason());
        byte[] byOther = signer(otherEcc, clock).sign(poll("VEN-1"));
        assertEquals(OadrSignatureException.Reason.WRONG_SIGNER, assertThrows(OadrSignatureException.class,
                () -> chained.verify(byOther, venEcc.certificate())).reason());
    }

    /**
     * Issue #12 item 2: the certificate that signs an XML signature gets the same revocation check as
     * the TLS peer; here the revocation source of a real TLS configuration holding the CA's CRL.
     */
    @Test
    void revokedSignerIsRefusedThroughTheSignerCheck() throws Exception {
        Clock clock = Clock.systemUTC();
        Instant now = Instant.now();
        RevocationSource crls = TlsFactory.of(TlsConfig.builder().profile(TlsProfile.OPENADR_20B)
                .credentials(venEcc).trustAnchors(List.of(ca.root()))
                .crls(List.of(ca.crl(List.of(venEccSecondKey.certificate()), now.minusSeconds(60),
                        now.plus(Duration.ofDays(1))))).build()).revocation();
        OadrSignatureVerifier checked = OadrSignatureVerifier.builder().clock(clock).trustAnchors(List.of(ca.root()))
                .signerCheck((signer, chain) -> {
                    List<X509Certificate> path = new ArrayList<>(List.of(signer));
                    path.addAll(chain);
                    crls.check(path.toArray(new X509Certificate[0]));
                }).build();
        byte[] signed = signer(venEccSecondKey, clock).sign(poll("VEN-1"));
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> checked.verify(signed, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.WRONG_SIGNER, e.reason());
        assertTrue(e.getMessage().contains("revoked"), e.getMessage());
        assertEquals(venEcc.certificate(), checked.verify(signer(venEcc, clock).sign(poll("VEN-1")),
                venEcc.certificate()).signer(), "the TLS peer's own signature is not re-checked");
    }

    @Test
    void replayedNonceIsRefused() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
        OadrSignatureVerifier verifier = verifier(clock);
        byte[] signed = signer(venEcc, clock).sign(poll("VEN-1"));
        verifier.verify(signed, venEcc.certificate());
        clock.advance(Duration.ofSeconds(30));
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier.verify(signed, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.REPLAYED, e.reason());
        // a fresh signature of the same content is a new message
        verifier.verify(signer(venEcc, clock).sign(poll("VEN-1")), venEcc.certificate());
    }

    /**
     * Issue #12 item 3: a correctly signed payload whose ReplayProtect nonce is near 1 MiB is refused as malformed
     * (454 at the VTN) before anything is remembered; a nonce at the 128-character bound is accepted.
     */
    @Test
    void overlongNonceIsRefusedBeforeAnythingIsRemembered() throws Exception {
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);
        OadrSignatureVerifier verifier = verifier(clock);
        byte[] huge = signer(venEcc, clock).nonceBytes(480 * 1024).sign(poll("VEN-1"));
        assertTrue(huge.length > 900 * 1024, "near 1 MiB: " + huge.length);
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier.verify(huge, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.MALFORMED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("longer than the limit of 128"), e.getMessage());
        assertEquals(0, verifier.rememberedNonces());
        byte[] atBound = signer(venEcc, clock).nonceBytes(64).sign(poll("VEN-1"));
        verifier.verify(atBound, venEcc.certificate());
        assertEquals(1, verifier.rememberedNonces());
    }

    @Test
    void staleOrFutureTimestampIsRefused() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T12:00:00Z"));
        OadrSignatureVerifier verifier = verifier(clock);
        byte[] signed = signer(venEcc, clock).sign(poll("VEN-1"));
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(OadrSignatureException.Reason.STALE, assertThrows(OadrSignatureException.class,
                () -> verifier.verify(signed, venEcc.certificate())).reason());
        byte[] future = signer(venEcc, Clock.fixed(clock.instant().plus(Duration.ofMinutes(6)), ZoneOffset.UTC))
                .sign(poll("VEN-1"));
        assertEquals(OadrSignatureException.Reason.STALE, assertThrows(OadrSignatureException.class,
                () -> verifier.verify(future, venEcc.certificate())).reason());
        // just inside the window on both sides: accepted
        clock.set(Instant.parse("2030-01-01T12:04:59Z"));
        verifier.verify(signed, venEcc.certificate());
    }

    @Test
    void unsignedPayloadIsMissingAndDoctypeIsMalformed() throws Exception {
        OadrSignatureVerifier verifier = verifier(Clock.systemUTC());
        assertEquals(OadrSignatureException.Reason.MISSING, assertThrows(OadrSignatureException.class,
                () -> verifier.verify(poll("VEN-1"), venEcc.certificate())).reason());
        byte[] xxe = ("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\">&e;</oadrPayload>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(OadrSignatureException.Reason.MALFORMED, assertThrows(OadrSignatureException.class,
                () -> verifier.verify(xxe, venEcc.certificate())).reason());
    }

    @Test
    void signatureMovedToWrapAnotherObjectIsRefused() throws Exception {
        Clock clock = Clock.systemUTC();
        String signed = new String(signer(venEcc, clock).sign(poll("VEN-1")), StandardCharsets.UTF_8);
        // the signature stays, but the signed object's Id is renamed so the reference no longer finds it
        byte[] moved = signed.replace("oadr:Id=\"oadrSignedObject\"", "oadr:Id=\"other\"")
                .getBytes(StandardCharsets.UTF_8);
        OadrSignatureException e = assertThrows(OadrSignatureException.class,
                () -> verifier(clock).verify(moved, venEcc.certificate()));
        assertEquals(OadrSignatureException.Reason.MALFORMED, e.reason(), e.getMessage());
    }
}
