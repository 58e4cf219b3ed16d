package org.openvtn.schemas;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Comparison;
import org.xmlunit.diff.ComparisonResult;
import org.xmlunit.diff.ComparisonType;
import org.xmlunit.diff.DefaultNodeMatcher;
import org.xmlunit.diff.Diff;
import org.xmlunit.diff.Difference;
import org.xmlunit.diff.DifferenceEvaluators;
import org.xmlunit.diff.ElementSelectors;

/**
 * Decode, encode, compare: shows that a document survives binding without losing or changing content.
 * Used by the codec tests and by {@code openvtn xml roundtrip} on captured traffic.
 *
 * <p>"Similar" follows XMLUnit: namespace prefixes, whitespace, comments and {@code xsi:schemaLocation} do
 * not count. Two lexical forms of the same typed value also do not count (a decimal {@code 1} and
 * {@code 1.0}, a date-time with {@code Z} and with {@code +00:00}, hexBinary in lower and upper case, base64Binary wrapped over lines), since a
 * schema-aware writer may normalise them.
 */
public final class XmlRoundTrip {

    /** Outcome: whether the re-encoded document is similar to the input, and the first difference if not. */
    public record Result(boolean similar, String firstDifference, byte[] output) {
    }

    private XmlRoundTrip() {
    }

    /** Validates and binds {@code doc}, writes it back (validated), and compares the two documents. */
    public static Result run(XmlCodec codec, byte[] doc) throws XmlCodecException {
        Object bound = codec.decodeElement(doc);
        byte[] out = codec.encode(bound);
        String diff = firstDifference(doc, out);
        return new Result(diff == null, diff, out);
    }

    /** The first difference between two documents that is more than cosmetic, or null when they are similar. */
    public static String firstDifference(byte[] control, byte[] test) {
        Diff diff = DiffBuilder.compare(Input.fromDocument(parse(control)))
                .withTest(Input.fromDocument(parse(test)))
                .ignoreWhitespace()
                .withNodeMatcher(new DefaultNodeMatcher(ElementSelectors.byName))
                .withDifferenceEvaluator(DifferenceEvaluators.chain(DifferenceEvaluators.Default, XmlRoundTrip::sameValue))
                .checkForSimilar()
                .build();
        Iterator<Difference> it = diff.getDifferences().iterator();
        return it.hasNext() ? it.next().getComparison().toString() : null;
    }

    /**
     * Parses for comparison with comments dropped. (XMLUnit's own comment filter runs an XSLT that loses
     * namespace declarations made on inner elements, as XML signatures do.) DOCTYPEs are refused.
     */
    private static Document parse(byte[] doc) {
        DocumentBuilderFactory f = SecureXmlInput.documentBuilderFactory();
        f.setIgnoringComments(true);
        try {
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(doc));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cannot parse for comparison: " + e.getMessage(), e);
        }
    }

    private static ComparisonResult sameValue(Comparison c, ComparisonResult outcome) {
        if (outcome != ComparisonResult.DIFFERENT) {
            return outcome;
        }
        if (c.getType() == ComparisonType.TEXT_VALUE || c.getType() == ComparisonType.ATTR_VALUE) {
            String a = String.valueOf(c.getControlDetails().getValue()).strip();
            String b = String.valueOf(c.getTestDetails().getValue()).strip();
            if (sameNumber(a, b) || sameInstant(a, b) || sameHex(a, b) || sameBase64(a, b)) {
                return ComparisonResult.SIMILAR;
            }
        }
        if (c.getType() == ComparisonType.NAMESPACE_PREFIX) {
            return ComparisonResult.SIMILAR;
        }
        return outcome;
    }

    /** xs:hexBinary (e.g. 2030.5 mRID) is case-insensitive; its canonical form is upper case. */
    private static boolean sameHex(String a, String b) {
        return a.length() == b.length() && a.length() % 2 == 0 && a.matches("[0-9A-Fa-f]+") && a.equalsIgnoreCase(b);
    }

    /** xs:base64Binary may be wrapped over lines (XML signatures are); the whitespace is not content. */
    private static boolean sameBase64(String a, String b) {
        String x = a.replaceAll("\\s+", "");
        return x.matches("[A-Za-z0-9+/]+=*") && x.equals(b.replaceAll("\\s+", ""));
    }

    private static boolean sameNumber(String a, String b) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean sameInstant(String a, String b) {
        try {
            return OffsetDateTime.parse(a).toInstant().equals(OffsetDateTime.parse(b).toInstant());
        } catch (DateTimeParseException e) {
            return false;
        }
    }

}
