package org.openvtn.conformance.sep;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Metering mirror (IEEE 2030.5-2018 Metering Mirror function set; CSIP BASIC-029; CSIP-AUS S-ALL-06): the device
 * creates a MirrorUsagePoint and posts readings; the server stores them and serves them back.
 */
final class MeteringCases {

    static final String MIRROR = "sep.mirror.created";

    private MeteringCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("S-ALL-06", "BASIC-029"), "MirrorUsagePoint creation from"
                        + " DeviceCapability's MirrorUsagePointListLink, individual readings posted and served back",
                "IEEE 2030.5-2018 Metering Mirror; CSIP BASIC-029; CSIP-AUS S-ALL-06",
                Set.of(SepServerSuite.MIRROR_METERING), MeteringCases::sAll06));
    }

    static String mrid() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    static String mirrorUsagePointXml(SepClientHarness c, String mrid, String readingMrid) {
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
}
