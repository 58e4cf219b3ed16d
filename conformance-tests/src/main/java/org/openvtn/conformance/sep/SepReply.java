package org.openvtn.conformance.sep;

import java.util.Optional;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.http.ProbeResponse;
import org.w3c.dom.Element;

/**
 * One answer of the target as a case sees it: the evidence, the response headers and the checked body.
 *
 * @param response the probe's response (exchange + headers)
 * @param checked  the body after {@link SepRules}, null when there was no body
 */
public record SepReply(ProbeResponse response, SepRules.Checked checked) {

    public Exchange exchange() {
        return response.exchange();
    }

    public int status() {
        return response.status();
    }

    public String body() {
        return response.body();
    }

    public Optional<String> header(String name) {
        return response.header(name);
    }

    /** True when the exchange failed below HTTP (connection, handshake, timeout). */
    public boolean transportError() {
        return response.exchange().error() != null;
    }

    /** The root element of a well-formed body. */
    public Optional<Element> root() {
        return checked == null || checked.root() == null ? Optional.empty() : Optional.of(checked.root());
    }

    /** The root element when it has the given local name. */
    public Optional<Element> root(String localName) {
        return root().filter(r -> localName.equals(r.getLocalName()));
    }

    /** One-line description for evidence and failure messages. */
    public String describe() {
        Exchange e = exchange();
        if (e.error() != null) {
            return e.method() + " " + e.url() + " -> " + e.error();
        }
        return e.method() + " " + e.url() + " -> " + e.status() + root().map(r -> " " + r.getLocalName()).orElse("");
    }
}
