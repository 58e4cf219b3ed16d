package org.openvtn.schemas;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.openvtn.schemas.oadr20b.OadrPayload;
import org.openvtn.schemas.oadr20b.OadrPollType;
import org.openvtn.schemas.oadr20b.OadrSignedObject;

/**
 * The proven shapes of the unsigned {@code oadrPoll} (OpenADR 2.0b Profile Specification 8.7, pull model; issue
 * #18): a small set, shared by every VEN, that lets {@link OadrCodec#decodePayload} answer the commonest incoming
 * message without parsing it again, with exactly the result of the full path (hardened parser, schema validation,
 * JAXB).
 *
 * <p><b>What a shape is.</b> A pair of byte strings {@code (P, S)} and the values the full path bound from them. A
 * document {@code D} <em>matches</em> the shape when {@code D = P + v + S} byte for byte (compared with
 * {@link Arrays#equals(byte[], int, int, byte[], int, int)}, never through a hash), {@code D} is within the codec's
 * size limit and {@code v} is 1 to {@value #MAX_VEN_ID} bytes of the alphabet {@code [A-Za-z0-9._:-]}. A match is
 * answered with a new {@code oadrPayload/oadrSignedObject/oadrPoll} whose {@code ei:venID} is {@code v} (read as
 * ASCII) and whose other values are the shape's. Anything else takes the full path, so every refusal (and its error
 * answer) is the full path's own.
 *
 * <p><b>When a shape is admitted.</b> Only after the full path accepted a document {@code D0} and bound it to an
 * {@code oadrPayload} without {@code ds:Signature} holding an {@code oadrPoll} whose {@code ei:venID} {@code v0} is of
 * the alphabet, and all of the following hold: (1) {@code D0} is at most {@value #MAX_SHAPE_BYTES} bytes; (2) it
 * starts with {@code <} (no byte-order mark) followed by either a byte that is neither NUL nor {@code ?} (no XML
 * declaration: UTF-8 by XML 1.0 Appendix F) or an XML 1.0 declaration that names no encoding, UTF-8 or US-ASCII (see
 * {@link #DECLARATION}); (3) {@code D0 = P + v0 + S} where {@code P} ends with {@code >} and {@code S} starts with
 * {@code <} (the last such place); (4) a probe {@code P + p + S}, {@code p} another string of the alphabet, is
 * accepted by the full path too and bound with {@code ei:venID} equal to {@code p} and the same other values; (5)
 * {@code D0} holds no {@code &} and not the text {@code XMLSchema-instance} ({@link #mayRetype}).
 *
 * <p><b>Why a match is equivalent to the full path.</b> By (2) every byte of the alphabet is the ASCII character of
 * the same code in {@code D}, and none of them is markup ({@code < > & ] ' "}), white space (no end-of-line or
 * attribute normalisation) or a character XML forbids. So the parser reads {@code P + v + S} as the same sequence of
 * tokens as {@code P + p + S}, except for the characters at {@code v}'s place: they cannot end or start a token
 * ({@code S} starts with {@code <}, {@code P} ends with {@code >}, and {@code ]]>} or {@code -->} would need a
 * {@code >}). (4) shows that those characters are the whole text of the poll's {@code ei:venID} (in a comment, a
 * processing instruction, a CDATA section or beside other text the bound value would not be exactly the probe), and
 * in character data nothing of the alphabet is special. {@code ei:venID} is {@code xs:string} without facets
 * ({@code oadr_ei_20b.xsd}) and (5) leaves no way to give it another type, so its validity does not depend on its
 * text; the rest of the document, the element nesting and the attribute counts that {@link XmlLimits} bound are those
 * of the accepted {@code D0}; the size is checked on {@code D}. Hence the full path accepts {@code D} and binds
 * {@code v}
 * and the shape's other values, which is what a match returns. No shape is admitted for a signed payload: such a
 * body differs from every shape outside {@code v}'s place, because {@code v} cannot hold {@code <}.
 *
 * <p><b>Memory.</b> At most {@value #MAX_SHAPES} shapes of at most {@value #MAX_SHAPE_BYTES} bytes each, whatever the
 * number of VENs (VENs of one make send one shape, varying only in {@code ei:venID}); when full, the oldest admission
 * makes room. A client that sends ever new shapes only costs itself a second decode per admission and, at worst,
 * sends other VENs back to the full path until their shape is admitted again: correctness never depends on the set.
 * Thread-safe: the set is an immutable array replaced on admission.
 */
final class PollShapes {

    /** Most shapes kept. */
    static final int MAX_SHAPES = 16;
    /** Largest document a shape is made of. */
    static final int MAX_SHAPE_BYTES = 4096;
    /** Longest {@code ei:venID} a match carries. */
    static final int MAX_VEN_ID = 128;

    /** XML 1.0 declarations whose encoding reads every ASCII byte as the character of the same code ({@code _}: S). */
    static final Pattern DECLARATION = Pattern.compile(("<\\?xml_+version_*=_*(['\"])1\\.0\\1"
            + "(?:_+encoding_*=_*(['\"])(?:[Uu][Tt][Ff]-8|[Uu][Ss]-[Aa][Ss][Cc][Ii][Ii])\\2)?"
            + "(?:_+standalone_*=_*(['\"])(?:yes|no)\\3)?_*\\?>").replace("_", "[ \\t\\r\\n]"));

    /** The full path: hardened parse, schema validation, binding. */
    interface FullDecode {
        OadrPayload decode(byte[] doc) throws XmlCodecException;
    }

    private record Shape(byte[] prefix, byte[] suffix, String schemaVersion, String signedObjectId) {
        boolean same(Shape o) {
            return Arrays.equals(prefix, o.prefix) && Arrays.equals(suffix, o.suffix);
        }
    }

    private final int maxDocumentBytes;
    private volatile Shape[] shapes = new Shape[0];
    private int oldest; // next slot to replace when full; guarded by this

    PollShapes(int maxDocumentBytes) {
        this.maxDocumentBytes = maxDocumentBytes;
    }

    /** The poll the full path would bind from {@code doc} if it matches a proven shape; else null. */
    OadrPayload match(byte[] doc) {
        if (doc.length > maxDocumentBytes) {
            return null;
        }
        for (Shape s : shapes) {
            int p = s.prefix.length;
            int end = doc.length - s.suffix.length;
            if (end - p >= 1 && end - p <= MAX_VEN_ID
                    && Arrays.equals(doc, 0, p, s.prefix, 0, p)
                    && Arrays.equals(doc, end, doc.length, s.suffix, 0, s.suffix.length)
                    && inAlphabet(doc, p, end)) {
                return poll(s, new String(doc, p, end - p, StandardCharsets.US_ASCII));
            }
        }
        return null;
    }

    /** Number of shapes held (tests, diagnostics). */
    int size() {
        return shapes.length;
    }

    /**
     * Offers a document the full path accepted as {@code decoded}; admits its shape when the conditions of the class
     * documentation hold. Costs one more full decode (the probe) per admission.
     */
    void offer(byte[] doc, OadrPayload decoded, FullDecode full) {
        String venId = pollVenId(decoded);
        if (venId == null || doc.length > MAX_SHAPE_BYTES || !asciiTransparent(doc) || mayRetype(doc)) {
            return;
        }
        byte[] v = venId.getBytes(StandardCharsets.US_ASCII);
        int at = lastTextAt(doc, v);
        if (at < 0) {
            return;
        }
        OadrSignedObject signed = decoded.getOadrSignedObject();
        Shape shape = new Shape(Arrays.copyOfRange(doc, 0, at), Arrays.copyOfRange(doc, at + v.length, doc.length),
                signed.getOadrPoll().getSchemaVersion(), signed.getId());
        if (match(doc) != null || !probe(shape, venId, full)) {
            return;
        }
        synchronized (this) {
            Shape[] now = shapes;
            for (Shape s : now) {
                if (s.same(shape)) {
                    return;
                }
            }
            if (now.length < MAX_SHAPES) {
                Shape[] grown = Arrays.copyOf(now, now.length + 1);
                grown[now.length] = shape;
                shapes = grown;
            } else {
                Shape[] replaced = now.clone();
                replaced[oldest] = shape;
                oldest = (oldest + 1) % MAX_SHAPES;
                shapes = replaced;
            }
        }
    }

    /** Condition (4): the full path binds a probe at {@code v}'s place as the venID, with the same other values. */
    private static boolean probe(Shape shape, String venId, FullDecode full) {
        String probe = (venId.charAt(0) == 'x' ? "y" : "x") + venId.substring(1);
        byte[] p = probe.getBytes(StandardCharsets.US_ASCII);
        byte[] doc = new byte[shape.prefix.length + p.length + shape.suffix.length];
        System.arraycopy(shape.prefix, 0, doc, 0, shape.prefix.length);
        System.arraycopy(p, 0, doc, shape.prefix.length, p.length);
        System.arraycopy(shape.suffix, 0, doc, shape.prefix.length + p.length, shape.suffix.length);
        OadrPayload bound;
        try {
            bound = full.decode(doc);
        } catch (XmlCodecException e) {
            return false;
        }
        return probe.equals(pollVenId(bound))
                && java.util.Objects.equals(shape.schemaVersion,
                        bound.getOadrSignedObject().getOadrPoll().getSchemaVersion())
                && java.util.Objects.equals(shape.signedObjectId, bound.getOadrSignedObject().getId());
    }

    /** The venID of an unsigned payload holding an oadrPoll, if it is of the alphabet; else null. */
    private static String pollVenId(OadrPayload payload) {
        OadrSignedObject signed = payload.getOadrSignedObject();
        if (payload.getSignature() != null || signed == null || signed.getOadrPoll() == null) {
            return null;
        }
        String v = signed.getOadrPoll().getVenID();
        if (v == null || v.isEmpty() || v.length() > MAX_VEN_ID) {
            return null;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!alphabet(v.charAt(i))) {
                return null;
            }
        }
        return v;
    }

    /** Condition (2): no byte-order mark, and no declaration or one naming UTF-8, US-ASCII or no encoding. */
    static boolean asciiTransparent(byte[] doc) {
        if (doc.length < 2 || doc[0] != '<' || doc[1] == 0) {
            return false;
        }
        if (doc[1] != '?') {
            return true;
        }
        int end = -1;
        for (int i = 2; i + 1 < Math.min(doc.length, 256); i++) {
            if (doc[i] == '?' && doc[i + 1] == '>') {
                end = i + 2;
                break;
            }
        }
        return end > 0 && DECLARATION.matcher(new String(doc, 0, end, StandardCharsets.ISO_8859_1)).matches();
    }

    /**
     * Condition (5): whether the document may give {@code ei:venID} a type other than its declared {@code xs:string}
     * ({@code xsi:type="xs:NCName"} would make the validity of the text depend on the text). Without a reference
     * ({@code &}) anywhere, the XML Schema instance namespace can only be declared by its name written out, so a
     * document without either cannot carry {@code xsi:type} or {@code xsi:nil}. The schema declares no substitution
     * group, identity constraint, fixed value or facet for {@code ei:venID}.
     */
    static boolean mayRetype(byte[] doc) {
        for (int i = 0; i < doc.length; i++) {
            if (doc[i] == '&') {
                return true;
            }
        }
        byte[] xsi = "XMLSchema-instance".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + xsi.length <= doc.length; i++) {
            if (Arrays.equals(doc, i, i + xsi.length, xsi, 0, xsi.length)) {
                return true;
            }
        }
        return false;
    }

    /** The last index where {@code >} + {@code v} + {@code <} holds {@code v}; else -1. */
    private static int lastTextAt(byte[] doc, byte[] v) {
        for (int at = doc.length - v.length - 1; at >= 1; at--) {
            if (doc[at - 1] == '>' && doc[at + v.length] == '<'
                    && Arrays.equals(doc, at, at + v.length, v, 0, v.length)) {
                return at;
            }
        }
        return -1;
    }

    private static boolean inAlphabet(byte[] doc, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!alphabet((char) doc[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean alphabet(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                || c == '_' || c == ':';
    }

    private static OadrPayload poll(Shape s, String venId) {
        OadrPollType poll = new OadrPollType();
        poll.setSchemaVersion(s.schemaVersion);
        poll.setVenID(venId);
        OadrSignedObject signed = new OadrSignedObject();
        signed.setId(s.signedObjectId);
        signed.setOadrPoll(poll);
        OadrPayload payload = new OadrPayload();
        payload.setOadrSignedObject(signed);
        return payload;
    }
}
