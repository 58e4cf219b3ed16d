package org.openvtn.conformance.oadr20b.ven;

import java.util.List;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.conformance.oadr20b.OadrDom;
import org.w3c.dom.Element;

/** What the VEN cases read from a payload, on top of {@link OadrDom}. */
final class Dom {
    private Dom() {
    }

    /** The message element of a payload, or null when it is not well-formed. */
    static Element message(byte[] doc) {
        return OadrDom.parse(doc).flatMap(OadrDom::message).orElse(null);
    }

    /** Text at a path of child names, or when a single name is given, of the first descendant of that name. */
    static String text(Element e, String... steps) {
        if (steps.length == 1) {
            List<Element> d = OadrDom.descendants(e, steps[0]);
            return d.isEmpty() ? null : d.get(0).getTextContent().trim();
        }
        return OadrDom.text(e, steps);
    }

    static List<Element> all(Element e, String name) {
        return OadrDom.descendants(e, name);
    }

    static String path(Element e) {
        return OadrDom.path(e);
    }

    /** Peer text made safe for one log line. */
    static String safe(String s) {
        return LogSafe.text(s);
    }
}
