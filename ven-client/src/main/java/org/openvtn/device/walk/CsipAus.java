package org.openvtn.device.walk;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.SepDeviceException;
import org.openvtn.device.engine.ModeValue;
import org.openvtn.schemas.SecureXmlInput;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * CSIP-AUS 1.3 documents on the device side. A server that follows CSIP-AUS (namespace
 * {@code https://csipaus.org/ns/v1.3}) extends sep.xsd by {@code xs:redefine}: DERControlBase gains
 * {@code opModImpLimW}, {@code opModExpLimW}, {@code opModGenLimW}, {@code opModLoadLimW} and
 * {@code opModStorageTargetW} (ActivePower, CSIP-AUS §2.2 dynamic operating envelopes); EndDevice, DERSettings and
 * DERCapability gain ConnectionPointLink, doeModes*, setMaxVA... Such a document is invalid against sep.xsd alone.
 * Here it is validated against the published CSIP-AUS schema set, its CSIP-AUS control modes are kept per mRID of
 * the DERControl or DefaultDERControl that carries them, and the document without the CSIP-AUS elements (valid
 * sep.xsd, since the redefinition only appends optional elements) goes on to the ordinary sep.xsd codec.
 * Internal.
 */
public final class CsipAus {
    /** The CSIP-AUS 1.3 namespace. */
    public static final String NS = "https://csipaus.org/ns/v1.3";
    /** The DERControlBase extension modes (CSIP-AUS 1.3 csipaus-core: ActivePower each). */
    public static final List<String> MODES = List.of("opModImpLimW", "opModExpLimW", "opModGenLimW",
            "opModLoadLimW", "opModStorageTargetW");
    private static final byte[] NS_BYTES = NS.getBytes(StandardCharsets.UTF_8);

    private final Supplier<Schema> schema;

    /** @param schema the CSIP-AUS 1.3 schema set (compiled on first use) */
    public CsipAus(Supplier<Schema> schema) {
        this.schema = schema;
    }

    /** What a CSIP-AUS document held. */
    public record Read(byte[] sepDocument, Map<String, Map<String, ModeValue>> modesByMrid,
                       Map<String, String> connectionPointLinks) {
        /** A read without ConnectionPointLinks. */
        public Read(byte[] sepDocument, Map<String, Map<String, ModeValue>> modesByMrid) {
            this(sepDocument, modesByMrid, Map.of());
        }
    }

    /**
     * The csipaus:ConnectionPoint a device PUTs to its EndDevice's csipaus:ConnectionPointLink (csipaus-ext-v1.3.xsd
     * ConnectionPointType: connectionPointId, a String32, typically the NMI), validated against the CSIP-AUS 1.3
     * schema set before it leaves.
     *
     * @throws SepDeviceException (status 0) when the id does not make a valid ConnectionPoint
     */
    public byte[] connectionPoint(String connectionPointId) throws SepDeviceException {
        String xml = "<ConnectionPoint xmlns=\"" + NS + "\"><connectionPointId>" + escape(connectionPointId)
                + "</connectionPointId></ConnectionPoint>";
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        try {
            Document doc = SecureXmlInput.documentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body));
            Validator v = schema.get().newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.validate(new DOMSource(doc));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new SepDeviceException(0, -1, "invalid CSIP-AUS 1.3 ConnectionPoint: "
                    + LogSafe.text(e.getMessage()), e);
        }
        return body;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** True when the document mentions the CSIP-AUS namespace (cheap byte search; the parse decides). */
    public static boolean uses(byte[] body) {
        outer:
        for (int i = 0; i + NS_BYTES.length <= body.length; i++) {
            for (int j = 0; j < NS_BYTES.length; j++) {
                if (body[i + j] != NS_BYTES[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Validates {@code body} against CSIP-AUS 1.3, collects the extension modes and strips every CSIP-AUS element.
     *
     * @throws SepDeviceException (status 0) when the document is not valid CSIP-AUS
     */
    public Read read(String from, byte[] body) throws SepDeviceException {
        Document doc;
        try {
            doc = SecureXmlInput.documentBuilderFactory().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body));
            Validator v = schema.get().newValidator();
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            v.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            v.validate(new DOMSource(doc));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new SepDeviceException(0, -1, "invalid CSIP-AUS 1.3 document from " + LogSafe.text(from) + ": "
                    + LogSafe.text(e.getMessage()), e);
        }
        Map<String, Map<String, ModeValue>> modes = new HashMap<>();
        List<Element> extensions = new ArrayList<>();
        Map<String, String> cpLinks = new HashMap<>();
        NodeList all = doc.getElementsByTagNameNS(NS, "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (e.getParentNode() instanceof Element parent && !NS.equals(parent.getNamespaceURI())) {
                extensions.add(e); // outermost CSIP-AUS elements only; their content goes with them
            }
            if ("ConnectionPointLink".equals(e.getLocalName()) && e.getParentNode() instanceof Element owner
                    && "EndDevice".equals(owner.getLocalName()) && owner.hasAttribute("href")
                    && e.hasAttribute("href")) {
                cpLinks.put(owner.getAttribute("href"), e.getAttribute("href"));
            }
            if (MODES.contains(e.getLocalName()) && e.getParentNode() instanceof Element base
                    && "DERControlBase".equals(base.getLocalName())
                    && base.getParentNode() instanceof Element owner) {
                String mrid = text(owner, "mRID");
                if (mrid != null) {
                    modes.computeIfAbsent(mrid.toUpperCase(java.util.Locale.ROOT), k -> new LinkedHashMap<>())
                            .put(e.getLocalName(), power(e));
                }
            }
        }
        extensions.forEach(e -> e.getParentNode().removeChild(e));
        return new Read(serialize(doc), modes, cpLinks);
    }

    private static ModeValue power(Element activePower) {
        String m = text(activePower, "multiplier");
        String v = text(activePower, "value");
        return new ModeValue(v == null ? 0 : Long.parseLong(v), m == null ? 0 : Integer.parseInt(m));
    }

    private static String text(Element parent, String local) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && local.equals(c.getLocalName())) {
                return c.getTextContent().strip();
            }
        }
        return null;
    }

    private static byte[] serialize(Document doc) throws SepDeviceException {
        try {
            Transformer t = SecureXmlInput.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new SepDeviceException(0, -1, "cannot re-serialise a CSIP-AUS document: " + e.getMessage(), e);
        }
    }
}
