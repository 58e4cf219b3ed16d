package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.schemas.PublishedSchemas;
import org.w3c.dom.Element;

/**
 * Each named rule of {@link SepRules} with passing and failing inputs; passing inputs are peer vectors from
 * {@code ../shared/vectors/ieee-2030.5/valid} where one fits (system property {@code openvtn.vectors}).
 */
class SepRulesTest {

    private static final PublishedSchemas SCHEMAS = new PublishedSchemas();
    /**
     * Ten seconds before the end of the DERControlList vector's interval (IEEE 2030.5 Table C.11 example): the
     * example's status dateTime is the interval's end, so only near the end is it both Active and not future-dated.
     */
    private static final Instant IN_VECTOR_EVENT = Instant.ofEpochSecond(1341532790L);
    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\"";

    private static SepRules rules(Instant now) {
        return new SepRules(SCHEMAS, Clock.fixed(now, ZoneOffset.UTC), Duration.ofSeconds(30), null);
    }

    private static String vector(String name) throws IOException {
        Path dir = Path.of(System.getProperty("openvtn.vectors", "../shared/vectors"), "ieee-2030.5", "valid");
        return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
    }

    private static List<String> names(List<RuleViolation> v) {
        return v.stream().map(RuleViolation::rule).distinct().toList();
    }

    private static Element root(String xml) {
        return SepXml.parse(xml).getDocumentElement();
    }

    /** Schema validation ("xsd"): a peer vector passes, a DERControl without its EventStatus fails with a line. */
    @Test
    void xsd() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        assertEquals(List.of(), r.xsd(vector("sep2_common_DC_16_04_11.xml")));
        List<RuleViolation> bad = r.xsd("<DERControl " + NS + " href=\"/d\"><mRID>" + "A".repeat(32)
                + "</mRID><creationTime>1</creationTime><interval><duration>60</duration><start>1</start></interval>"
                + "<DERControlBase/></DERControl>");
        assertEquals(List.of(SepRules.XSD), names(bad));
        assertTrue(bad.get(0).element().startsWith("line 1"), bad.toString());
        assertTrue(bad.get(0).message().contains("cvc-"), bad.toString());
    }

    /** CSIP CORE-004 list attributes: vector passes with its s/l; wrong results, too many items, l exceeded fail. */
    @Test
    void listAllResults() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        String edl = vector("sep2_common_EDL_16_02_08.xml");
        assertEquals(List.of(), r.listAllResults(root(edl), SepRules.Query.NONE));
        assertEquals(List.of(), r.listAllResults(root(vector("envoy_does_dercontrollist.xml")),
                new SepRules.Query(0L, 1L, null)));

        List<RuleViolation> wrong = r.listAllResults(root(edl.replace("results=\"1\"", "results=\"2\"")),
                SepRules.Query.NONE);
        assertEquals(List.of(SepRules.LIST_ALL_RESULTS), names(wrong));
        assertEquals("/EndDeviceList/@results", wrong.get(0).element());

        List<RuleViolation> pastEnd = r.listAllResults(root(edl), new SepRules.Query(1L, 5L, null));
        assertEquals(List.of(SepRules.LIST_ALL_RESULTS), names(pastEnd), pastEnd.toString());

        List<RuleViolation> tooMany = r.listAllResults(root(vector("envoy_end_device_resource_functionsetassignmentslist"
                + ".xml")), new SepRules.Query(0L, 1L, null));
        assertEquals(List.of(SepRules.LIST_ALL_RESULTS), names(tooMany), tooMany.toString());

        List<RuleViolation> shortPage = r.listAllResults(root(vector("envoy_does_dercontrollist.xml")),
                new SepRules.Query(0L, 2L, null));
        assertEquals(List.of(SepRules.LIST_PAGE), names(shortPage));
        assertEquals(Requirement.SHOULD, shortPage.get(0).level());

        List<RuleViolation> missing = r.listAllResults(root("<EndDeviceList " + NS + " all=\"1\"/>"), SepRules.Query.NONE);
        assertEquals("/EndDeviceList/@results", missing.get(0).element());
    }

    /** href on a GET response and on every list item. */
    @Test
    void hrefPresent() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        String edl = vector("sep2_common_EDL_16_02_08.xml");
        assertEquals(List.of(), r.hrefPresent(root(edl)));
        List<RuleViolation> v = r.hrefPresent(root(edl.replace("<EndDevice href=\"/edev/3\"", "<EndDevice")));
        assertEquals(List.of(SepRules.HREF), names(v));
        assertEquals("/EndDeviceList/EndDevice", v.get(0).element());
        assertEquals(List.of(SepRules.HREF), names(r.hrefPresent(root("<Time " + NS + "/>"))));
        assertEquals(List.of(), r.hrefPresent(root("<Error " + NS + "><reasonCode>0</reasonCode></Error>")));
    }

    private static String derc(String mrid, long creation, long start) {
        return "<DERControl href=\"/d/" + mrid + "\"><mRID>" + mrid + "</mRID><creationTime>" + creation
                + "</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>" + creation + "</dateTime>"
                + "<potentiallySuperseded>false</potentiallySuperseded></EventStatus><interval><duration>60</duration>"
                + "<start>" + start + "</start></interval><DERControlBase/></DERControl>";
    }

    /** Event lists: start ascending, then creationTime descending; program lists by primacy. */
    @Test
    void listOrder() {
        SepRules r = rules(Instant.ofEpochSecond(100));
        String a = "A".repeat(32);
        String b = "B".repeat(32);
        String ok = "<DERControlList " + NS + " href=\"/l\" all=\"3\" results=\"3\">" + derc(a, 50, 1000)
                + derc(b, 60, 2000) + derc(a, 10, 2000) + "</DERControlList>";
        assertEquals(List.of(), r.listOrder(root(ok)));
        String bad = "<DERControlList " + NS + " href=\"/l\" all=\"2\" results=\"2\">" + derc(a, 10, 2000)
                + derc(b, 60, 2000) + "</DERControlList>";
        List<RuleViolation> v = r.listOrder(root(bad));
        assertEquals(List.of(SepRules.LIST_ORDER), names(v));
        assertEquals("/DERControlList/DERControl[2]", v.get(0).element());
        String later = "<DERControlList " + NS + " href=\"/l\" all=\"2\" results=\"2\">" + derc(a, 10, 3000)
                + derc(b, 60, 2000) + "</DERControlList>";
        assertEquals(1, r.listOrder(root(later)).size());
        String programs = "<DERProgramList " + NS + " href=\"/p\" all=\"2\" results=\"2\"><DERProgram><primacy>2"
                + "</primacy></DERProgram><DERProgram><primacy>1</primacy></DERProgram></DERProgramList>";
        assertEquals(List.of(SepRules.LIST_ORDER), names(r.listOrder(root(programs))));
    }

    /** mRIDs are 128-bit; with a PEN configured, they end with it. */
    @Test
    void mridFormat() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        List<RuleViolation> shortMrid = r.mrids(root(vector("envoy_does_dercontrollist.xml")));
        assertEquals(List.of(SepRules.MRID), names(shortMrid));
        assertEquals("/DERControlList/DERControl/mRID", shortMrid.get(0).element());
        String good = "<FunctionSetAssignments " + NS + "><mRID>0123456789abcdef0123456789ABCDEF</mRID>"
                + "</FunctionSetAssignments>";
        assertEquals(List.of(), r.mrids(root(good)));
        SepRules withPen = new SepRules(SCHEMAS, Clock.systemUTC(), Duration.ofSeconds(30), 0x89ABCDEFL);
        assertEquals(List.of(), withPen.mrids(root(good)));
        SepRules otherPen = new SepRules(SCHEMAS, Clock.systemUTC(), Duration.ofSeconds(30), 40732L);
        assertEquals(List.of(SepRules.MRID), names(otherPen.mrids(root(good))));
        String mirrored = "<MirrorUsagePointList " + NS + " all=\"1\" results=\"1\"><MirrorUsagePoint>"
                + "<mRID>0123456789abcdef0123456789ABCDEF</mRID></MirrorUsagePoint></MirrorUsagePointList>";
        assertEquals(List.of(), otherPen.mrids(root(mirrored)), "a mirror's mRID is the client's (its own PEN)");
        String shortMirrored = mirrored.replace("0123456789abcdef0123456789ABCDEF", "0123");
        assertEquals(List.of(SepRules.MRID), names(otherPen.mrids(root(shortMirrored))), "but still 128 bits");
        String readBack = "<UsagePoint " + NS + "><mRID>0123456789abcdef0123456789ABCDEF</mRID></UsagePoint>";
        assertEquals(List.of(SepRules.MRID), names(otherPen.mrids(root(readBack))), "a UsagePoint may be the server's");
        otherPen.clientAssigned("0123456789ABCDEF0123456789abcdef");
        assertEquals(List.of(), otherPen.mrids(root(readBack)), "unless the suite assigned that mRID itself");
        String mirrorReadBack = "<UsagePoint " + NS + "><mRID>00000000000000000000000000000001</mRID>"
                + "<roleFlags>49</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status>"
                + "<deviceLFDI>3E4F45AB31EDFE5B67E343E5E4562E31984E23E5</deviceLFDI></UsagePoint>";
        assertEquals(List.of(), otherPen.mrids(root(mirrorReadBack)),
                "a mirror's read-back (deviceLFDI present) keeps the mRID an earlier client session gave it");
    }

    /** EventStatus against the clock: the vector's Active control is fine inside its interval, wrong after it. */
    @Test
    void eventStatus() throws IOException {
        String list = vector("envoy_does_dercontrollist.xml");
        assertEquals(List.of(), rules(IN_VECTOR_EVENT).eventStatus(root(list)));
        List<RuleViolation> late = rules(Instant.ofEpochSecond(1341446400L + 86400 + 3600)).eventStatus(root(list));
        assertEquals(List.of(SepRules.EVENT_STATUS), names(late));
        assertEquals("/DERControlList/DERControl/EventStatus/currentStatus", late.get(0).element());

        String scheduled = "<DERControlList " + NS + " href=\"/l\" all=\"1\" results=\"1\">"
                + derc("A".repeat(32), 10, 1000) + "</DERControlList>";
        assertEquals(List.of(), rules(Instant.ofEpochSecond(900)).eventStatus(root(scheduled)));
        List<RuleViolation> afterStart = rules(Instant.ofEpochSecond(1040)).eventStatus(root(scheduled));
        assertEquals(List.of(SepRules.EVENT_STATUS), names(afterStart));
        assertTrue(afterStart.get(0).message().startsWith("Scheduled"), afterStart.toString());
        String futureDated = "<DERControlList " + NS + " href=\"/l\" all=\"1\" results=\"1\">"
                + derc("A".repeat(32), 500, 1000) + "</DERControlList>";
        List<RuleViolation> futureDate = rules(Instant.ofEpochSecond(100)).eventStatus(root(futureDated));
        assertEquals(1, futureDate.size(), futureDate.toString());
        assertEquals("/DERControlList/DERControl/EventStatus/dateTime", futureDate.get(0).element());
    }

    private static String time(long current, long local, int quality) {
        return "<Time " + NS + " href=\"/tm\"><currentTime>" + current + "</currentTime><dstEndTime>0</dstEndTime>"
                + "<dstOffset>3600</dstOffset><dstStartTime>0</dstStartTime><localTime>" + local + "</localTime>"
                + "<quality>" + quality + "</quality><tzOffset>36000</tzOffset></Time>";
    }

    /** Time: near the clock, quality 3..7, localTime = currentTime + tzOffset (no DST window). */
    @Test
    void timeResource() {
        SepRules r = rules(Instant.ofEpochSecond(1_800_000_000L));
        assertEquals(List.of(), r.time(root(time(1_800_000_010L, 1_800_036_010L, 4))));
        List<RuleViolation> skew = r.time(root(time(1_800_000_100L, 1_800_036_100L, 4)));
        assertEquals("/Time/currentTime", skew.get(0).element());
        assertEquals("/Time/quality", r.time(root(time(1_800_000_000L, 1_800_036_000L, 9))).get(0).element());
        assertEquals("/Time/localTime", r.time(root(time(1_800_000_000L, 1_800_000_000L, 4))).get(0).element());
    }

    /** The own EndDevice carries the certificate's SFDI/LFDI. */
    @Test
    void lfdiMatchesCertificate() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        Element ed = root(vector("sep2_common_ED_16_01_08.xml"));
        assertEquals(List.of(), r.endDeviceIdentity(ed, "0".repeat(40), 987654321005L));
        List<RuleViolation> v = r.endDeviceIdentity(ed, "0".repeat(40), 111111111112L);
        assertEquals(List.of(SepRules.LFDI), names(v));
        assertEquals("/EndDevice/sFDI", v.get(0).element());
        Element withLfdi = root("<EndDevice " + NS + "><lFDI>" + "ab".repeat(20) + "</lFDI><sFDI>1</sFDI></EndDevice>");
        assertEquals(List.of(), r.endDeviceIdentity(withLfdi, "AB".repeat(20), 1));
        assertEquals("/EndDevice/lFDI", r.endDeviceIdentity(withLfdi, "CD".repeat(20), 1).get(0).element());
    }

    /** Content type and subscribable. */
    @Test
    void contentTypeAndSubscribable() throws IOException {
        assertEquals(List.of(), SepRules.contentType("application/sep+xml; level=-S1", true));
        assertEquals(List.of(SepRules.CONTENT_TYPE), names(SepRules.contentType("application/xml", true)));
        assertEquals(List.of(), SepRules.contentType(null, false));
        Element list = root(vector("envoy_does_dercontrollist.xml"));
        assertEquals(List.of(), SepRules.subscribable(list, true));
        assertEquals(List.of(SepRules.SUBSCRIBABLE), names(SepRules.subscribable(list, false)));
        assertEquals(List.of(), SepRules.subscribable(root(vector("sep2_common_EDL_16_02_08.xml")), false));
    }

    /** check(): schema first; an invalid document gets only the xsd violation; query parsing ignores junk. */
    @Test
    void checkCombines() throws IOException {
        SepRules r = rules(IN_VECTOR_EVENT);
        SepRules.Checked ok = r.check(vector("sep2_common_EDL_16_02_08.xml"), SepRules.Query.NONE, true);
        assertTrue(ok.schemaValid());
        assertEquals(List.of(), ok.violations());
        SepRules.Checked bad = r.check("<EndDeviceList " + NS + " all=\"x\"/>", SepRules.Query.NONE, true);
        assertFalse(bad.schemaValid());
        assertEquals(List.of(SepRules.XSD), names(bad.violations()));
        assertEquals(new SepRules.Query(2L, null, null), SepRules.Query.of(Map.of("s", "2", "l", "-1", "zz", "3")));
    }
}
