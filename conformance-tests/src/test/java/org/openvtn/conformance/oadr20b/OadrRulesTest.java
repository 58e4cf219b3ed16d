package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;

/**
 * Each named rule of {@link OadrRules} with a passing message (a shared valid vector) and a failing variant of
 * it; the failing variant must be reported under that rule's name with the offending element's path.
 */
class OadrRulesTest {

    private static final OadrCodec CODEC = OadrCodec.create(new PublishedSchemas());
    private static final OadrRules RULES = new OadrRules(CODEC, Duration.ofSeconds(30));
    /** Before dtstart 2015-06-26T18:00Z of the EPRI distribution: status far is right. */
    private static final OadrRules.Expect BEFORE = new OadrRules.Expect(null, null,
            Instant.parse("2015-06-26T17:53:00Z"), Instant.parse("2015-06-26T17:53:01Z"));

    private static String vector(String name) throws Exception {
        Path dir = Path.of(System.getProperty("openvtn.vectors", "../../shared/vectors")).resolve("openadr-2.0b/valid");
        return Files.readString(dir.resolve(name));
    }

    private static String distribution() throws Exception {
        return vector("epri-venlib__oadrtest_oadrtest_test_input_payload_distribute_event_active.xml");
    }

    private static String registration() throws Exception {
        return vector("openleadr-docs__oadrCreatedPartyRegistration.xml").replace("</oadr:oadrProfiles>",
                "</oadr:oadrProfiles><oadr:oadrRequestedOadrPollFreq><duration xmlns=\"urn:ietf:params:xml:ns:"
                        + "icalendar-2.0\">PT10S</duration></oadr:oadrRequestedOadrPollFreq>");
    }

    private static List<RuleViolation> check(String doc, OadrRules.Expect expect, OadrLedger ledger) {
        return RULES.checkReceived(doc.getBytes(StandardCharsets.UTF_8), expect, ledger);
    }

    private static List<RuleViolation> check(String doc) {
        return check(doc, BEFORE, new OadrLedger());
    }

    private static RuleViolation only(List<RuleViolation> v, String rule) {
        List<RuleViolation> named = v.stream().filter(x -> x.rule().equals(rule)).toList();
        assertEquals(1, named.size(), () -> "expected exactly one " + rule + " violation, got " + v);
        return named.get(0);
    }

    @Test
    void validVectorsPassEveryRule() throws Exception {
        assertEquals(List.of(), check(distribution()));
        assertEquals(List.of(), check(registration(), new OadrRules.Expect("14ab2770-c92a-4d11-b00f-129768d0964d",
                "123ABC", null, null), new OadrLedger()));
        assertEquals(List.of(), check(vector("openleadr-docs__oadrCreateReport.xml")));
    }

    @Test
    void xsdNamesTheElement() throws Exception {
        RuleViolation v = only(check(distribution().replace("<d3p1:vtnID>EPRI_VTN</d3p1:vtnID>", "")), OadrRules.XSD);
        assertTrue(v.element().startsWith("/oadrPayload/oadrSignedObject/oadrDistributeEvent"), v::toString);
        assertEquals(Requirement.MUST, v.level());
    }

    @Test
    void schemaVersion() throws Exception {
        RuleViolation v = only(check(distribution().replace("d3p1:schemaVersion=\"2.0b\"", "d3p1:schemaVersion=\"2.0a\"")),
                OadrRules.SCHEMA_VERSION);
        assertEquals("/oadrPayload/oadrSignedObject/oadrDistributeEvent", v.element());
    }

    @Test
    void requestAndVenIdEchoes() throws Exception {
        List<RuleViolation> v = check(registration(), new OadrRules.Expect("another-request", "another-ven", null, null),
                new OadrLedger());
        assertTrue(only(v, OadrRules.REQUEST_ID_ECHO).element().endsWith("/eiResponse/requestID"));
        assertTrue(only(v, OadrRules.VEN_ID_ECHO).element().endsWith("/oadrCreatedPartyRegistration/venID"));
    }

    @Test
    void vtnIdConsistentOverARun() throws Exception {
        OadrLedger ledger = new OadrLedger();
        assertEquals(List.of(), check(distribution(), BEFORE, ledger));
        RuleViolation v = only(check(distribution().replace("EPRI_VTN", "OTHER_VTN"), BEFORE, ledger),
                OadrRules.VTN_ID_CONSISTENT);
        assertTrue(v.element().endsWith("/vtnID"));
    }

    @Test
    void modificationNumberNeverStaysOnAChangeNorDecreases() throws Exception {
        OadrLedger ledger = new OadrLedger();
        String v0 = distribution();
        assertEquals(List.of(), check(v0, BEFORE, ledger));
        assertEquals(List.of(), check(v0, BEFORE, ledger), "same content, same number");
        String changed = v0.replace("<d3p1:value>0.5</d3p1:value>", "<d3p1:value>0.75</d3p1:value>");
        RuleViolation stuck = only(check(changed, BEFORE, ledger), OadrRules.MOD_INCREMENTS);
        assertTrue(stuck.element().endsWith("eventDescriptor/modificationNumber"), stuck::toString);
        String bumped = changed.replace("<d3p1:modificationNumber>0<", "<d3p1:modificationNumber>3<");
        assertEquals(List.of(), check(bumped, BEFORE, ledger), "a pull VEN may miss intermediate versions");
        only(check(changed, BEFORE, ledger), OadrRules.MOD_INCREMENTS);
        String cancelled = bumped.replace(">far<", ">cancelled<");
        only(check(cancelled, BEFORE, ledger), OadrRules.MOD_INCREMENTS);
    }

    @Test
    void intervalUids() throws Exception {
        RuleViolation v = only(check(distribution().replace("<text>0</text>", "<text>1</text>")), OadrRules.INTERVAL_UIDS);
        assertTrue(v.element().endsWith("/interval/uid"), v::toString);
    }

    @Test
    void durationsSum() throws Exception {
        RuleViolation v = only(check(distribution().replaceFirst("<duration>PT120M</duration>",
                "<duration>PT60M</duration>")), OadrRules.DURATIONS_SUM);
        assertTrue(v.element().endsWith("/intervals"), v::toString);
    }

    private static String simple(String value, String current) throws Exception {
        return distribution().replace("ENERGY_PRICE", "SIMPLE").replace(">price<", ">level<")
                .replace("<d3p1:value>0.5</d3p1:value>", "<d3p1:value>" + value + "</d3p1:value>")
                .replace("<d3p1:value>0</d3p1:value>", "<d3p1:value>" + current + "</d3p1:value>");
    }

    @Test
    void simpleRange() throws Exception {
        assertEquals(List.of(), check(simple("2", "0")));
        RuleViolation v = only(check(simple("0.5", "0")), OadrRules.SIMPLE_RANGE);
        assertTrue(v.element().endsWith("/signalPayload/payloadFloat/value"), v::toString);
        only(check(simple("4", "0")), OadrRules.SIMPLE_RANGE);
    }

    @Test
    void currentValueZeroWhileInactive() throws Exception {
        RuleViolation v = only(check(simple("2", "2")), OadrRules.CURRENT_VALUE);
        assertEquals(Requirement.MUST, v.level());
        assertTrue(v.element().endsWith("/currentValue/payloadFloat/value"), v::toString);
    }

    @Test
    void eventStatusAgreesWithTime() throws Exception {
        OadrRules.Expect during = new OadrRules.Expect(null, null, Instant.parse("2015-06-26T18:30:00Z"),
                Instant.parse("2015-06-26T18:30:01Z"));
        RuleViolation v = only(check(distribution(), during, new OadrLedger()), OadrRules.STATUS_CONSISTENT);
        assertTrue(v.element().endsWith("/eventDescriptor/eventStatus"), v::toString);
        assertEquals(List.of(), check(distribution().replace(">far<", ">active<"), during, new OadrLedger())
                .stream().filter(x -> x.rule().equals(OadrRules.STATUS_CONSISTENT)).toList());
    }

    @Test
    void dateTimesInUtc() throws Exception {
        RuleViolation v = only(check(distribution().replace("2015-06-26T18:00:00Z", "2015-06-26T20:00:00+02:00")),
                OadrRules.DATE_TIME_UTC);
        assertTrue(v.element().endsWith("/dtstart/date-time"), v::toString);
    }

    @Test
    void responseCodes() throws Exception {
        RuleViolation bad = only(check(distribution().replace("<d3p1:responseCode>200<", "<d3p1:responseCode>OK<")),
                OadrRules.RESPONSE_CODE);
        assertEquals(Requirement.MUST, bad.level());
        RuleViolation unknown = only(check(distribution().replace("<d3p1:responseCode>200<",
                "<d3p1:responseCode>499<")), OadrRules.RESPONSE_CODE);
        assertEquals(Requirement.SHOULD, unknown.level());
    }

    @Test
    void registrationPollFreqAndProfiles() throws Exception {
        RuleViolation v = only(check(vector("openleadr-docs__oadrCreatedPartyRegistration.xml")), OadrRules.POLL_FREQ);
        assertEquals(Requirement.SHOULD, v.level());
        only(check(registration().replace(">2.0b</oadr:oadrProfileName>", ">2.0a</oadr:oadrProfileName>")),
                OadrRules.PROFILES);
    }

    @Test
    void eventIdsUnique() throws Exception {
        String d = distribution();
        int from = d.indexOf("<oadrEvent>");
        int to = d.indexOf("</oadrEvent>") + "</oadrEvent>".length();
        RuleViolation v = only(check(d.substring(0, to) + d.substring(from, to) + d.substring(to)),
                OadrRules.EVENT_ID_UNIQUE);
        assertTrue(v.element().contains("oadrEvent[2]"), v::toString);
    }

    @Test
    void reportRequestDurations() throws Exception {
        String doc = vector("openleadr-docs__oadrCreateReport.xml").replaceFirst("<xcal:duration>PT15M</xcal:duration>",
                "<xcal:duration>fifteen minutes</xcal:duration>");
        assertTrue(check(doc).stream().anyMatch(x -> x.rule().equals(OadrRules.REPORT_REQUEST)
                && x.element().endsWith("reportSpecifier/granularity")), () -> check(doc).toString());
    }

    @Test
    void sentMessagesAreCheckedToo() throws Exception {
        assertEquals(List.of(), RULES.checkSent(CODEC.encodePayload(OadrMessages.poll("ven-1"))));
        String bad = new String(CODEC.encodePayload(OadrMessages.poll("ven-1")), StandardCharsets.UTF_8)
                .replace("schemaVersion=\"2.0b\"", "schemaVersion=\"2.0\"");
        only(RULES.checkSent(bad.getBytes(StandardCharsets.UTF_8)), OadrRules.SCHEMA_VERSION);
    }
}
