package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.OadrDom.at;
import static org.openvtn.conformance.oadr20b.OadrDom.children;
import static org.openvtn.conformance.oadr20b.OadrDom.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The fields of one received {@code ei:eiEvent} that rules and cases look at, read from the DOM so that a
 * schema-invalid event can still be inspected.
 *
 * @param element            the eiEvent element
 * @param eventId            eventDescriptor/eventID
 * @param modificationNumber eventDescriptor/modificationNumber (null if absent or not a number)
 * @param status             eventDescriptor/eventStatus
 * @param marketContext      eventDescriptor/eiMarketContext/marketContext
 * @param priority           eventDescriptor/priority (null if absent)
 * @param start              eiActivePeriod dtstart
 * @param duration           eiActivePeriod duration
 * @param startAfter         tolerance/tolerate/startafter (null if absent)
 * @param signals            the eiEventSignal elements
 * @param responseRequired   oadrResponseRequired of the enclosing oadrEvent (null if not inside one)
 */
public record EventView(Element element, String eventId, Long modificationNumber, String status,
                        String marketContext, Long priority, Instant start, Duration duration, Duration startAfter,
                        List<Element> signals, String responseRequired) {

    static EventView of(Element ev) {
        Element props = at(ev, "eiActivePeriod", "properties").orElse(null);
        Instant start = null;
        Duration duration = null;
        Duration startAfter = null;
        if (props != null) {
            String s = text(props, "dtstart", "date-time");
            try {
                start = s == null ? null : javax.xml.datatype.DatatypeFactory.newInstance().newXMLGregorianCalendar(s)
                        .toGregorianCalendar().toInstant();
            } catch (Exception e) {
                start = null;
            }
            duration = OadrRules.parse(text(props, "duration", "duration"));
            startAfter = OadrRules.parse(text(props, "tolerance", "tolerate", "startafter"));
        }
        List<Element> signals = at(ev, "eiEventSignals").map(s -> children(s, "eiEventSignal"))
                .orElse(new ArrayList<>());
        String rr = ev.getParentNode() instanceof Element p && OadrDom.name(p).equals("oadrEvent")
                ? text(p, "oadrResponseRequired") : null;
        return new EventView(ev, text(ev, "eventDescriptor", "eventID"),
                number(text(ev, "eventDescriptor", "modificationNumber")), text(ev, "eventDescriptor", "eventStatus"),
                text(ev, "eventDescriptor", "eiMarketContext", "marketContext"),
                number(text(ev, "eventDescriptor", "priority")), start, duration, startAfter, List.copyOf(signals), rr);
    }

    /** Every eiEvent of a received document (empty if it does not parse). */
    public static List<EventView> all(byte[] doc) {
        return OadrDom.parse(doc).map(d -> OadrDom.descendants(d.getDocumentElement(), "eiEvent").stream()
                .map(EventView::of).toList()).orElse(List.of());
    }

    /** The signal with the given name, or null. */
    public Element signal(String name) {
        return signals.stream().filter(s -> name.equals(text(s, "signalName"))).findFirst().orElse(null);
    }

    /** The payload values of a signal's intervals, in document order. */
    public static List<Double> values(Element signal) {
        List<Double> out = new ArrayList<>();
        at(signal, "intervals").ifPresent(i -> children(i, "interval").forEach(iv -> {
            String v = text(iv, "signalPayload", "payloadFloat", "value");
            out.add(v == null ? null : Double.valueOf(v));
        }));
        return out;
    }

    /** The venIDs listed in eiTarget. */
    public List<String> targetVenIds() {
        return at(element, "eiTarget").map(t -> children(t, "venID").stream().map(e -> e.getTextContent().trim())
                .toList()).orElse(List.of());
    }

    private static Long number(String t) {
        try {
            return t == null ? null : Long.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
