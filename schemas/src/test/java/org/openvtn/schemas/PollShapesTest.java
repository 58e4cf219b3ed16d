package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.CertificateAuthority;
import org.openvtn.certs.pki.CertificateProfiles;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.pki.KeyPairs;
import org.openvtn.schemas.dsig.OadrSigner;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * The proven-shape path of the unsigned oadrPoll (OpenADR 2.0b Profile Specification 8.7, pull model; issue #18)
 * gives exactly the full path's answer: for every input, valid or hostile, {@link OadrCodec#decodePayload} (shapes
 * armed) and the full path ({@code decode(doc, OadrPayload.class)}: hardened parse, schema validation, binding) both
 * accept with the same bound values, or both refuse with the same kind, message, line and column (from which the VTN
 * builds its error answer). Each case checks that the shapes were armed for the document's family, so a comparison
 * that only ever ran the full path would not pass the hit assertions.
 */
class PollShapesTest {

    static PublishedSchemas schemas;
    static OadrCodec codec;
    /** The reference: same schemas and limits, read only through the full path. */
    static OadrCodec reference;
    static List<byte[]> bases = new ArrayList<>();

    @BeforeAll
    static void setUp() throws Exception {
        schemas = new PublishedSchemas();
        codec = OadrCodec.create(schemas);
        reference = OadrCodec.create(schemas);
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion("2.0b");
        poll.setVenID("ven-1234567890abcdef");
        bases.add(codec.encodePayload(poll)); // the codec's own: 15 namespace declarations, standalone="yes"
        for (String v : List.of("openleadr-docs__oadrPoll.xml", "epri-vtn__test_unit_input_poll1.xml", "trivial_oadrPoll.xml")) {
            bases.add(Files.readAllBytes(SharedMaterial.vectors().resolve("openadr-2.0b/valid").resolve(v)));
        }
        for (byte[] b : bases) {
            codec.decodePayload(b); // arms a shape per base
        }
    }

    /** What a path made of a document: the bound values, or the refusal as the VTN reports it. */
    static String outcome(byte[] doc, boolean shapes) {
        try {
            OadrPayload p = shapes ? codec.decodePayload(doc) : reference.decode(doc, OadrPayload.class);
            OadrPollType poll = p.getOadrSignedObject().getOadrPoll();
            return "accepted " + new String(reference.encode(p), StandardCharsets.UTF_8) + " id=" + p.getOadrSignedObject().getId()
                    + " signature=" + (p.getSignature() != null) + (poll == null ? "" : " venID=[" + poll.getVenID()
                    + "] schemaVersion=" + poll.getSchemaVersion());
        } catch (XmlCodecException e) {
            return "refused " + e.kind() + " at " + e.line() + ":" + e.column() + ": " + e.getMessage();
        }
    }

    static void assertSame(byte[] doc) {
        String full = outcome(doc, false);
        assertEquals(full, outcome(doc, true), () -> "paths differ on " + new String(doc, StandardCharsets.ISO_8859_1));
    }

    static String text(byte[] doc) {
        return new String(doc, StandardCharsets.UTF_8);
    }

    private static final java.util.regex.Pattern VEN_ID = java.util.regex.Pattern.compile("<[A-Za-z0-9]+:venID[^>]*>([^<]*)<");

    /** The document with the text of its (last) venID element replaced by {@code venId}, verbatim. */
    static byte[] withVenId(byte[] doc, String venId) {
        String t = text(doc);
        java.util.regex.Matcher m = VEN_ID.matcher(t);
        int start = -1;
        int end = -1;
        while (m.find()) {
            start = m.start(1);
            end = m.end(1);
        }
        return (t.substring(0, start) + venId + t.substring(end)).getBytes(StandardCharsets.UTF_8);
    }

    /** Arms the shape of a base (again, if other cases pushed it out) and checks that it is armed. */
    static void arm(byte[] base) throws XmlCodecException {
        codec.decodePayload(base);
        assertNotNull(codec.pollShapes().match(base), () -> "not armed: " + text(base));
    }

    @Test
    void everyBaseIsArmedAndOtherVenIdsOfTheAlphabetTakeTheShapeWithTheFullPathsResult() throws Exception {
        for (byte[] base : bases) {
            arm(base);
            for (String v : List.of("a", "ven-2", "A8:51:35:A8:5A:E5:40:DF:25:C3", "x".repeat(PollShapes.MAX_VEN_ID),
                    "_.-:", "0", "123ABC")) {
                byte[] doc = withVenId(base, v);
                assertNotNull(codec.pollShapes().match(doc), () -> "no shape for " + text(doc));
                assertSame(doc);
                assertTrue(outcome(doc, true).contains("venID=[" + v + "]"));
            }
        }
    }

    /** Condition (2): the declarations that keep ASCII bytes ASCII, and no others. */
    @Test
    void onlyDeclarationsThatKeepAsciiBytesAsciiAreTransparent() {
        for (String yes : List.of("<a/>", "<?xml version=\"1.0\"?><a/>", "<?xml version='1.0' encoding='utf-8'?><a/>",
                "<?xml version=\"1.0\" encoding=\"US-ASCII\" standalone=\"no\"?><a/>",
                "<?xml\tversion = \"1.0\"\r\n encoding=\"UTF-8\" standalone='yes' ?><a/>")) {
            assertTrue(PollShapes.asciiTransparent(yes.getBytes(StandardCharsets.ISO_8859_1)), yes);
        }
        for (String no : List.of("\ufeff<a/>", "<?xml version=\"1.1\"?><a/>", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>",
                "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a/>", "<?xml version=\"1.0\" encoding=\"UTF-8\"", "<\u0000a/>",
                "<?xml version=\"1.0\" encoding=\"UTF-8'?><a/>", " <a/>")) {
            assertFalse(PollShapes.asciiTransparent(no.getBytes(StandardCharsets.UTF_8)), no);
        }
    }

    /** Hostile venID texts: markup, references, CDATA, comments, white space, non-ASCII, overlong. */
    @Test
    void hostileVenIdsAreAnsweredExactlyAsTheFullPathAnswersThem() throws Exception {
        List<String> hostile = List.of("", "a<b", "a&amp;b", "a&lt;b", "&#65;BC", "&#x3C;", "&undefined;", "]]>", "a]]>b",
                "<![CDATA[ven]]>", "<![CDATA[<x>]]>", "<!--c-->ven", "ven<!--c-->", "<?pi x?>ven", " ven", "ven ", "v\te",
                "v\r\ne", "v\n", "\u00e9t\u00e9", "ven\u0000", "ven</ei:venID><ei:venID>two", "<ei:venID>x</ei:venID>",
                "x".repeat(PollShapes.MAX_VEN_ID + 1), "ven\"", "ven'", "ven>", "ven/", "v=1", "ven#", "ven%", "ven;");
        for (byte[] base : bases) {
            arm(base);
            for (String v : hostile) {
                assertSame(withVenId(base, v));
            }
            byte[] raw = withVenId(base, "ven-x");
            int at = text(raw).lastIndexOf("ven-x");
            for (int b : new int[] {0x00, 0x80, 0xC3, 0xFF, 0x0D, 0x7F}) {
                byte[] bad = raw.clone();
                bad[at + 2] = (byte) b; // raw bytes outside the alphabet, some not UTF-8 at all
                assertSame(bad);
            }
        }
    }

    /** Whole-body variants: prefixes of a valid body, trailing matter, BOM, encodings, declarations, prefixes. */
    @Test
    void bodyVariantsAreAnsweredExactlyAsTheFullPathAnswersThem() throws Exception {
        for (byte[] base : bases) {
            arm(base);
            String t = text(base);
            for (int cut = 1; cut < base.length; cut += 7) {
                assertSame(java.util.Arrays.copyOf(base, cut)); // every 7th prefix of a valid body
            }
            for (String tail : List.of(" ", "\n", "<!-- c -->", "<?pi?>", "x", "<a/>", "]]>", "&amp;")) {
                assertSame((t + tail).getBytes(StandardCharsets.UTF_8));
            }
            String body = t.startsWith("<?xml") ? t.substring(t.indexOf("?>") + 2) : t;
            for (String head : List.of("", "\ufeff", "<?xml version=\"1.0\"?>", "<?xml version='1.0' encoding='utf-8'?>",
                    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>", "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
                    "<?xml version=\"1.1\" encoding=\"UTF-8\"?>", "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>",
                    "<!DOCTYPE x [<!ENTITY e \"ven\">]>", "<!-- before -->", " ")) {
                byte[] doc = (head + body).getBytes(StandardCharsets.UTF_8);
                assertSame(doc);
                assertSame(withVenId(doc, "ven-9")); // second of a family: a shape hit where one was admitted
            }
            assertSame(t.getBytes(StandardCharsets.UTF_16LE));
            assertSame(t.getBytes(StandardCharsets.UTF_16));
            assertSame(("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body).getBytes(StandardCharsets.UTF_16));
            // another prefix for the EI namespace, and the EI namespace moved away from venID
            String renamed = t.replace("ei:", "e:").replace("xmlns:ei=", "xmlns:e=").replace("ns4:", "e:")
                    .replace("xmlns:ns4=", "xmlns:e=");
            assertSame(renamed.getBytes(StandardCharsets.UTF_8));
            assertSame(withVenId(renamed.getBytes(StandardCharsets.UTF_8), "ven-7"));
            assertSame(t.replace("energyinterop/201110\"", "energyinterop/201111\"").getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Single-byte changes with the shapes armed, each answered as the full path answers it: every position of the
     * smallest base, and of the others every position within 64 bytes of the venID and every 13th elsewhere.
     */
    @Test
    void singleByteChangesOfTheBasesAreAnsweredExactlyAsTheFullPathAnswersThem() throws Exception {
        for (byte[] base : bases) {
            boolean all = base.length < 400;
            int venAt = text(base).lastIndexOf("venID>");
            for (int i = 0; i < base.length; i++) {
                if (!all && Math.abs(i - venAt) > 64 && i % 13 != 0) {
                    continue;
                }
                arm(base); // single-byte variants may be valid shapes too, and push it out
                for (byte b : new byte[] {'x', '<', '&', ' '}) {
                    if (base[i] != b) {
                        byte[] doc = base.clone();
                        doc[i] = b;
                        assertSame(doc);
                    }
                }
            }
        }
    }

    /** A ds:Signature element (a real signature by a VEN key) never takes a shape; the full path decides. */
    @Test
    void aSignedPollTakesTheFullPath() throws Exception {
        Instant now = Instant.now();
        KeyPairs keys = new KeyPairs();
        KeyPair caKeys = keys.ecP256();
        CertificateAuthority ca = CertificateAuthority.selfSigned(CertificateProfiles.oadrRoot(caKeys.getPublic(), now).build(),
                caKeys);
        KeyPair kp = keys.ecP256();
        Credential ven = ca.issue("ven-1", CertificateProfiles.oadrClient("ven-1", kp.getPublic(), now).build(), kp.getPrivate());
        byte[] signed = OadrSigner.create(ven.key(), ven.chain(), Clock.systemUTC()).sign(bases.get(0));
        int before = codec.pollShapes().size();
        assertNull(codec.pollShapes().match(signed));
        assertSame(signed);
        assertTrue(outcome(signed, true).contains("signature=true"));
        assertEquals(before, codec.pollShapes().size(), "a signed poll made no shape");
    }

    /**
     * A venID written as a CDATA section while a comment holds {@code >venID<}: the only literal place of the
     * venID is the comment, so the probe (condition 4) refuses the shape. A prover that lies (as a defective probe
     * would) admits it, and the comparison then catches the fast path binding the comment's text.
     */
    @Test
    void aVenIdThatOnlyAppearsInACommentMakesNoShapeAndTheComparisonCatchesADefectiveProbe() throws Exception {
        String t = text(bases.get(3));
        byte[] trick = t.replace("<ei:venID>ven123</ei:venID>", "<!-->ven123<--><ei:venID><![CDATA[ven123]]></ei:venID>")
                .getBytes(StandardCharsets.UTF_8);
        byte[] other = t.replace("<ei:venID>ven123</ei:venID>", "<!-->ven999<--><ei:venID><![CDATA[ven123]]></ei:venID>")
                .getBytes(StandardCharsets.UTF_8);
        PollShapes honest = new PollShapes(XmlLimits.DEFAULT.maxDocumentBytes());
        OadrPayload decoded = reference.decode(trick, OadrPayload.class);
        assertEquals("ven123", decoded.getOadrSignedObject().getOadrPoll().getVenID());
        honest.offer(trick, decoded, d -> reference.decode(d, OadrPayload.class));
        assertEquals(0, honest.size());
        assertNull(honest.match(other));

        PollShapes defective = new PollShapes(XmlLimits.DEFAULT.maxDocumentBytes());
        defective.offer(trick, decoded, d -> {
            OadrPayload lie = reference.decode(d, OadrPayload.class);
            lie.getOadrSignedObject().getOadrPoll().setVenID("xen123");
            return lie;
        });
        assertEquals(1, defective.size());
        assertNotEquals(reference.decode(other, OadrPayload.class).getOadrSignedObject().getOadrPoll().getVenID(),
                defective.match(other).getOadrSignedObject().getOadrPoll().getVenID());
        assertSame(other); // the real codec's probe kept it out
    }

    /**
     * {@code xsi:type} can narrow {@code ei:venID} to a type whose validity depends on the text ({@code xs:NCName}:
     * no leading digit); such a document (also with the namespace written with a character reference) makes no shape,
     * so {@code 1ven} is refused exactly as the full path refuses it.
     */
    @Test
    void aVenIdRetypedByXsiTypeMakesNoShape() throws Exception {
        String t = text(bases.get(3));
        for (String ns : List.of("http://www.w3.org/2001/XMLSchema-instance", "http://www.w3.org/2001/XMLSchema&#45;instance")) {
            byte[] retyped = t.replace("<ei:venID>", "<ei:venID xmlns:i=\"" + ns + "\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\""
                    + " i:type=\"xs:NCName\">").getBytes(StandardCharsets.UTF_8);
            OadrCodec fresh = OadrCodec.create(schemas);
            assertTrue(outcome(retyped, false).startsWith("accepted"), outcome(retyped, false));
            fresh.decodePayload(retyped);
            assertEquals(0, fresh.pollShapes().size());
            byte[] digit = withVenId(retyped, "1ven");
            assertTrue(outcome(digit, false).startsWith("refused SCHEMA_INVALID"), outcome(digit, false));
            assertNull(fresh.pollShapes().match(digit));
            codec.decodePayload(retyped);
            assertSame(digit);
        }
    }

    /** The size limit holds on the shape path: a longer venID that takes a body past the limit is refused as before. */
    @Test
    void theDocumentSizeLimitHoldsOnTheShapePath() throws Exception {
        String t = text(bases.get(3));
        byte[] base = t.replace("<oadr:oadrPoll ", "<oadr:oadrPoll" + " ".repeat(1001 - t.length()))
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(1000, base.length);
        XmlLimits limits = XmlLimits.DEFAULT.withMaxDocumentBytes(1024);
        OadrCodec small = OadrCodec.create(schemas, limits, true, true);
        OadrCodec smallReference = OadrCodec.create(schemas, limits, true, true);
        small.decodePayload(base);
        assertEquals(1, small.pollShapes().size());
        int room = 1024 - base.length + "ven123".length();
        assertNotNull(small.pollShapes().match(withVenId(base, "v".repeat(room))));
        assertNull(small.pollShapes().match(withVenId(base, "v".repeat(room + 1))));
        for (int len = room - 2; len <= room + 2; len++) {
            byte[] doc = withVenId(base, "v".repeat(len));
            String full;
            String shaped;
            try {
                full = "ok " + smallReference.decode(doc, OadrPayload.class).getOadrSignedObject().getOadrPoll().getVenID();
            } catch (XmlCodecException e) {
                full = e.kind() + " " + e.getMessage();
            }
            try {
                shaped = "ok " + small.decodePayload(doc).getOadrSignedObject().getOadrPoll().getVenID();
            } catch (XmlCodecException e) {
                shaped = e.kind() + " " + e.getMessage();
            }
            assertEquals(full, shaped);
        }
    }

    /** Memory: at most MAX_SHAPES shapes whatever the number of distinct shapes offered; newest ones still answered. */
    @Test
    void theSetIsBounded() throws Exception {
        OadrCodec fresh = OadrCodec.create(schemas);
        String t = text(bases.get(3));
        byte[] last = null;
        for (int i = 0; i < PollShapes.MAX_SHAPES + 9; i++) {
            last = t.replace("<oadr:oadrPoll ", "<oadr:oadrPoll" + " ".repeat(i + 1)).getBytes(StandardCharsets.UTF_8);
            fresh.decodePayload(last);
        }
        assertEquals(PollShapes.MAX_SHAPES, fresh.pollShapes().size());
        assertNotNull(fresh.pollShapes().match(withVenId(last, "ven-new")));
        byte[] big = t.replace("<oadr:oadrPoll ", "<oadr:oadrPoll" + " ".repeat(PollShapes.MAX_SHAPE_BYTES))
                .getBytes(StandardCharsets.UTF_8);
        OadrCodec other = OadrCodec.create(schemas);
        other.decodePayload(big);
        assertEquals(0, other.pollShapes().size(), "a body over MAX_SHAPE_BYTES makes no shape");
    }
}
