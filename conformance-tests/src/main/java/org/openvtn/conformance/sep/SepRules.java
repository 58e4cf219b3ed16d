package org.openvtn.conformance.sep;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SchemaValidator;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.schemas.XmlStandard;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The named checks every IEEE 2030.5 payload goes through: first the published schema ({@value #XSD}: sep.xsd,
 * or CSIP-AUS 1.3 when the document uses its namespace), then the rules below. Each violation names its rule,
 * the element (a path such as {@code /DERControlList/DERControl[2]/EventStatus}) and what was found.
 *
 * <p>Rules that are not a property of a single document (LFDI vs certificate, content type, subscribable vs
 * SubscriptionListLink) take the extra facts as arguments. Thread-safe.
 */
public final class SepRules {

    /** Schema validation against the published schema (IEEE 2030.5-2018 sep.xsd; CSIP-AUS 1.3). */
    public static final String XSD = "xsd";
    /** Bodies are {@code application/sep+xml} (IEEE 2030.5-2018 §5.4 representations). */
    public static final String CONTENT_TYPE = "sep.contentType";
    /** List {@code all}/{@code results} present and consistent with the items and {@code s}/{@code l} (CORE-004). */
    public static final String LIST_ALL_RESULTS = "sep.list.all-results";
    /** A page holds as many items as asked for and available (SHOULD; servers may cap {@code l}). */
    public static final String LIST_PAGE = "sep.list.page-complete";
    /** Resources in a GET response carry {@code href} (sep.xsd Resource.href: required in a response to a GET). */
    public static final String HREF = "sep.href.present";
    /** List ordering of event lists and program lists (IEEE 2030.5-2018 list ordering rules). */
    public static final String LIST_ORDER = "sep.list.order";
    /** mRIDs are 128-bit (32 hex digits); with a configured PEN, its 32 low bits are the PEN (sep.xsd mRIDType). */
    public static final String MRID = "sep.mRID.format";
    /** EventStatus consistent with time (sep.xsd EventStatus.currentStatus / dateTime). */
    public static final String EVENT_STATUS = "sep.event.status";
    /** The client's own EndDevice carries the certificate's LFDI/SFDI (IEEE 2030.5-2018 §6.3.4). */
    public static final String LFDI = "sep.edev.lfdi-matches-certificate";
    /** Time resource sane against the suite's clock (IEEE 2030.5-2018 §6.3 Time; CSIP CORE-005). */
    public static final String TIME = "sep.time";
    /** Resources advertised as subscribable can be subscribed to (a SubscriptionListLink is offered). */
    public static final String SUBSCRIBABLE = "sep.subscribable";

    private static final List<String> EVENT_LISTS = List.of("DERControlList", "EndDeviceControlList",
            "TextMessageList", "TimeTariffIntervalList");
    private static final List<String> PROGRAM_LISTS = List.of("DERProgramList", "DemandResponseProgramList");
    private static final List<String> NOT_GET_RESOURCES = List.of("Error", "Notification");

    private final SchemaValidator sep;
    private final SchemaValidator csipAus;
    private final Clock clock;
    private final Duration tolerance;
    private final Long pen;
    private final Set<String> clientMrids = ConcurrentHashMap.newKeySet();

    /**
     * @param schemas   the published schemas
     * @param clock     the suite's clock (event status and Time are judged against it)
     * @param tolerance allowed clock difference between suite and target
     * @param pen       IANA Private Enterprise Number the target's mRIDs must end with, or null to skip that part
     */
    public SepRules(PublishedSchemas schemas, Clock clock, Duration tolerance, Long pen) {
        this.sep = new SchemaValidator(schemas.schema(XmlStandard.IEEE_2030_5), XmlLimits.DEFAULT);
        this.csipAus = new SchemaValidator(schemas.schema(XmlStandard.CSIP_AUS_13), XmlLimits.DEFAULT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.pen = pen;
    }

    /** List query parameters of the request a list answered (null: not sent). */
    public record Query(Long s, Long l, Long a) {
        public static final Query NONE = new Query(null, null, null);

        /** From request query parameters; values that are not unsigned numbers count as not sent. */
        public static Query of(Map<String, String> params) {
            return new Query(num(params.get("s")), num(params.get("l")), num(params.get("a")));
        }

        private static Long num(String v) {
            return v != null && v.matches("[0-9]{1,18}") ? Long.valueOf(v) : null;
        }
    }

    /**
     * A checked message.
     *
     * @param document   the parsed document, null when it is not well-formed
     * @param violations every violation found
     */
    public record Checked(Document document, List<RuleViolation> violations) {
        public boolean schemaValid() {
            return document != null && violations.stream().noneMatch(v -> v.rule().equals(XSD));
        }

        public Element root() {
            return document == null ? null : document.getDocumentElement();
        }
    }

    /**
     * Schema validation, then (when valid) every document rule.
     *
     * @param body        the payload
     * @param query       the list query of the request (lists only)
     * @param getResponse true for the body of a response to a GET (href and list attributes are required there)
     */
    public Checked check(String body, Query query, boolean getResponse) {
        List<RuleViolation> out = new ArrayList<>(xsd(body));
        Document doc;
        try {
            doc = SepXml.parse(body);
        } catch (IllegalArgumentException e) {
            return new Checked(null, out);
        }
        if (out.isEmpty()) {
            out.addAll(documentRules(doc.getDocumentElement(), query, getResponse));
        }
        return new Checked(doc, List.copyOf(out));
    }

    /** Validates against sep.xsd, or CSIP-AUS 1.3 when the document uses the CSIP-AUS namespace. */
    public List<RuleViolation> xsd(String body) {
        boolean aus = body.contains(SepXml.CSIP_AUS_NS);
        try {
            (aus ? csipAus : sep).validate(body.getBytes(StandardCharsets.UTF_8));
            return List.of();
        } catch (XmlCodecException e) {
            String where = e.line() > 0 ? "line " + e.line() + ", column " + e.column() : "document";
            return List.of(RuleViolation.must(XSD, where, (aus ? "CSIP-AUS 1.3: " : "sep.xsd: ") + e.getMessage()));
        }
    }

    /** The rules that need only the document (and the request's list query). */
    public List<RuleViolation> documentRules(Element root, Query query, boolean getResponse) {
        List<RuleViolation> out = new ArrayList<>();
        if (getResponse) {
            out.addAll(hrefPresent(root));
        }
        if (isList(root)) {
            out.addAll(listAllResults(root, getResponse ? query : Query.NONE));
            out.addAll(listOrder(root));
        }
        out.addAll(mrids(root));
        out.addAll(eventStatus(root));
        if ("Time".equals(root.getLocalName())) {
            out.addAll(time(root));
        }
        return out;
    }

    /** {@value #HREF}: the resource and each item of a list carry a non-empty href. */
    public List<RuleViolation> hrefPresent(Element root) {
        List<RuleViolation> out = new ArrayList<>();
        if (NOT_GET_RESOURCES.contains(root.getLocalName())) {
            return out;
        }
        if (SepXml.attr(root, "href").filter(h -> !h.isBlank()).isEmpty()) {
            out.add(RuleViolation.must(HREF, SepXml.path(root), "resource returned by GET has no href"));
        }
        if (isList(root)) {
            for (Element item : items(root)) {
                if (SepXml.attr(item, "href").filter(h -> !h.isBlank()).isEmpty()) {
                    out.add(RuleViolation.must(HREF, SepXml.path(item), "list item has no href"));
                }
            }
        }
        return out;
    }

    /** {@value #LIST_ALL_RESULTS} and {@value #LIST_PAGE}. */
    public List<RuleViolation> listAllResults(Element list, Query q) {
        List<RuleViolation> out = new ArrayList<>();
        String p = SepXml.path(list);
        Optional<Long> all = SepXml.attr(list, "all").map(SepRules::parseLong);
        Optional<Long> results = SepXml.attr(list, "results").map(SepRules::parseLong);
        if (all.isEmpty() || all.get() < 0) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p + "/@all", "attribute all missing or not a number"));
        }
        if (results.isEmpty() || results.get() < 0) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p + "/@results", "attribute results missing or not a number"));
        }
        if (!out.isEmpty()) {
            return out;
        }
        long a = all.get();
        long r = results.get();
        int n = items(list).size();
        if (r != n) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p + "/@results", "results=" + r + " but " + n
                    + " items are in the list"));
        }
        if (r > a) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p + "/@results", "results=" + r + " exceeds all=" + a));
        }
        long s = q.s() == null ? 0 : q.s();
        if (q.l() != null && n > q.l()) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p, n + " items returned for l=" + q.l()));
        }
        long available = Math.max(0, a - s);
        if (n > available) {
            out.add(RuleViolation.must(LIST_ALL_RESULTS, p, n + " items returned from s=" + s + " of all=" + a
                    + " (at most " + available + " remain)"));
        } else if (q.l() != null && n < Math.min(q.l(), available)) {
            out.add(RuleViolation.should(LIST_PAGE, p, n + " items returned for s=" + s + ", l=" + q.l()
                    + " although all=" + a + " (expected " + Math.min(q.l(), available) + ")"));
        }
        return out;
    }

    /**
     * {@value #LIST_ORDER}: event lists by interval start ascending, then creationTime descending, then mRID
     * descending; program lists by primacy ascending.
     */
    public List<RuleViolation> listOrder(Element list) {
        List<RuleViolation> out = new ArrayList<>();
        List<Element> items = items(list);
        String name = list.getLocalName();
        for (int i = 1; i < items.size(); i++) {
            Element prev = items.get(i - 1);
            Element cur = items.get(i);
            if (EVENT_LISTS.contains(name)) {
                long s0 = SepXml.number(prev, "interval", "start").orElse(0L);
                long s1 = SepXml.number(cur, "interval", "start").orElse(0L);
                long c0 = SepXml.number(prev, "creationTime").orElse(0L);
                long c1 = SepXml.number(cur, "creationTime").orElse(0L);
                String m0 = SepXml.text(prev, "mRID").orElse("").toUpperCase(Locale.ROOT);
                String m1 = SepXml.text(cur, "mRID").orElse("").toUpperCase(Locale.ROOT);
                boolean ok = s0 < s1 || s0 == s1 && (c0 > c1 || c0 == c1 && compareHex(m0, m1) >= 0);
                if (!ok) {
                    out.add(RuleViolation.must(LIST_ORDER, SepXml.path(cur), "out of order after the previous item:"
                            + " expected interval.start ascending, then creationTime descending, then mRID descending"
                            + " (previous start=" + s0 + " creationTime=" + c0 + ", this start=" + s1
                            + " creationTime=" + c1 + ")"));
                }
            } else if (PROGRAM_LISTS.contains(name)) {
                long p0 = SepXml.number(prev, "primacy").orElse(0L);
                long p1 = SepXml.number(cur, "primacy").orElse(0L);
                if (p1 < p0) {
                    out.add(RuleViolation.must(LIST_ORDER, SepXml.path(cur), "primacy " + p1
                            + " after primacy " + p0 + ": programs are ordered by primacy ascending"));
                }
            }
        }
        return out;
    }

    /**
     * {@value #MRID} on every {@code mRID} element of the document. The PEN part is checked only on mRIDs the
     * server issues: a mirrored resource (MirrorUsagePoint, MirrorMeterReading, their readings), a UsagePoint read
     * back from a mirror (it carries deviceLFDI) and MeterReadings carry the mRID the client gave, with its PEN.
     */
    public List<RuleViolation> mrids(Element root) {
        List<RuleViolation> out = new ArrayList<>();
        var nodes = root.getElementsByTagNameNS("*", "mRID");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element m = (Element) nodes.item(i);
            String v = m.getTextContent().strip();
            if (!v.matches("[0-9A-Fa-f]{32}")) {
                out.add(RuleViolation.must(MRID, SepXml.path(m), "mRID '" + v + "' is not 128 bits (32 hex digits)"));
            } else if (pen != null && !clientAssigned(m) && !clientMrids.contains(v.toUpperCase(Locale.ROOT))
                    && Long.parseLong(v.substring(24), 16) != pen) {
                out.add(RuleViolation.must(MRID, SepXml.path(m), "mRID '" + v + "' does not end with the PEN "
                        + pen + " (0x" + String.format("%08X", pen) + ") in its 32 least-significant bits"));
            }
        }
        return out;
    }

    /**
     * Registers an mRID the suite itself assigned as a client (e.g. a MirrorUsagePoint's, which the server serves
     * again as its UsagePoint's): {@value #MRID} exempts it from the PEN part wherever it appears.
     */
    public void clientAssigned(String mrid) {
        clientMrids.add(mrid.toUpperCase(Locale.ROOT));
    }

    private static boolean clientAssigned(Element mrid) {
        // A UsagePoint read back from a mirror (sep.xsd: deviceLFDI "SHALL be present when mirroring") and its
        // MeterReadings repeat the mRIDs the mirror was created with, possibly by an earlier client session the
        // suite never saw. Server-native MeterReadings are therefore not PEN-checked either.
        // A FlowReservationRequest is created by the client (IEEE 2030.5-2018 §10.9): its mRID carries the device
        // maker's PEN, not the server's.
        if (mrid.getParentNode() instanceof Element parent
                && ("MeterReading".equals(parent.getLocalName()) || "FlowReservationRequest".equals(parent.getLocalName())
                || "UsagePoint".equals(parent.getLocalName())
                && parent.getElementsByTagNameNS("*", "deviceLFDI").getLength() > 0)) {
            return true;
        }
        for (org.w3c.dom.Node n = mrid.getParentNode(); n instanceof Element e; n = e.getParentNode()) {
            if (e.getLocalName() != null && e.getLocalName().startsWith("Mirror")) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@value #EVENT_STATUS} on every element with an {@code EventStatus} and an {@code interval}: never Scheduled
     * at or after start; Active only between start and end; status dateTime not in the future.
     */
    public List<RuleViolation> eventStatus(Element root) {
        List<RuleViolation> out = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        long tol = tolerance.toSeconds();
        var nodes = root.getElementsByTagNameNS("*", "EventStatus");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element status = (Element) nodes.item(i);
            if (!(status.getParentNode() instanceof Element event)) {
                continue;
            }
            Optional<Long> start = SepXml.number(event, "interval", "start");
            Optional<Long> duration = SepXml.number(event, "interval", "duration");
            Optional<Long> current = SepXml.number(status, "currentStatus");
            if (start.isEmpty() || duration.isEmpty() || current.isEmpty()) {
                continue;
            }
            long end = start.get() + duration.get();
            String p = SepXml.path(status) + "/currentStatus";
            if (current.get() == 0 && now >= start.get() + tol) {
                out.add(RuleViolation.must(EVENT_STATUS, p, "Scheduled (0) although the event started at "
                        + Instant.ofEpochSecond(start.get()) + " (now " + Instant.ofEpochSecond(now) + ")"));
            }
            if (current.get() == 1 && (now + tol < start.get() || now > end + tol)) {
                out.add(RuleViolation.must(EVENT_STATUS, p, "Active (1) outside the event's interval "
                        + Instant.ofEpochSecond(start.get()) + " .. " + Instant.ofEpochSecond(end) + " (now "
                        + Instant.ofEpochSecond(now) + ")"));
            }
            SepXml.number(status, "dateTime").filter(t -> t > now + tol).ifPresent(t -> out.add(RuleViolation.must(
                    EVENT_STATUS, SepXml.path(status) + "/dateTime", "status dateTime " + Instant.ofEpochSecond(t)
                            + " is in the future (now " + Instant.ofEpochSecond(now) + ")")));
        }
        return out;
    }

    /** {@value #TIME}: currentTime near the suite's clock, quality 3..7, localTime consistent with the offsets. */
    public List<RuleViolation> time(Element time) {
        List<RuleViolation> out = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        String p = SepXml.path(time);
        Optional<Long> current = SepXml.number(time, "currentTime");
        if (current.isEmpty()) {
            return List.of(RuleViolation.must(TIME, p + "/currentTime", "missing"));
        }
        long cur = current.get();
        if (Math.abs(cur - now) > tolerance.toSeconds()) {
            out.add(RuleViolation.must(TIME, p + "/currentTime", "currentTime " + Instant.ofEpochSecond(cur)
                    + " differs from the suite's clock " + Instant.ofEpochSecond(now) + " by more than "
                    + tolerance.toSeconds() + " s"));
        }
        SepXml.number(time, "quality").filter(q -> q < 3 || q > 7).ifPresent(q -> out.add(RuleViolation.must(TIME,
                p + "/quality", "quality " + q + " is not one of the defined values 3..7")));
        long tz = SepXml.number(time, "tzOffset").orElse(0L);
        long dst = SepXml.number(time, "dstOffset").orElse(0L);
        long dstStart = SepXml.number(time, "dstStartTime").orElse(0L);
        long dstEnd = SepXml.number(time, "dstEndTime").orElse(0L);
        if (Math.abs(tz) > 14 * 3600) {
            out.add(RuleViolation.must(TIME, p + "/tzOffset", "tzOffset " + tz + " s is beyond ±14 h"));
        }
        Optional<Long> local = SepXml.number(time, "localTime");
        if (local.isPresent()) {
            boolean inDst = dstStart <= dstEnd ? cur >= dstStart && cur < dstEnd : cur >= dstStart || cur < dstEnd;
            if (dstStart == dstEnd) {
                inDst = false;
            }
            long expected = cur + tz + (inDst ? dst : 0);
            if (Math.abs(local.get() - expected) > 1) {
                out.add(RuleViolation.must(TIME, p + "/localTime", "localTime " + local.get() + " but currentTime + tzOffset"
                        + (inDst ? " + dstOffset" : "") + " = " + expected));
            }
        }
        return out;
    }

    /** {@value #LFDI}: the EndDevice's lFDI and sFDI, where present, are the client certificate's. */
    public List<RuleViolation> endDeviceIdentity(Element endDevice, String lfdi, long sfdi) {
        List<RuleViolation> out = new ArrayList<>();
        String p = SepXml.path(endDevice);
        SepXml.text(endDevice, "lFDI").filter(v -> !v.equalsIgnoreCase(lfdi)).ifPresent(v -> out.add(
                RuleViolation.must(LFDI, p + "/lFDI", "lFDI " + v + " but the client certificate's LFDI is " + lfdi)));
        SepXml.number(endDevice, "sFDI").filter(v -> v != sfdi).ifPresent(v -> out.add(
                RuleViolation.must(LFDI, p + "/sFDI", "sFDI " + v + " but the client certificate's SFDI is " + sfdi)));
        return out;
    }

    /** {@value #CONTENT_TYPE}: a body comes with {@code application/sep+xml}. */
    public static List<RuleViolation> contentType(String header, boolean hasBody) {
        if (!hasBody) {
            return List.of();
        }
        String ct = header == null ? "" : header.toLowerCase(Locale.ROOT).strip();
        if (!ct.startsWith("application/sep+xml")) {
            return List.of(RuleViolation.must(CONTENT_TYPE, "Content-Type", "body sent with Content-Type '"
                    + (header == null ? "(none)" : header) + "', expected application/sep+xml"));
        }
        return List.of();
    }

    /**
     * {@value #SUBSCRIBABLE}: a resource that advertises {@code subscribable} &gt; 0 is only meaningful when the
     * client is offered a SubscriptionListLink to subscribe with.
     */
    public static List<RuleViolation> subscribable(Element root, boolean subscriptionListOffered) {
        List<RuleViolation> out = new ArrayList<>();
        if (subscriptionListOffered) {
            return out;
        }
        List<Element> all = new ArrayList<>();
        all.add(root);
        if (isList(root)) {
            all.addAll(items(root));
        }
        for (Element e : all) {
            SepXml.attr(e, "subscribable").filter(v -> !v.equals("0")).ifPresent(v -> out.add(RuleViolation.must(
                    SUBSCRIBABLE, SepXml.path(e) + "/@subscribable", "subscribable=" + v
                            + " but the client's EndDevice offers no SubscriptionListLink")));
        }
        return out;
    }

    /** True when the element is a 2030.5 List (has {@code all} or {@code results}, name ends with List). */
    public static boolean isList(Element e) {
        return e.getLocalName() != null && e.getLocalName().endsWith("List")
                && (e.hasAttribute("all") || e.hasAttribute("results"));
    }

    /** The items of a list: children named like the list without the {@code List} suffix. */
    public static List<Element> items(Element list) {
        String name = list.getLocalName();
        return SepXml.children(list, name.substring(0, name.length() - "List".length()));
    }

    private static int compareHex(String a, String b) {
        if (a.length() != b.length()) {
            return Integer.compare(a.length(), b.length());
        }
        return a.compareTo(b);
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1L;
        }
    }
}
