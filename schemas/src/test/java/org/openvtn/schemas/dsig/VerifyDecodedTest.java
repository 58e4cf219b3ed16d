package org.openvtn.schemas.dsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * {@link OadrSignatureVerifier#verifyDecoded} (issue #18) gives {@link OadrSignatureVerifier#verify}'s result and
 * refusals (OpenADR 2.0b Profile Specification, security: XML signatures and ReplayProtect) for every document the
 * codec accepted: valid RSA and ECC signatures, tampered objects and nonces, another signer, a stale timestamp, an
 * unsigned poll. When the codec's limits are looser than the verifier's, the guarded pass still runs and refuses what
 * {@code verify} refuses (an element with more attributes than the verifier allows).
 */
class VerifyDecodedTest {

    static PublishedSchemas schemas;
    static OadrCodec codec;
    static Credential venEcc;
    static Credential venRsa;
    static Credential other;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T12:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void pki() {
        schemas = new PublishedSchemas();
        codec = OadrCodec.create(schemas);
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        CertificateAuthority ca = CertificateAuthority.selfSigned(CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(),
                caKeys);
        venEcc = issue(ca, "ven-ecc", keys.ecP256(), now);
        venRsa = issue(ca, "ven-rsa", keys.rsa2048(), now);
        other = issue(ca, "ven-other", keys.ecP256(), now);
    }

    private static Credential issue(CertificateAuthority by, String name, KeyPair kp, Instant now) {
        return by.issue(name, CertificateProfiles.oadrClient(name, kp.getPublic(), now).build(), kp.getPrivate());
    }

    static byte[] poll(String venId) throws XmlCodecException {
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID(venId);
        return codec.encodePayload(poll);
    }

    static OadrSignatureVerifier verifier(XmlLimits limits) {
        return OadrSignatureVerifier.builder().clock(CLOCK).replayWindow(Duration.ofMinutes(5)).limits(limits).build();
    }

    interface Verification {
        VerifiedSignature run() throws OadrSignatureException;
    }

    static String outcome(Verification v) {
        try {
            VerifiedSignature s = v.run();
            return "verified " + s.signer().getSubjectX500Principal() + " " + s.timestamp() + " " + s.nonce();
        } catch (OadrSignatureException e) {
            return "refused " + e.reason() + ": " + e.getMessage();
        }
    }

    @Test
    void everyDocumentTheCodecAcceptsGetsVerifysAnswer() throws Exception {
        String ecc = new String(OadrSigner.create(venEcc.key(), venEcc.chain(), CLOCK).sign(poll("VEN-1")), StandardCharsets.UTF_8);
        List<byte[]> docs = new ArrayList<>();
        docs.add(ecc.getBytes(StandardCharsets.UTF_8));
        docs.add(OadrSigner.create(venRsa.key(), venRsa.chain(), CLOCK).sign(poll("VEN-2")));
        docs.add(ecc.replace(">VEN-1<", ">VEN-3<").getBytes(StandardCharsets.UTF_8)); // tampered object
        int at = ecc.indexOf("<dsp:nonce>") + "<dsp:nonce>".length();
        docs.add((ecc.substring(0, at) + (ecc.charAt(at) == 'a' ? 'b' : 'a') + ecc.substring(at + 1))
                .getBytes(StandardCharsets.UTF_8)); // tampered nonce
        docs.add(OadrSigner.create(other.key(), other.chain(), CLOCK).sign(poll("VEN-1"))); // not the TLS peer
        docs.add(OadrSigner.create(venEcc.key(), venEcc.chain(), Clock.offset(CLOCK, Duration.ofHours(1)))
                .sign(poll("VEN-1"))); // stale
        docs.add(poll("VEN-1")); // unsigned
        OadrSignatureVerifier plain = verifier(codec.limits());
        OadrSignatureVerifier decoded = verifier(codec.limits());
        for (byte[] doc : docs) {
            codec.decodePayload(doc); // the receiver's decode comes first
            for (Credential peer : List.of(venEcc, venRsa)) {
                String expected = outcome(() -> plain.verify(doc, peer.certificate()));
                assertEquals(expected, outcome(() -> decoded.verifyDecoded(doc, peer.certificate(), codec)));
                // and a second time: both now refuse it as replayed, or both refuse it as before
                assertEquals(outcome(() -> plain.verify(doc, peer.certificate())),
                        outcome(() -> decoded.verifyDecoded(doc, peer.certificate(), codec)));
            }
        }
        assertTrue(outcome(() -> verifier(codec.limits()).verifyDecoded(docs.get(0), venEcc.certificate(), codec))
                .startsWith("verified"), "a comparison of refusals alone would prove nothing");
    }

    /** A codec with looser limits than the verifier's does not switch the guard off. */
    @Test
    void aCodecWithLooserLimitsLeavesTheGuardOn() throws Exception {
        XmlLimits tight = new XmlLimits(XmlLimits.DEFAULT.maxDocumentBytes(), XmlLimits.DEFAULT.maxDepth(), 1);
        byte[] signed = OadrSigner.create(venEcc.key(), venEcc.chain(), CLOCK).sign(poll("VEN-1"));
        codec.decodePayload(signed); // accepted with 64 attributes per element; ds:Reference of ReplayProtect has two
        String expected = outcome(() -> verifier(tight).verify(signed, venEcc.certificate()));
        assertTrue(expected.contains("MALFORMED") && expected.contains("more than 1 attributes"), expected);
        assertEquals(expected, outcome(() -> verifier(tight).verifyDecoded(signed, venEcc.certificate(), codec)));
    }
}
