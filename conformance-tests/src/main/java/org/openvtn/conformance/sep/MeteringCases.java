package org.openvtn.conformance.sep;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Metering mirror (IEEE 2030.5-2018 Metering Mirror function set; CSIP BASIC-029; CSIP-AUS S-ALL-06): the device
 * creates a MirrorUsagePoint and posts readings; the server stores them and serves them back.
 */
final class MeteringCases {

    static final String MIRROR = "sep.mirror.created";
    /** The mirrored data reads back through the Metering function set's UsagePointList. */
    static final String READ_BACK = "sep.upt.read-back";

    private MeteringCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("S-ALL-06", "BASIC-029"), "MirrorUsagePoint creation from"
                        + " DeviceCapability's MirrorUsagePointListLink, individual readings posted and served back",
                "IEEE 2030.5-2018 Metering Mirror; CSIP BASIC-029; CSIP-AUS S-ALL-06",
                Set.of(SepServerSuite.MIRROR_METERING), MeteringCases::sAll06),
                SepCase.must(List.of("BASIC-029"), "The mirrored usage point reads back through DeviceCapability's"
                                + " UsagePointListLink: UsagePoint, MeterReading and ReadingType as mirrored, the"
                                + " posted Reading (ReadingLink) and MirrorReadingSet (ReadingSetListLink -> ReadingSet"
                                + " -> ReadingList) values; not visible to another device",
                        "IEEE 2030.5-2018 Metering and Metering Mirror function sets; CSIP BASIC-029",
                        Set.of(SepServerSuite.MIRROR_METERING, SepServerSuite.USAGE_POINTS), MeteringCases::basic029));
    }

    static String mrid() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    /** A MirrorUsagePoint body; its mRIDs are the suite's own (client-assigned, exempt from the PEN check). */
    static String mirrorUsagePointXml(SepClientHarness c, String mrid, String readingMrid) {
        c.session().rules().clientAssigned(mrid);
        c.session().rules().clientAssigned(readingMrid);
        return "<MirrorUsagePoint xmlns=\"" + SepXml.NS + "\"><mRID>" + mrid + "</mRID><description>conformance site"
                + "</description><roleFlags>49</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status>"
                + "<deviceLFDI>" + c.identity().lfdi() + "</deviceLFDI><MirrorMeterReading><mRID>" + readingMrid
                + "</mRID><description>active power</description><ReadingType><accumulationBehaviour>12"
                + "</accumulationBehaviour><commodity>1</commodity><dataQualifier>2</dataQualifier><flowDirection>1"
                + "</flowDirection><intervalLength>300</intervalLength><kind>37</kind><phase>0</phase>"
                + "<powerOfTenMultiplier>0</powerOfTenMultiplier><uom>38</uom></ReadingType></MirrorMeterReading>"
                + "</MirrorUsagePoint>";
    }

    private static void sAll06(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String list = c.link(c.dcap(), "MirrorUsagePointListLink");
        String mup = mrid();
        String mmr = mrid();
        SepReply created = c.post("POST MirrorUsagePoint", list, mirrorUsagePointXml(c, mup, mmr));
        SepCases.check(ctx, created.status() == 201, MIRROR, "POST " + list, "expected 201, got " + created.describe());
        String location = created.header("Location").orElseThrow(() -> ctx.fail(MIRROR, "POST " + list,
                "201 without a Location header"));
        Element got = c.resource("GET MirrorUsagePoint", location, "MirrorUsagePoint");
        SepCases.check(ctx, SepXml.text(got, "mRID").map(v -> v.equalsIgnoreCase(mup)).orElse(false), MIRROR,
                SepXml.path(got) + "/mRID", "mRID " + SepXml.text(got, "mRID").orElse("-") + ", posted " + mup);
        long now = s.clock().instant().getEpochSecond();
        String reading = "<MirrorMeterReading xmlns=\"" + SepXml.NS + "\"><mRID>" + mmr + "</mRID><Reading>"
                + "<timePeriod><duration>300</duration><start>" + (now - 300) + "</start></timePeriod><value>1234</value>"
                + "</Reading></MirrorMeterReading>";
        SepReply posted = c.post("POST MirrorMeterReading", location, reading);
        SepCases.check(ctx, posted.status() == 201 || posted.status() == 204, MIRROR, "POST " + location,
                "posting a reading: expected 201 or 204, got " + posted.describe());
        List<Element> mups = c.items("GET MirrorUsagePointList", list, "MirrorUsagePointList");
        SepCases.check(ctx, mups.stream().anyMatch(m -> SepXml.text(m, "mRID").map(v -> v.equalsIgnoreCase(mup))
                .orElse(false)), MIRROR, "MirrorUsagePointList", "the created MirrorUsagePoint is not listed");
    }

    private static void basic029(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        Element dcap = c.dcap();
        String list = c.link(dcap, "MirrorUsagePointListLink");
        String mup = mrid();
        String mmr = mrid();
        SepReply created = c.post("POST MirrorUsagePoint", list, mirrorUsagePointXml(c, mup, mmr));
        c.expect(created, 201, null);
        String location = created.header("Location").orElseThrow(() -> ctx.fail(MIRROR, "POST " + list,
                "201 without a Location header"));
        String set = mrid();
        c.session().rules().clientAssigned(set);
        long now = s.clock().instant().getEpochSecond();
        c.expect(c.post("POST MirrorMeterReading with values", location, "<MirrorMeterReading xmlns=\"" + SepXml.NS
                + "\"><mRID>" + mmr + "</mRID><MirrorReadingSet><mRID>" + set + "</mRID><timePeriod><duration>600"
                + "</duration><start>" + (now - 600) + "</start></timePeriod><Reading><value>41</value><localID>00"
                + "</localID></Reading><Reading><value>42</value><localID>01</localID></Reading></MirrorReadingSet>"
                + "<Reading><value>1234</value></Reading></MirrorMeterReading>"), 201, null);
        String upts = c.link(dcap, "UsagePointListLink");
        Element up = byMrid(c.items("GET UsagePointList", upts, "UsagePointList"), mup).orElseThrow(() -> ctx.fail(
                READ_BACK, "UsagePointList", "no UsagePoint with the mirrored mRID " + mup));
        String upHref = SepXml.attr(up, "href").orElseThrow(() -> ctx.fail(SepRules.HREF, SepXml.path(up), "no href"));
        Element got = c.resource("GET UsagePoint", upHref, "UsagePoint");
        Map<String, String> expected = Map.of("description", "conformance site", "roleFlags", "49",
                "serviceCategoryKind", "0", "status", "1", "deviceLFDI", c.identity().lfdi());
        expected.forEach((k, v) -> SepCases.check(ctx, SepXml.text(got, k).map(v::equalsIgnoreCase).orElse(false),
                READ_BACK, SepXml.path(got) + "/" + k, k + " '" + SepXml.text(got, k).orElse("(none)")
                        + "' but the mirror has '" + v + "'"));
        String readings = c.link(got, "MeterReadingListLink");
        Element mr = byMrid(c.items("GET MeterReadingList", readings, "MeterReadingList"), mmr).orElseThrow(() ->
                ctx.fail(READ_BACK, "MeterReadingList", "no MeterReading with the mirrored mRID " + mmr));
        SepCases.check(ctx, SepXml.text(mr, "description").map("active power"::equals).orElse(false), READ_BACK,
                SepXml.path(mr) + "/description", "description '" + SepXml.text(mr, "description").orElse("(none)")
                        + "' but the MirrorMeterReading has 'active power'");
        Element rt = c.resource("GET ReadingType", c.link(mr, "ReadingTypeLink"), "ReadingType");
        values(ctx, c, c.resource("GET MeterReading", SepXml.attr(mr, "href").orElseThrow(() -> ctx.fail(SepRules.HREF,
                SepXml.path(mr), "no href")), "MeterReading"), set);
        for (String[] kv : new String[][] {{"powerOfTenMultiplier", "0"}, {"uom", "38"}}) {
            SepCases.check(ctx, SepXml.text(rt, kv[0]).map(kv[1]::equals).orElse(false), READ_BACK,
                    SepXml.path(rt) + "/" + kv[0], kv[0] + " '" + SepXml.text(rt, kv[0]).orElse("(none)")
                            + "' but the mirrored ReadingType has '" + kv[1] + "'");
        }
        s.otherDevice(0).ifPresent(o -> {
            SepClientHarness them = s.client(ctx, o);
            them.endDevice();
            boolean sees = byMrid(them.items("GET UsagePointList as " + o.name(), them.link(them.dcap(),
                    "UsagePointListLink"), "UsagePointList"), mup).isPresent();
            SepCases.check(ctx, !sees, EndDeviceCases.ISOLATION, "UsagePointList of " + o.name(),
                    "lists another device's mirrored UsagePoint " + mup);
            SepReply r = them.get("GET another device's UsagePoint (must be denied)", upHref);
            SepCases.check(ctx, r.status() == 403 || r.status() == 404, EndDeviceCases.ISOLATION, "GET " + upHref,
                    "another device read the UsagePoint: " + r.describe() + " (expected 403 or 404)");
        });
    }

    /** The posted Reading (latest) and MirrorReadingSet values read back below the MeterReading. */
    private static void values(CaseContext ctx, SepClientHarness c, Element mr, String set) {
        Element current = c.resource("GET Reading", c.link(mr, "ReadingLink"), "Reading");
        SepCases.check(ctx, SepXml.number(current, "value").map(v -> v == 1234).orElse(false), READ_BACK,
                SepXml.path(current) + "/value", "value " + SepXml.text(current, "value").orElse("(none)")
                        + " but the mirror posted 1234");
        Element rs = byMrid(c.items("GET ReadingSetList", c.link(mr, "ReadingSetListLink"), "ReadingSetList"), set)
                .orElseThrow(() -> ctx.fail(READ_BACK, "ReadingSetList", "no ReadingSet with the mirrored mRID " + set));
        List<Long> got = c.items("GET ReadingList", c.link(rs, "ReadingListLink"), "ReadingList").stream()
                .map(r -> SepXml.number(r, "value").orElse(-1L)).sorted().toList();
        SepCases.check(ctx, got.equals(List.of(41L, 42L)), READ_BACK, SepXml.path(rs) + "/ReadingListLink",
                "readings " + got + " but the MirrorReadingSet posted [41, 42]");
    }

    static Optional<Element> byMrid(List<Element> items, String mrid) {
        return items.stream().filter(e -> SepXml.text(e, "mRID").map(mrid::equalsIgnoreCase).orElse(false))
                .findFirst();
    }
}
