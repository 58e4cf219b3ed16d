package org.openvtn.schemas;

import jakarta.xml.bind.Binder;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * CSIP-AUS 1.3 on top of the sep.xsd bindings (schemas {@code csip-aus-1.3/}, digest-checked at build time like the
 * others). CSIP-AUS appends optional elements in {@value CsipAusElement#NS} to DERControlBase, DERSettings,
 * DERCapability and EndDevice by {@code xs:redefine}; the sep.xsd JAXB classes have no field for them, so they ride
 * beside the bound object: {@link #attach} an extension to a bound object (e.g. a DERControlBase), and the codec
 * writes it as the last children of that object's element; a decoded document's extension elements are
 * {@link #of found} again on the bound objects. Documents that use the namespace are validated against the
 * CSIP-AUS schema set (sep.xsd redefined + the extension), documents that do not against sep.xsd alone, in and out.
 *
 * <p>Objects are held weakly and by identity (the generated classes keep {@code Object.equals}). Thread-safe.
 */
public final class CsipAusBinding {
    private static final byte[] NS_BYTES = CsipAusElement.NS.getBytes(StandardCharsets.UTF_8);

    private final JAXBContext context;
    private final SchemaValidator validator;
    private final Map<Object, List<CsipAusElement>> extensions = Collections.synchronizedMap(new WeakHashMap<>());

    CsipAusBinding(JAXBContext context, PublishedSchemas schemas, XmlLimits limits) {
        this.context = context;
        this.validator = new SchemaValidator(schemas.schema(XmlStandard.CSIP_AUS_13), limits);
    }

    /** True when a document mentions the CSIP-AUS namespace (a byte search; the parse decides). */
    public static boolean uses(byte[] doc) {
        outer:
        for (int i = 0; i + NS_BYTES.length <= doc.length; i++) {
            for (int j = 0; j < NS_BYTES.length; j++) {
                if (doc[i + j] != NS_BYTES[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Sets the CSIP-AUS elements a bound object carries (replacing earlier ones); an empty list removes them. The
     * order must be that of the CSIP-AUS redefinition (e.g. opModImpLimW, opModExpLimW, opModGenLimW, opModLoadLimW,
     * opModStorageTargetW); the schema validation of the output checks it.
     */
    public void attach(Object owner, List<CsipAusElement> elements) {
        if (elements.isEmpty()) {
            extensions.remove(owner);
        } else {
            extensions.put(owner, List.copyOf(elements));
        }
    }

    /** The CSIP-AUS elements a bound object carries (empty when none). */
    public List<CsipAusElement> of(Object owner) {
        List<CsipAusElement> l = extensions.get(owner);
        return l == null ? List.of() : l;
    }

    /** True when no object carries extensions (the codec then takes its ordinary path). */
    boolean idle() {
        return extensions.isEmpty();
    }

    /** Validates a CSIP-AUS document against the CSIP-AUS 1.3 schema set. */
    public void validate(byte[] doc) throws XmlCodecException {
        validator.validate(doc);
    }

    /**
     * Marshals {@code root} (a JAXB root element) and appends each bound object's extension elements; returns null
     * when no object of the tree carries any (the caller encodes as usual). The result is validated against CSIP-AUS.
     */
    byte[] encode(Object root) throws XmlCodecException {
        try {
            Document doc = builder().newDocument();
            Binder<Node> binder = context.createBinder();
            binder.marshal(root, doc);
            boolean extended = false;
            List<Element> all = new ArrayList<>();
            collect(doc.getDocumentElement(), all);
            for (Element e : all) {
                Object bound = unwrap(binder.getJAXBNode(e));
                List<CsipAusElement> ext = bound == null ? null : extensions.get(bound);
                if (ext != null && !ext.isEmpty()) {
                    ext.forEach(x -> e.appendChild(build(doc, x)));
                    extended = true;
                }
            }
            if (!extended) {
                return null;
            }
            Element top = doc.getDocumentElement();
            top.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns:csipaus", CsipAusElement.NS);
            byte[] bytes = serialize(doc);
            validator.validate(bytes);
            return bytes;
        } catch (JAXBException | ParserConfigurationException | TransformerException e) {
            throw new XmlCodecException(XmlCodecException.Kind.ENCODING, "cannot write CSIP-AUS document: "
                    + e.getMessage(), -1, -1, e);
        }
    }

    /**
     * Validates a document that uses the CSIP-AUS namespace against CSIP-AUS 1.3, removes its extension elements and
     * binds the rest (valid sep.xsd: the redefinition only appends optional elements); the removed elements are
     * attached to the objects their parents were bound to. Returns what JAXB bound the root to.
     */
    Object decode(byte[] doc) throws XmlCodecException {
        validator.validate(doc);
        Document d;
        try {
            d = builder().parse(new ByteArrayInputStream(doc));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.MALFORMED, e.getMessage(), -1, -1, e);
        }
        Element top = d.getDocumentElement();
        if (CsipAusElement.NS.equals(top.getNamespaceURI())) {
            throw new XmlCodecException(XmlCodecException.Kind.UNSUPPORTED, "the root element " + top.getLocalName()
                    + " is a CSIP-AUS resource; read it with CsipAusBinding.connectionPoint", -1, -1, null);
        }
        Map<Element, List<CsipAusElement>> found = new LinkedHashMap<>();
        List<Element> all = new ArrayList<>();
        collect(top, all);
        for (Element e : all) {
            if (CsipAusElement.NS.equals(e.getNamespaceURI()) && e.getParentNode() instanceof Element parent
                    && !CsipAusElement.NS.equals(parent.getNamespaceURI())) {
                found.computeIfAbsent(parent, k -> new ArrayList<>()).add(read(e));
            }
        }
        found.forEach((parent, ext) -> ext.forEach(x -> removeChild(parent, x)));
        try {
            Binder<Node> binder = context.createBinder();
            Object result = binder.unmarshal(d);
            for (Map.Entry<Element, List<CsipAusElement>> f : found.entrySet()) {
                Object owner = unwrap(binder.getJAXBNode(f.getKey()));
                if (owner != null) {
                    attach(owner, f.getValue());
                }
            }
            return result;
        } catch (JAXBException e) {
            throw new XmlCodecException(XmlCodecException.Kind.SCHEMA_INVALID, "cannot bind: " + e.getMessage(), -1,
                    -1, e);
        }
    }

    /**
     * Reads a CSIP-AUS {@code ConnectionPoint} document (csipaus-ext-v1.3.xsd ConnectionPointType, validated):
     * returns its {@code connectionPointId} (the NMI in Australia).
     */
    public String connectionPoint(byte[] doc) throws XmlCodecException {
        validator.validate(doc);
        try {
            Element top = builder().parse(new ByteArrayInputStream(doc)).getDocumentElement();
            if (!CsipAusElement.NS.equals(top.getNamespaceURI()) || !"ConnectionPoint".equals(top.getLocalName())) {
                throw new XmlCodecException(XmlCodecException.Kind.UNSUPPORTED, "expected ConnectionPoint but the"
                        + " document holds " + top.getLocalName(), -1, -1, null);
            }
            return read(top).child("connectionPointId");
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new XmlCodecException(XmlCodecException.Kind.MALFORMED, e.getMessage(), -1, -1, e);
        }
    }

    /** Writes a CSIP-AUS {@code ConnectionPoint} (validated). */
    public byte[] connectionPoint(String href, String connectionPointId) throws XmlCodecException {
        try {
            Document doc = builder().newDocument();
            Element cp = doc.createElementNS(CsipAusElement.NS, "ConnectionPoint");
            cp.setAttribute("href", href);
            Element id = doc.createElementNS(CsipAusElement.NS, "connectionPointId");
            id.setTextContent(connectionPointId);
            cp.appendChild(id);
            doc.appendChild(cp);
            byte[] bytes = serialize(doc);
            validator.validate(bytes);
            return bytes;
        } catch (ParserConfigurationException | TransformerException e) {
            throw new XmlCodecException(XmlCodecException.Kind.ENCODING, e.getMessage(), -1, -1, e);
        }
    }

    private static Object unwrap(Object bound) {
        return bound instanceof jakarta.xml.bind.JAXBElement<?> je ? je.getValue() : bound;
    }

    private static void removeChild(Element parent, CsipAusElement x) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && CsipAusElement.NS.equals(c.getNamespaceURI())
                    && x.localName().equals(c.getLocalName())) {
                parent.removeChild(c);
                return;
            }
        }
    }

    private static void collect(Element e, List<Element> out) {
        out.add(e);
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                collect(c, out);
            }
        }
    }

    private static CsipAusElement read(Element e) {
        List<CsipAusElement> children = new ArrayList<>();
        if (e.hasAttribute("href")) {
            children.add(new CsipAusElement("", "@href", e.getAttribute("href"), List.of()));
        }
        boolean hasElements = false;
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                hasElements = true;
                children.add(read(c));
            }
        }
        String ns = e.getNamespaceURI() == null ? "" : e.getNamespaceURI();
        return new CsipAusElement(ns, e.getLocalName(), hasElements ? null : e.getTextContent().strip(), children);
    }

    private static Element build(Document doc, CsipAusElement x) {
        String prefix = CsipAusElement.NS.equals(x.namespace()) ? "csipaus:" : "";
        Element e = doc.createElementNS(x.namespace(), prefix + x.localName());
        if (x.text() != null) {
            e.setTextContent(x.text());
        }
        for (CsipAusElement c : x.children()) {
            if (c.localName().startsWith("@")) {
                e.setAttribute(c.localName().substring(1), c.text());
            } else {
                e.appendChild(build(doc, c));
            }
        }
        return e;
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        return SecureXmlInput.documentBuilderFactory().newDocumentBuilder();
    }

    private static byte[] serialize(Document doc) throws TransformerException {
        Transformer t = SecureXmlInput.transformerFactory().newTransformer();
        t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
        t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        t.transform(new DOMSource(doc), new StreamResult(out));
        return out.toByteArray();
    }
}
