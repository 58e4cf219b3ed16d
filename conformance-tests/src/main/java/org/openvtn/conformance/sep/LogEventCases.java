package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Alarms and events the device reports (IEEE 2030.5-2018 Log Event function set: LogEventList under the EndDevice,
 * POSTed by the client; CSIP BASIC-027 alarms).
 */
final class LogEventCases {

    /** The POST is accepted (201 + Location) and the LogEvent is listed and readable. */
    static final String LOGGED = "sep.logEvent.stored";

    private LogEventCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("BASIC-027"), "A LogEvent (alarm) POSTed to the EndDevice's LogEventList"
                        + " is created (201 + Location), listed (all grows by one) and reads back as posted",
                "IEEE 2030.5-2018 Log Event function set; CSIP BASIC-027", Set.of(), LogEventCases::basic027));
    }

    static String logEventXml(long created, long id) {
        // functionSet 0 (general), logEventCode 3, profileID 2 (2030.5); PEN: the documentation placeholder 32473.
        return "<LogEvent xmlns=\"" + SepXml.NS + "\"><createdDateTime>" + created + "</createdDateTime><details>"
                + "conformance alarm " + id + "</details><extendedData>" + id + "</extendedData><functionSet>0"
                + "</functionSet><logEventCode>3</logEventCode><logEventID>" + id + "</logEventID><logEventPEN>32473"
                + "</logEventPEN><profileID>2</profileID></LogEvent>";
    }

    private static void basic027(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String list = c.link(c.endDevice(), "LogEventListLink");
        Element before = c.expect(c.get("GET LogEventList before", list, Map.of("l", "1")), 200, "LogEventList");
        long allBefore = SepXml.attr(before, "all").map(Long::parseLong).orElse(0L);
        long now = s.clock().instant().getEpochSecond();
        long id = 1 + now % 65000;
        String xml = logEventXml(now, id);
        SepReply r = c.post("POST LogEvent", list, xml);
        SepCases.check(ctx, r.status() == 201, LOGGED, "POST " + list, "expected 201, got " + r.describe());
        String location = r.header("Location").orElseThrow(() -> ctx.fail(LOGGED, "POST " + list,
                "201 without a Location header"));
        Element got = c.resource("GET LogEvent", location, "LogEvent");
        SepCases.check(ctx, SepXml.attr(got, "href").map(h -> s.resolve(h).equals(s.resolve(location))).orElse(false),
                LOGGED, SepXml.path(got) + "/@href", "href " + SepXml.attr(got, "href").orElse("(none)")
                        + " but the Location was " + location);
        Element sent = SepXml.parse(xml).getDocumentElement();
        for (String d : DerCases.differences(sent, got)) {
            SepCases.check(ctx, false, LOGGED, d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1));
        }
        Element after = c.expect(c.get("GET LogEventList after", list, Map.of("l", "1")), 200, "LogEventList");
        long allAfter = SepXml.attr(after, "all").map(Long::parseLong).orElse(0L);
        SepCases.check(ctx, allAfter == allBefore + 1, LOGGED, SepXml.path(after) + "/@all", "all=" + allAfter
                + " after one POST, was " + allBefore);
        List<Element> items = c.items("GET LogEventList", list, "LogEventList");
        long listed = items.stream().filter(e -> SepXml.attr(e, "href").map(h -> s.resolve(h).equals(
                s.resolve(location))).orElse(false)).count();
        SepCases.check(ctx, listed == 1, LOGGED, "LogEventList", "the posted LogEvent " + location + " is listed "
                + listed + " times");
        items.stream().filter(e -> SepXml.attr(e, "href").map(h -> s.resolve(h).equals(s.resolve(location)))
                .orElse(false)).findFirst().ifPresent(e -> DerCases.differences(sent, e).forEach(d -> SepCases.check(
                ctx, false, LOGGED, d.substring(0, d.indexOf(' ')), "listed: " + d.substring(d.indexOf(' ') + 1))));
    }
}
