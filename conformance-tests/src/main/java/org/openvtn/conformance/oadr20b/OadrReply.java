package org.openvtn.conformance.oadr20b;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.w3c.dom.Element;

/**
 * One answer of the VTN as the cases see it: the recorded exchange, the message element inside
 * {@code oadrPayload/oadrSignedObject} (null when there was no parsable payload) and the rule violations found.
 */
public record OadrReply(Exchange exchange, Element message, List<RuleViolation> violations) {

    /** Local name of the message, e.g. {@code oadrDistributeEvent}; empty string when none. */
    public String name() {
        return message == null ? "" : OadrDom.name(message);
    }

    public boolean is(String messageName) {
        return name().equals(messageName);
    }

    /** HTTP status (0 when the exchange failed below HTTP). */
    public int status() {
        return exchange.status();
    }

    /** Transport error, if any (e.g. a refused handshake). */
    public Optional<String> error() {
        return Optional.ofNullable(exchange.error());
    }

    /** The message's eiResponse/responseCode, or null. */
    public String code() {
        if (message == null) {
            return null;
        }
        String c = OadrDom.text(message, "eiResponse", "responseCode");
        if (c == null) {
            // oadrCreatedEvent-like nesting is not sent by a VTN; oadrCreatedOpt etc. keep eiResponse at the top
            c = OadrDom.descendants(message, "responseCode").stream().findFirst()
                    .map(e -> e.getTextContent().trim()).orElse(null);
        }
        return c;
    }

    /** Trimmed text at a path of local names below the message, or null. */
    public String text(String... path) {
        return message == null ? null : OadrDom.text(message, path);
    }

    /** Every eiEvent in the message. */
    public List<EventView> events() {
        return message == null ? List.of()
                : OadrDom.descendants(message, "eiEvent").stream().map(EventView::of).toList();
    }

    /** The event with this eventID, if the message carries it. */
    public Optional<EventView> event(String eventId) {
        return events().stream().filter(e -> eventId.equals(e.eventId())).findFirst();
    }

    /** Every element with that local name below the message. */
    public List<Element> all(String localName) {
        return message == null ? List.of() : OadrDom.descendants(message, localName);
    }

    /** Path of the message element, for evidence. */
    public String path() {
        return message == null ? "/" : OadrDom.path(message);
    }

    public byte[] body() {
        return exchange.responseBody() == null ? new byte[0] : exchange.responseBody().getBytes(StandardCharsets.UTF_8);
    }

    /** A short description for notes and failure messages. */
    public String describe() {
        if (exchange.error() != null) {
            return "no answer: " + exchange.error();
        }
        return "HTTP " + exchange.status() + " " + (message == null ? "(no 2.0b payload)" : name()
                + (code() == null ? "" : " code " + code()));
    }
}
