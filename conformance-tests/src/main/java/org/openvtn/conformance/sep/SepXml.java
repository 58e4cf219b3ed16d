package org.openvtn.conformance.sep;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Small, namespace-aware DOM helpers for reading IEEE 2030.5 representations without binding them, so the rules
 * work on any server's documents (including CSIP-AUS extensions that have no JAXB classes). Documents are parsed
 * with DOCTYPEs refused and no external entities.
 */
public final class SepXml {

    /** The IEEE 2030.5 namespace. */
    public static final String NS = "urn:ieee:std:2030.5:ns";
    /** The CSIP-AUS 1.3 extension namespace. */
    public static final String CSIP_AUS_NS = "https://csipaus.org/ns/v1.3";

    private static final DocumentBuilderFactory FACTORY = factory();

    private SepXml() {
    }

    /** Parses a document (no DTDs, no external entities); throws {@link IllegalArgumentException} if not well-formed. */
    public static Document parse(String xml) {
        try {
            DocumentBuilder b = FACTORY.newDocumentBuilder();
            b.setErrorHandler(null);
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Child elements of {@code parent} with the given local name (any namespace), in document order. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && (localName == null || localName.equals(e.getLocalName()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** All child elements. */
    public static List<Element> children(Element parent) {
        return children(parent, null);
    }

    /** The first child element with that local name. */
    public static Optional<Element> child(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** Text of a descendant reached by a path of local names, e.g. {@code text(e, "interval", "start")}. */
    public static Optional<String> text(Element parent, String... path) {
        Element cur = parent;
        for (String p : path) {
            Optional<Element> next = child(cur, p);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            cur = next.get();
        }
        return Optional.of(cur.getTextContent().strip());
    }

    /** A numeric descendant value, empty when absent or not a number. */
    public static Optional<Long> number(Element parent, String... path) {
        return text(parent, path).flatMap(t -> {
            try {
                return Optional.of(Long.parseLong(t));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /** An attribute value, empty when absent. */
    public static Optional<String> attr(Element e, String name) {
        return e.hasAttribute(name) ? Optional.of(e.getAttribute(name)) : Optional.empty();
    }

    /** The {@code href} of a link child, e.g. {@code link(dcap, "EndDeviceListLink")}. */
    public static Optional<String> link(Element parent, String linkName) {
        return child(parent, linkName).flatMap(l -> attr(l, "href")).filter(h -> !h.isBlank());
    }

    /** An element path for evidence, e.g. {@code /DERControlList/DERControl[2]/EventStatus}. */
    public static String path(Element e) {
        StringBuilder sb = new StringBuilder();
        Node n = e;
        while (n instanceof Element el) {
            String name = el.getLocalName() == null ? el.getNodeName() : el.getLocalName();
            int index = 1;
            int same = 0;
            if (el.getParentNode() instanceof Element parent) {
                for (Element sib : children(parent, name)) {
                    same++;
                    if (sib == el) {
                        index = same;
                    }
                }
            }
            sb.insert(0, "/" + name + (same > 1 ? "[" + index + "]" : ""));
            n = el.getParentNode();
        }
        return sb.toString();
    }

    private static DocumentBuilderFactory factory() {
        return org.openvtn.schemas.SecureXmlInput.documentBuilderFactory();
    }
}
