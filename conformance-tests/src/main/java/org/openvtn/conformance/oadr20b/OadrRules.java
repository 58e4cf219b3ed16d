package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.OadrDom.at;
import static org.openvtn.conformance.oadr20b.OadrDom.child;
import static org.openvtn.conformance.oadr20b.OadrDom.children;
import static org.openvtn.conformance.oadr20b.OadrDom.descendants;
import static org.openvtn.conformance.oadr20b.OadrDom.path;
import static org.openvtn.conformance.oadr20b.OadrDom.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.XmlCodecException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The rule engine of the {@code oadr20b-vtn-pull} suite: every payload the suite receives (and sends) goes
 * through the published schema (rule {@code xsd}) and then through individually named checks derived from the
 * OpenADR 2.0b profile specification and its numbered conformance rules. Each check reports a
 * {@link RuleViolation} with the rule's name, the offending element's path and what was expected.
 *
 * <p>Per-message rules are stateless; rules that compare messages over a run (modificationNumber history,
 * vtnID consistency) use an {@link OadrLedger}.
 */
public final class OadrRules {

    public static final String XSD = "xsd";
    public static final String SCHEMA_VERSION = "oadr.schemaVersion";
    public static final String REQUEST_ID_ECHO = "oadr.requestID.echo";
    public static final String VEN_ID_ECHO = "oadr.venID.echo";
    public static final String VTN_ID_CONSISTENT = "oadr.vtnID.consistent";
    public static final String MOD_STARTS_AT_ZERO = "oadr.modificationNumber.startsAtZero";
    public static final String MOD_INCREMENTS = "oadr.modificationNumber.increments";
    public static final String INTERVAL_UIDS = "oadr.interval.uids";
    public static final String DURATIONS_SUM = "oadr.interval.durationsSum";
    public static final String SIMPLE_RANGE = "oadr.simple.range";
    public static final String CURRENT_VALUE = "oadr.currentValue";
    public static final String STATUS_CONSISTENT = "oadr.eventStatus.consistent";
    public static final String DATE_TIME_UTC = "oadr.dateTime.utc";
    public static final String RESPONSE_CODE = "oadr.eiResponse.code";
    public static final String POLL_FREQ = "oadr.pollFreq.present";
    public static final String PROFILES = "oadr.profiles.2_0b";
    public static final String EVENT_ID_UNIQUE = "oadr.eventID.unique";
    public static final String REPORT_REQUEST = "oadr.reportRequest.wellFormed";

    /** Every rule name with its one-line meaning (README and report legend). */
    public static final List<String[]> CATALOGUE = List.of(
            new String[] {XSD, "valid against the published oadr_20b.xsd"},
            new String[] {SCHEMA_VERSION, "schemaVersion=\"2.0b\" on every message (rule 509)"},
            new String[] {REQUEST_ID_ECHO, "eiResponse/requestID echoes the request's requestID"},
            new String[] {VEN_ID_ECHO, "a venID in an answer is the VEN's own (rule 21)"},
            new String[] {VTN_ID_CONSISTENT, "one non-empty vtnID across the run (rule 21)"},
            new String[] {MOD_STARTS_AT_ZERO, "a new event is issued with modificationNumber 0 (rule 4)"},
            new String[] {MOD_INCREMENTS, "modificationNumber never decreases; a change or cancel increments it (rule 5)"},
            new String[] {INTERVAL_UIDS, "interval uids are 0,1,2... in order (rule 2)"},
            new String[] {DURATIONS_SUM, "interval durations sum to the active period duration (rule 8)"},
            new String[] {SIMPLE_RANGE, "SIMPLE signal payloads are 0..3 (rule 9)"},
            new String[] {CURRENT_VALUE, "currentValue 0 while inactive (rule 14), else the current interval's value"},
            new String[] {STATUS_CONSISTENT, "eventStatus agrees with dtstart/duration and the time of the exchange"},
            new String[] {DATE_TIME_UTC, "date-times are in UTC (rule 1)"},
            new String[] {RESPONSE_CODE, "responseCode is a 2.0b code (200, 450-463, 469) (rule 48)"},
            new String[] {POLL_FREQ, "a registration answer should carry oadrRequestedOadrPollFreq (SHOULD)"},
            new String[] {PROFILES, "oadrCreatedPartyRegistration lists profile 2.0b with simpleHttp"},
            new String[] {EVENT_ID_UNIQUE, "an event appears at most once per distribution"},
            new String[] {REPORT_REQUEST, "oadrReportRequest has IDs, a parsable granularity and reportBackDuration"});

    private static final Set<String> KNOWN_CODES = Set.of("200", "450", "451", "452", "453", "454", "455", "456",
            "457", "458", "459", "460", "461", "462", "463", "469");
    private static final Pattern DATE_TIME = Pattern.compile(
            "-?\\d{4,}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})?");
    private static final Set<String> VOLATILE = Set.of("eventStatus", "currentValue");

    /**
     * What the suite knows about the exchange a received message belongs to.
     *
     * @param requestId the requestID the suite sent (null: no echo expected, e.g. poll-delivered messages)
     * @param venId     the suite's venID (null: unknown yet)
     * @param sentAt    when the request was sent (null: skip time-dependent rules)
     * @param receivedAt when the answer arrived
     */
    public record Expect(String requestId, String venId, Instant sentAt, Instant receivedAt) {

        /** No expectations beyond the message itself (outgoing messages, unit tests). */
        public static Expect none() {
            return new Expect(null, null, null, null);
        }
    }

    private final OadrCodec codec;
    private final Duration clockSkew;

    /**
     * @param codec     validating codec over the published schemas
     * @param clockSkew how far the target's clock may be from the suite's for time-dependent rules
     */
    public OadrRules(OadrCodec codec, Duration clockSkew) {
        this.codec = codec;
        this.clockSkew = clockSkew;
    }

    /** Schema validation only, as rule {@code xsd}; empty when valid. */
    public List<RuleViolation> xsd(byte[] doc) {
        try {
            codec.validate(doc);
            return List.of();
        } catch (XmlCodecException e) {
            String at = e.line() > 0 ? "line " + e.line() + ", column " + e.column() : "document";
            String path = e.kind() == XmlCodecException.Kind.SCHEMA_INVALID
                    ? XsdLocator.firstErrorPath(codec.schema(), doc) : null;
            return List.of(RuleViolation.must(XSD, path == null ? at : path + " (" + at + ")",
                    e.kind() + ": " + e.getMessage()));
        }
    }

    /** Every per-message rule on a message the suite received, then the run-wide rules against {@code ledger}. */
    public List<RuleViolation> checkReceived(byte[] doc, Expect expect, OadrLedger ledger) {
        List<RuleViolation> out = new ArrayList<>(xsd(doc));
        Optional<Document> parsed = OadrDom.parse(doc);
        if (parsed.isEmpty()) {
            return out;
        }
        Optional<Element> msg = OadrDom.message(parsed.get());
        if (msg.isEmpty()) {
            return out;
        }
        Element m = msg.get();
        schemaVersion(m, out);
        echoes(m, expect, out);
        dateTimes(m, out);
        responseCodes(m, out);
        registration(m, out);
        reportRequests(m, out);
        List<Element> events = descendants(m, "eiEvent");
        Set<String> seen = new HashSet<>();
        for (Element ev : events) {
            String id = text(ev, "eventDescriptor", "eventID");
            if (id != null && !seen.add(id)) {
                out.add(RuleViolation.must(EVENT_ID_UNIQUE, path(ev), "eventID " + id + " appears more than once"));
            }
            event(ev, expect, out);
        }
        if (ledger != null) {
            ledger(m, events, ledger, out);
        }
        return out;
    }

    /** The rules that apply to a message the suite itself sends (a suite bug if they fire). */
    public List<RuleViolation> checkSent(byte[] doc) {
        List<RuleViolation> out = new ArrayList<>(xsd(doc));
        OadrDom.parse(doc).flatMap(OadrDom::message).ifPresent(m -> schemaVersion(m, out));
        return out;
    }

    private static void schemaVersion(Element m, List<RuleViolation> out) {
        String v = null;
        var attrs = m.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            if ("schemaVersion".equals(OadrDom.name(attrs.item(i)))) {
                v = attrs.item(i).getNodeValue();
            }
        }
        if (!"2.0b".equals(v)) {
            out.add(RuleViolation.must(SCHEMA_VERSION, path(m), v == null ? "schemaVersion attribute missing"
                    : "schemaVersion is '" + v + "', expected '2.0b'"));
        }
    }

    private static void echoes(Element m, Expect expect, List<RuleViolation> out) {
        if (expect.requestId() != null) {
            Optional<Element> rid = at(m, "eiResponse", "requestID");
            String got = rid.map(e -> e.getTextContent().trim()).orElse(null);
            if (!expect.requestId().equals(got)) {
                out.add(RuleViolation.must(REQUEST_ID_ECHO, rid.map(OadrDom::path).orElse(path(m) + "/eiResponse"),
                        "expected requestID '" + expect.requestId() + "', found " + (got == null ? "none" : "'" + got + "'")));
            }
        }
        if (expect.venId() != null) {
            for (Element v : children(m, "venID")) {
                String got = v.getTextContent().trim();
                if (!got.isEmpty() && !got.equals(expect.venId())) {
                    out.add(RuleViolation.must(VEN_ID_ECHO, path(v), "expected venID '" + expect.venId()
                            + "', found '" + got + "'"));
                }
            }
        }
    }

    private static void dateTimes(Element m, List<RuleViolation> out) {
        for (Element e : OadrDom.all(m)) {
            if (!children(e).isEmpty()) {
                continue;
            }
            String t = e.getTextContent().trim();
            if (DATE_TIME.matcher(t).matches() && !(t.endsWith("Z") || t.endsWith("+00:00") || t.endsWith("-00:00"))) {
                out.add(RuleViolation.must(DATE_TIME_UTC, path(e), "'" + t + "' is not a UTC date-time"));
            }
        }
    }

    private static void responseCodes(Element m, List<RuleViolation> out) {
        for (Element c : descendants(m, "responseCode")) {
            String code = c.getTextContent().trim();
            if (!code.matches("\\d{3}")) {
                out.add(RuleViolation.must(RESPONSE_CODE, path(c), "'" + code + "' is not a three-digit code"));
            } else if (!KNOWN_CODES.contains(code)) {
                out.add(RuleViolation.should(RESPONSE_CODE, path(c), code + " is not one of the 2.0b response codes"));
            }
        }
    }

    private static void registration(Element m, List<RuleViolation> out) {
        if (!OadrDom.name(m).equals("oadrCreatedPartyRegistration")) {
            return;
        }
        String reg = text(m, "registrationID");
        if (reg != null && !reg.isEmpty() && child(m, "oadrRequestedOadrPollFreq").isEmpty()) {
            out.add(RuleViolation.should(POLL_FREQ, path(m), "registered (registrationID " + reg
                    + ") but no oadrRequestedOadrPollFreq"));
        }
        boolean simple20b = false;
        for (Element p : descendants(m, "oadrProfile")) {
            if ("2.0b".equals(text(p, "oadrProfileName"))) {
                for (Element t : descendants(p, "oadrTransportName")) {
                    simple20b |= "simpleHttp".equals(t.getTextContent().trim());
                }
            }
        }
        if (!simple20b) {
            out.add(RuleViolation.must(PROFILES, path(m) + "/oadrProfiles", "no profile 2.0b with transport simpleHttp"));
        }
    }

    private static void reportRequests(Element m, List<RuleViolation> out) {
        for (Element rr : descendants(m, "oadrReportRequest")) {
            if (blank(text(rr, "reportRequestID")) || blank(text(rr, "reportSpecifier", "reportSpecifierID"))) {
                out.add(RuleViolation.must(REPORT_REQUEST, path(rr), "reportRequestID or reportSpecifierID empty"));
            }
            for (String d : List.of("granularity", "reportBackDuration")) {
                String v = text(rr, "reportSpecifier", d, "duration");
                if (v != null && parse(v) == null) {
                    out.add(RuleViolation.must(REPORT_REQUEST, path(rr) + "/reportSpecifier/" + d,
                            "'" + v + "' is not a duration"));
                }
            }
        }
    }

    private void event(Element ev, Expect expect, List<RuleViolation> out) {
        EventView v = EventView.of(ev);
        for (Element sig : v.signals()) {
            String name = text(sig, "signalName");
            List<Element> intervals = at(sig, "intervals").map(i -> children(i, "interval")).orElse(List.of());
            Duration sum = Duration.ZERO;
            boolean summable = true;
            for (int i = 0; i < intervals.size(); i++) {
                Element iv = intervals.get(i);
                String uid = text(iv, "uid", "text");
                if (!Integer.toString(i).equals(uid)) {
                    out.add(RuleViolation.must(INTERVAL_UIDS, path(iv) + "/uid", "interval " + (i + 1) + " has uid '"
                            + uid + "', expected '" + i + "'"));
                }
                Duration d = parse(text(iv, "duration", "duration"));
                if (d == null) {
                    summable = false;
                } else {
                    sum = sum.plus(d);
                }
                if ("SIMPLE".equals(name)) {
                    simpleValue(iv, "signalPayload", out);
                }
            }
            if (summable && v.duration() != null && !v.duration().isZero() && !intervals.isEmpty()
                    && !sum.equals(v.duration())) {
                out.add(RuleViolation.must(DURATIONS_SUM, path(sig) + "/intervals", "interval durations sum to "
                        + sum + ", the active period is " + v.duration()));
            }
            if ("SIMPLE".equals(name)) {
                simpleValue(sig, "currentValue", out);
            }
            currentValue(v, sig, name, intervals, expect, out);
        }
        status(v, expect, out);
    }

    private static void simpleValue(Element parent, String holder, List<RuleViolation> out) {
        for (Element val : at(parent, holder).map(h -> descendants(h, "value")).orElse(List.of())) {
            String t = val.getTextContent().trim();
            Double d = number(t);
            if (d == null || d != Math.rint(d) || d < 0 || d > 3) {
                out.add(RuleViolation.must(SIMPLE_RANGE, path(val), "SIMPLE value '" + t + "' is not one of 0,1,2,3"));
            }
        }
    }

    private void currentValue(EventView v, Element sig, String name, List<Element> intervals, Expect expect,
                              List<RuleViolation> out) {
        Optional<Element> cvEl = at(sig, "currentValue", "payloadFloat", "value");
        if (cvEl.isEmpty() || v.status() == null) {
            return;
        }
        Double cv = number(cvEl.get().getTextContent().trim());
        if (cv == null) {
            return;
        }
        boolean simple = "SIMPLE".equals(name);
        if (!v.status().equals("active")) {
            if (cv != 0) {
                String msg = "currentValue " + cv + " while the event is " + v.status() + ", expected 0";
                out.add(simple ? RuleViolation.must(CURRENT_VALUE, path(cvEl.get()), msg)
                        : RuleViolation.should(CURRENT_VALUE, path(cvEl.get()), msg));
            }
            return;
        }
        if (expect.sentAt() == null || v.start() == null) {
            return;
        }
        Instant lo = expect.sentAt().minus(clockSkew);
        Instant hi = expect.receivedAt().plus(clockSkew);
        Instant t = v.start();
        for (Element iv : intervals) {
            Duration d = parse(text(iv, "duration", "duration"));
            if (d == null) {
                return;
            }
            Instant end = t.plus(d);
            if (!t.isAfter(lo) && end.isAfter(hi)) {
                Double expected = number(text(iv, "signalPayload", "payloadFloat", "value"));
                if (expected != null && Double.compare(expected, cv) != 0) {
                    out.add(RuleViolation.should(CURRENT_VALUE, path(cvEl.get()), "currentValue " + cv
                            + " but the interval in progress (uid " + text(iv, "uid", "text") + ") has " + expected));
                }
                return;
            }
            t = end;
        }
    }

    private void status(EventView v, Expect expect, List<RuleViolation> out) {
        if (v.status() == null || v.start() == null || expect.sentAt() == null || v.status().equals("cancelled")) {
            return;
        }
        Instant lo = expect.sentAt().minus(clockSkew);
        Instant hi = expect.receivedAt().plus(clockSkew);
        Instant end = v.duration() == null || v.duration().isZero() ? null : v.start().plus(v.duration());
        String s = v.status();
        String expected = null;
        if (end != null && !end.isAfter(lo)) {
            expected = "completed";
        } else if (!v.start().isAfter(lo) && (end == null || end.isAfter(hi))) {
            expected = "active";
        } else if (!v.start().isBefore(hi)) {
            expected = s.equals("near") ? "near" : "far";
        }
        if (expected != null && !expected.equals(s)) {
            out.add(RuleViolation.must(STATUS_CONSISTENT, path(v.element()) + "/eventDescriptor/eventStatus",
                    "eventStatus '" + s + "' but dtstart " + v.start() + (end == null ? "" : ", end " + end)
                            + " and the exchange at " + expect.receivedAt() + " make it " + expected
                            + (expected.equals("far") ? "/near" : "")));
        }
    }

    private static void ledger(Element m, List<Element> events, OadrLedger ledger, List<RuleViolation> out) {
        for (Element vtn : children(m, "vtnID")) {
            ledger.vtnId(vtn.getTextContent().trim(), path(vtn)).ifPresent(out::add);
        }
        for (Element ev : events) {
            EventView v = EventView.of(ev);
            if (v.eventId() == null || v.modificationNumber() == null) {
                continue;
            }
            ledger.observe(v.eventId(), v.modificationNumber(), OadrDom.content(ev, VOLATILE), v.status(),
                    path(ev) + "/eventDescriptor/modificationNumber").ifPresent(out::add);
        }
    }

    static Duration parse(String d) {
        if (d == null) {
            return null;
        }
        try {
            return OadrValueTypes.parseDuration(d);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Double number(String t) {
        try {
            return t == null ? null : Double.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
