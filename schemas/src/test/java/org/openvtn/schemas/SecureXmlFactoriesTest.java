package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.stream.StreamResult;
import javax.xml.transform.stream.StreamSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Issue #13, "hardened XML parser factories only in SecureXmlInput": each factory the project uses (DOM, SAX, StAX,
 * XML Schema, transformer; an ArchUnit rule in dist forbids creating one anywhere else) refuses a DOCTYPE with an
 * external entity reading a local file (XXE), an internal entity bomb ("billion laughs") and, for schemas, an import
 * from the network. OWASP XML External Entity Prevention Cheat Sheet, Java section.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecureXmlFactoriesTest {

    @TempDir
    Path tmp;

    private String xxe() throws Exception {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-CONTENT");
        return "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>\n<r>&x;</r>";
    }

    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            sb.append("<!ENTITY lol").append(i).append(" \"");
            sb.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        return sb.append("]>\n<lolz>&lol9;</lolz>").toString();
    }

    private static ByteArrayInputStream in(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void domRefusesDoctypes() throws Exception {
        for (String doc : new String[] {xxe(), billionLaughs()}) {
            Exception e = assertThrows(Exception.class,
                    () -> SecureXmlInput.documentBuilderFactory().newDocumentBuilder().parse(in(doc)));
            assertFalse(String.valueOf(e.getMessage()).contains("TOP-SECRET"), e.getMessage());
        }
    }

    @Test
    void saxRefusesDoctypes() throws Exception {
        for (String doc : new String[] {xxe(), billionLaughs()}) {
            assertThrows(Exception.class,
                    () -> SecureXmlInput.saxParserFactory().newSAXParser().parse(in(doc), new DefaultHandler()));
        }
    }

    /** StAX reports the DOCTYPE as an event without reading it; entity references are never replaced. */
    @Test
    void staxNeverExpandsEntities() throws Exception {
        for (String doc : new String[] {xxe(), billionLaughs()}) {
            StringBuilder text = new StringBuilder();
            try {
                XMLStreamReader r = SecureXmlInput.xmlInputFactory().createXMLStreamReader(in(doc));
                while (r.hasNext()) {
                    if (r.next() == XMLStreamReader.CHARACTERS) {
                        text.append(r.getText());
                    }
                }
            } catch (Exception refused) {
                continue; // refusing is as good as not expanding
            }
            assertFalse(text.toString().contains("TOP-SECRET") || text.toString().contains("lollol"), text.toString());
        }
    }

    @Test
    void transformerReadsNoExternalEntity() throws Exception {
        String doc = xxe();
        StringWriter out = new StringWriter();
        try {
            SecureXmlInput.transformerFactory().newTransformer()
                    .transform(new StreamSource(new StringReader(doc)), new StreamResult(out));
        } catch (Exception refused) {
            return;
        }
        assertFalse(out.toString().contains("TOP-SECRET"), out.toString());
    }

    @Test
    void schemaFactoryFetchesNothingFromTheNetwork() {
        String xsd = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"urn:a\">"
                + "<xs:import namespace=\"urn:b\" schemaLocation=\"http://192.0.2.1/b.xsd\"/>"
                + "<xs:element name=\"a\" type=\"xs:string\"/></xs:schema>";
        // refused by the access rule before any connection (192.0.2.1 is TEST-NET-1 and never answers)
        Exception e = assertThrows(Exception.class,
                () -> SecureXmlInput.schemaFactory().newSchema(new StreamSource(new StringReader(xsd))));
        assertTrue(String.valueOf(e.getMessage()).contains("http"), e.getMessage());
    }

    /** The comparison parser of {@link XmlRoundTrip} (used by {@code openvtn xml roundtrip}) goes through it too. */
    @Test
    void roundTripComparisonRefusesDoctypes() throws Exception {
        byte[] good = "<r/>".getBytes(StandardCharsets.UTF_8);
        for (String doc : new String[] {xxe(), billionLaughs()}) {
            assertThrows(IllegalArgumentException.class,
                    () -> XmlRoundTrip.firstDifference(good, doc.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
