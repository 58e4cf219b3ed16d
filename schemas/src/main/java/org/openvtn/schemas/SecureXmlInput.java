package org.openvtn.schemas;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.util.StreamReaderDelegate;
import javax.xml.transform.TransformerFactory;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;

/**
 * Hardened XML input: bounded size, no DTD (hence no external entities and no entity expansion),
 * bounded nesting and attribute count. Every codec reads peer input only through this class.
 *
 * <p>Thread-safe: the {@link XMLInputFactory} is configured once and only used to create readers.
 *
 * <p>This class is also the only place that creates XML parser, schema and transformer factories (issue #13; an
 * ArchUnit rule keeps it so). They share one feature set: no DOCTYPE (so no DTD, no entity expansion, no billion
 * laughs), no external entities, DTDs, schemas or stylesheets, no XInclude, secure processing on. Callers may add
 * settings that do not weaken these (namespace awareness is on; ignoring comments is fine).
 */
public final class SecureXmlInput {

    private final XmlLimits limits;
    private final XMLInputFactory factory;

    public SecureXmlInput(XmlLimits limits) {
        this.limits = limits;
        this.factory = xmlInputFactory();
    }

    /** StAX input: no DTD support, no external entities, entity references not replaced, nothing resolved. */
    public static XMLInputFactory xmlInputFactory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setXMLResolver((publicId, systemId, baseUri, ns) -> {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return f;
    }

    private static final String DISALLOW_DOCTYPE = "http://apache.org/xml/features/disallow-doctype-decl";
    private static final String EXTERNAL_GENERAL = "http://xml.org/sax/features/external-general-entities";
    private static final String EXTERNAL_PARAMETER = "http://xml.org/sax/features/external-parameter-entities";
    private static final String LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";

    /** DOM parsing, namespace aware: a DOCTYPE is a parse error; nothing external is read. */
    public static DocumentBuilderFactory documentBuilderFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature(EXTERNAL_GENERAL, false);
            f.setFeature(EXTERNAL_PARAMETER, false);
            f.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's DOM parser refuses a hardening feature", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** SAX parsing, namespace aware, not validating: a DOCTYPE is a parse error; nothing external is read. */
    public static SAXParserFactory saxParserFactory() {
        SAXParserFactory f = SAXParserFactory.newDefaultInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature(DISALLOW_DOCTYPE, true);
            f.setFeature(EXTERNAL_GENERAL, false);
            f.setFeature(EXTERNAL_PARAMETER, false);
            f.setFeature(LOAD_EXTERNAL_DTD, false);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the JDK's SAX parser refuses a hardening feature", e);
        }
        return f;
    }

    /**
     * W3C XML Schema compilation of the schemas bundled in this build: secure processing on; imports and the DTDs
     * some published XSDs declare are read only from local files and jars, never from the network.
     */
    public static SchemaFactory schemaFactory() {
        SchemaFactory sf = SchemaFactory.newDefaultInstance();
        try {
            sf.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            sf.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
            sf.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "file,jar");
        } catch (SAXException e) {
            throw new IllegalStateException("XML schema factory lacks secure processing", e);
        }
        return sf;
    }

    /** Serialising DOM trees (identity transforms): no external DTD or stylesheet is ever read. */
    public static TransformerFactory transformerFactory() {
        TransformerFactory tf = TransformerFactory.newDefaultInstance();
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        tf.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        return tf;
    }

    public XmlLimits limits() {
        return limits;
    }

    /**
     * Reads a whole document into memory, refusing it as soon as it passes the size limit.
     */
    public byte[] readBounded(InputStream in) throws XmlCodecException, IOException {
        int max = limits.maxDocumentBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(max, 16 * 1024));
        byte[] buf = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw tooLarge(total);
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** Refuses a document that is over the size limit. */
    public void checkSize(byte[] doc) throws XmlCodecException {
        if (doc.length > limits.maxDocumentBytes()) {
            throw tooLarge(doc.length);
        }
    }

    private XmlCodecException tooLarge(long seen) {
        return new XmlCodecException(XmlCodecException.Kind.TOO_LARGE,
                "document exceeds the limit of " + limits.maxDocumentBytes() + " bytes (at least " + seen + " bytes)");
    }

    /**
     * A reader over the document that throws {@link GuardException} on a DOCTYPE, on nesting deeper than
     * the limit and on too many attributes.
     */
    public XMLStreamReader reader(byte[] doc) throws XmlCodecException {
        checkSize(doc);
        try {
            return new Guarded(factory.createXMLStreamReader(new ByteArrayInputStream(doc)), limits);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
    }

    /** Namespace URI and local name of the root element, without reading further. */
    public javax.xml.namespace.QName rootElement(byte[] doc) throws XmlCodecException {
        XMLStreamReader r = reader(doc);
        try {
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    return r.getName();
                }
            }
            throw new XmlCodecException(XmlCodecException.Kind.MALFORMED, "document has no root element");
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (GuardException e) {
            throw e.toCodecException();
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing to release beyond the in-memory stream
            }
        }
    }

    /**
     * The standard a document belongs to, from the namespace of its root element; a 2030.5 document that uses
     * an element of the CSIP-AUS namespace anywhere is {@link XmlStandard#CSIP_AUS_13}. Null if unknown.
     */
    public XmlStandard detect(byte[] doc) throws XmlCodecException {
        XMLStreamReader r = reader(doc);
        try {
            XmlStandard root = null;
            while (r.hasNext()) {
                if (r.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                if (root == null) {
                    root = XmlStandard.forRootNamespace(r.getNamespaceURI());
                    if (root != XmlStandard.IEEE_2030_5) {
                        return root;
                    }
                } else if (XmlStandard.CSIP_AUS_13.namespace().equals(r.getNamespaceURI())) {
                    return XmlStandard.CSIP_AUS_13;
                }
            }
            return root;
        } catch (XMLStreamException e) {
            throw malformed(e);
        } catch (GuardException e) {
            throw e.toCodecException();
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // in-memory input
            }
        }
    }

    static XmlCodecException malformed(XMLStreamException e) {
        Location loc = e.getLocation();
        String msg = e.getMessage();
        // The JDK prefixes "ParseError at [row,col]:[r,c]\nMessage: "; keep only the message.
        int i = msg == null ? -1 : msg.indexOf("Message: ");
        if (i >= 0) {
            msg = msg.substring(i + "Message: ".length());
        }
        return new XmlCodecException(XmlCodecException.Kind.MALFORMED, "not well-formed XML: " + msg,
                loc == null ? -1 : loc.getLineNumber(), loc == null ? -1 : loc.getColumnNumber(), e);
    }

    /** Thrown from inside the reader when a guard trips; unchecked so it passes through JAXB and validators. */
    static final class GuardException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final XmlCodecException.Kind kind;
        private final int line;
        private final int column;

        GuardException(XmlCodecException.Kind kind, String message, Location loc) {
            super(message, null, false, false);
            this.kind = kind;
            this.line = loc == null ? -1 : loc.getLineNumber();
            this.column = loc == null ? -1 : loc.getColumnNumber();
        }

        XmlCodecException toCodecException() {
            return new XmlCodecException(kind, getMessage(), line, column, null);
        }
    }

    private static final class Guarded extends StreamReaderDelegate {
        private final XmlLimits limits;
        private int depth;

        Guarded(XMLStreamReader r, XmlLimits limits) {
            super(r);
            this.limits = limits;
        }

        @Override
        public int next() throws XMLStreamException {
            int event = super.next();
            check(event);
            return event;
        }

        @Override
        public int nextTag() throws XMLStreamException {
            int event = super.nextTag();
            check(event);
            return event;
        }

        private void check(int event) {
            switch (event) {
                case XMLStreamConstants.DTD -> throw new GuardException(XmlCodecException.Kind.DTD_FORBIDDEN,
                        "DOCTYPE declarations are not allowed (DTDs and entities are refused)", getLocation());
                case XMLStreamConstants.ENTITY_REFERENCE -> throw new GuardException(XmlCodecException.Kind.DTD_FORBIDDEN,
                        "entity reference &" + getLocalName() + "; is not allowed", getLocation());
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > limits.maxDepth()) {
                        throw new GuardException(XmlCodecException.Kind.TOO_COMPLEX,
                                "elements nested deeper than " + limits.maxDepth() + " levels", getLocation());
                    }
                    if (getAttributeCount() > limits.maxAttributesPerElement()) {
                        throw new GuardException(XmlCodecException.Kind.TOO_COMPLEX, "element <" + getLocalName()
                                + "> has more than " + limits.maxAttributesPerElement() + " attributes", getLocation());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                default -> { }
            }
        }
    }
}
