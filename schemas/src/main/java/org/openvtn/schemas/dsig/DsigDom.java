package org.openvtn.schemas.dsig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.openvtn.schemas.SecureXmlInput;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.XmlLimits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Hardened DOM parsing and serialisation for the signature code, and the names it looks for. */
final class DsigDom {
    /** The JDK XML-DSig context property naming the {@link java.security.Provider} of the signature primitive. */
    static final String SIGNATURE_PROVIDER = "org.jcp.xml.dsig.internal.dom.SignatureProvider";


    static final String OADR_NS = "http://openadr.org/oadr-2.0b/2012/07";
    static final String DS_NS = "http://www.w3.org/2000/09/xmldsig#";
    static final String DSP_NS = "http://openadr.org/oadr-2.0b/2012/07/xmldsig-properties";
    /** The Id the signer gives oadrSignedObject, as the schema's comment and other implementations do. */
    static final String SIGNED_OBJECT_ID = "oadrSignedObject";

    /**
     * One serialiser per thread (issue #18: a TransformerFactory and Transformer made per signed answer were a large
     * part of the signing cost); a Transformer is reusable, not thread-safe.
     */
    private static final ThreadLocal<Transformer> SERIALIZER = ThreadLocal.withInitial(DsigDom::newSerializer);

    private final SecureXmlInput guard;
    private final DocumentBuilderFactory factory;
    /** One DOM builder per thread and limits (reset before each use); a DocumentBuilder is not thread-safe. */
    private final ThreadLocal<DocumentBuilder> builders = ThreadLocal.withInitial(this::newBuilder);

    DsigDom(XmlLimits limits) {
        this.guard = new SecureXmlInput(limits);
        DocumentBuilderFactory f = SecureXmlInput.documentBuilderFactory();
        this.factory = f;
    }

    private DocumentBuilder newBuilder() {
        try {
            DocumentBuilder b = factory.newDocumentBuilder();
            b.setErrorHandler(null);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external resource refused: " + systemId);
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no hardened DOM parser: " + e.getMessage(), e);
        }
    }

    private static Transformer newSerializer() {
        try {
            Transformer t = SecureXmlInput.transformerFactory().newTransformer();
            t.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            t.setOutputProperty(OutputKeys.INDENT, "no");
            t.setOutputProperty(OutputKeys.STANDALONE, "yes");
            return t;
        } catch (javax.xml.transform.TransformerConfigurationException e) {
            throw new IllegalStateException("no XML serialiser: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a document after a full pass of the guarded StAX reader (size, DOCTYPE, depth, attribute limits), so
     * the DOM parser only ever sees input the codecs would accept too.
     */
    Document parse(byte[] doc) throws OadrSignatureException {
        try {
            XMLStreamReader r = guard.reader(doc);
            try {
                while (r.hasNext()) {
                    r.next();
                }
            } finally {
                r.close();
            }
        } catch (XmlCodecException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED, e.getMessage(), e);
        } catch (XMLStreamException | RuntimeException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "not well-formed: " + e.getMessage(), e);
        }
        return parseHardened(doc);
    }

    /**
     * Parses a document the caller produced itself (the signer's input: its own answer) with the hardened DOM
     * parser alone (DOCTYPE and external entities refused), without the guard's extra pass (issue #18). Foreign
     * input goes through {@link #parse}.
     */
    Document parseHardened(byte[] doc) throws OadrSignatureException {
        DocumentBuilder b = builders.get();
        try {
            b.reset();
            b.setErrorHandler(null);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external resource refused: " + systemId);
            });
            return b.parse(new ByteArrayInputStream(doc));
        } catch (SAXException | IOException | RuntimeException e) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "not well-formed: " + e.getMessage(), e);
        }
    }

    static byte[] serialize(Document doc) throws TransformerException {
        Transformer t = SERIALIZER.get();
        // To a Writer, not a stream: the JDK serializer then skips its 16 KB UTF-8 buffer per call (issue #18 profile)
        java.io.StringWriter out = new java.io.StringWriter(8192);
        t.transform(new DOMSource(doc), new StreamResult(out)); // reusable: output properties persist between calls
        return out.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The root, checked to be oadr:oadrPayload. */
    static Element payloadRoot(Document doc) throws OadrSignatureException {
        Element root = doc.getDocumentElement();
        if (root == null || !OADR_NS.equals(root.getNamespaceURI()) || !"oadrPayload".equals(root.getLocalName())) {
            throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                    "the document is not an oadr:oadrPayload");
        }
        return root;
    }

    /** The only element child of {@code parent} with that name, null if none; refuses duplicates. */
    static Element onlyChild(Element parent, String ns, String localName) throws OadrSignatureException {
        Element found = null;
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ns.equals(e.getNamespaceURI()) && localName.equals(e.getLocalName())) {
                if (found != null) {
                    throw new OadrSignatureException(OadrSignatureException.Reason.MALFORMED,
                            "more than one " + localName + " in " + parent.getLocalName());
                }
                found = e;
            }
        }
        return found;
    }

    /** The Id attribute of oadrSignedObject: {@code oadr:Id} as the schema qualifies it, or a bare {@code Id}. */
    static String signedObjectId(Element signedObject) {
        if (signedObject.hasAttributeNS(OADR_NS, "Id")) {
            signedObject.setIdAttributeNS(OADR_NS, "Id", true);
            return signedObject.getAttributeNS(OADR_NS, "Id");
        }
        if (signedObject.hasAttributeNS(null, "Id")) {
            signedObject.setIdAttributeNS(null, "Id", true);
            return signedObject.getAttributeNS(null, "Id");
        }
        return null;
    }

    /** Marks the unqualified Id attributes of every element below {@code e} (ds:Object and its content) as IDs. */
    static void markDsIds(Element e) {
        if (e.hasAttributeNS(null, "Id")) {
            e.setIdAttributeNS(null, "Id", true);
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                markDsIds(child);
            }
        }
    }
}
