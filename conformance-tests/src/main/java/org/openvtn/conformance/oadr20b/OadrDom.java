package org.openvtn.conformance.oadr20b;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Namespace-aware DOM helpers for the rule engine. Rules look at elements by local name (the OpenADR 2.0b
 * schema never reuses a local name with two meanings inside the structures the rules inspect) and report
 * positions as XPath-like element paths, e.g. {@code /oadrPayload/oadrSignedObject/oadrDistributeEvent/oadrEvent[2]}.
 * Parsing is hardened: DOCTYPE declarations are refused, nothing external is resolved.
 */
public final class OadrDom {

    private OadrDom() {
    }

    /** Parses a document, or empty when it is not well-formed XML (the {@code xsd} rule reports why). */
    public static Optional<Document> parse(byte[] doc) {
        try {
            DocumentBuilderFactory f = org.openvtn.schemas.SecureXmlInput.documentBuilderFactory();
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            return Optional.of(b.parse(new ByteArrayInputStream(doc)));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    public static String name(Node n) {
        return n.getLocalName() != null ? n.getLocalName() : n.getNodeName();
    }

    /** Child elements with the given local name. */
    public static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && name(e).equals(localName)) {
                out.add(e);
            }
        }
        return out;
    }

    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    public static Optional<Element> child(Element parent, String localName) {
        List<Element> c = children(parent, localName);
        return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
    }

    /** Follows a path of local names from {@code parent}; empty if a step is missing. */
    public static Optional<Element> at(Element parent, String... steps) {
        Element e = parent;
        for (String s : steps) {
            Optional<Element> n = child(e, s);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            e = n.get();
        }
        return Optional.of(e);
    }

    /** Trimmed text of the element at the path, or null. */
    public static String text(Element parent, String... steps) {
        return at(parent, steps).map(e -> e.getTextContent().trim()).orElse(null);
    }

    /** Every descendant element (document order) with the given local name. */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        collect(root, localName, out);
        return out;
    }

    private static void collect(Element e, String localName, List<Element> out) {
        for (Element c : children(e)) {
            if (localName == null || name(c).equals(localName)) {
                out.add(c);
            }
            collect(c, localName, out);
        }
    }

    /** Every descendant element. */
    public static List<Element> all(Element root) {
        return descendants(root, null);
    }

    /** XPath-like path of local names, with a 1-based index where siblings share the name. */
    public static String path(Element e) {
        StringBuilder sb = new StringBuilder();
        Node n = e;
        while (n instanceof Element el) {
            String nm = name(el);
            String step = nm;
            if (el.getParentNode() instanceof Element p) {
                List<Element> same = children(p, nm);
                if (same.size() > 1) {
                    step = nm + "[" + (same.indexOf(el) + 1) + "]";
                }
            }
            sb.insert(0, "/" + step);
            n = el.getParentNode();
        }
        return sb.toString();
    }

    /** The message element inside {@code oadrPayload/oadrSignedObject}, if present. */
    public static Optional<Element> message(Document d) {
        Element root = d.getDocumentElement();
        if (!name(root).equals("oadrPayload")) {
            return Optional.of(root);
        }
        return child(root, "oadrSignedObject").flatMap(s -> children(s).stream().findFirst());
    }

    /**
     * A stable digest-like rendering of an element's content, leaving out the named elements (e.g. the
     * time-dependent {@code eventStatus} and {@code currentValue}): local names, attributes and trimmed texts.
     */
    public static String content(Element e, java.util.Set<String> skip) {
        StringBuilder sb = new StringBuilder();
        render(e, skip, sb);
        return sb.toString();
    }

    private static void render(Element e, java.util.Set<String> skip, StringBuilder sb) {
        sb.append('<').append(name(e));
        var attrs = e.getAttributes();
        List<String> as = new ArrayList<>();
        for (int i = 0; i < attrs.getLength(); i++) {
            Node a = attrs.item(i);
            if (!"http://www.w3.org/2000/xmlns/".equals(a.getNamespaceURI())) {
                as.add(name(a) + "=" + a.getNodeValue());
            }
        }
        as.sort(null);
        sb.append(as).append('>');
        List<Element> kids = children(e);
        if (kids.isEmpty()) {
            sb.append(e.getTextContent().trim());
        }
        for (Element c : kids) {
            if (!skip.contains(name(c))) {
                render(c, skip, sb);
            }
        }
        sb.append("</>");
    }
}
