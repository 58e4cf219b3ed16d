package org.openvtn.conformance.sep;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * CSIP-AUS server edge cases an independent harness exercises (issue #17): S-ALL-51 "End Device Duplication" and
 * S-ALL-07 "Select Edge Cases for Telemetry Reporting" (IEEE 2030.5-2018 §6.3.4 LFDI, Metering Mirror function set:
 * MirrorUsagePoint re-POST, MirrorMeterReadingList, mRIDs as globally unique identifiers).
 */
final class EdgeCases {

    static final String DUPLICATE = "sep.edev.duplicate-rejected";
    static final String MUP_UPDATED = "sep.mirror.repost-updates";
    static final String READING_LIST = "sep.mirror.reading-list";
    static final String FOREIGN_MRID = "sep.mirror.foreign-mrid-rejected";
    static final String LIST_SUBSCRIBABLE = "sep.edev.list-subscribable";

    private EdgeCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("S-ALL-51"), "End Device Duplication: a second POST of an EndDevice whose LFDI"
                                + " is registered already is refused with a 4XX and creates no second EndDevice",
                        "IEEE 2030.5-2018 §6.3.4, §5.5; CSIP-AUS S-ALL-51", Set.of(), EdgeCases::sAll51),
                SepCase.must(List.of("S-ALL-07"), "Telemetry edge cases: a MirrorUsagePoint re-POSTed with the same"
                                + " mRID is updated (roleFlags), a MirrorMeterReadingList is accepted at the"
                                + " MirrorUsagePoint, a MirrorMeterReading mRID of another device's mirror is refused",
                        "IEEE 2030.5-2018 Metering Mirror, IdentifiedObject.mRID; CSIP-AUS S-ALL-07, S-ALL-05, S-ALL-06",
                        Set.of(SepServerSuite.MIRROR_METERING), EdgeCases::sAll07),
                SepCase.must(List.of("S-ALL-25"), "Subscribe to the EndDeviceList (subscribable=\"1\"); when the"
                                + " operator changes the client's EndDevice (a registration PIN) the list is notified",
                        "IEEE 2030.5-2018 §5.6 Subscription/Notification; CSIP-AUS S-ALL-25",
                        Set.of(SepServerSuite.SUBSCRIPTIONS, SepServerSuite.REGISTRATION), EdgeCases::sAll25));
    }

    private static final java.util.concurrent.atomic.AtomicInteger SEQ = new java.util.concurrent.atomic.AtomicInteger();

    private static void sAll25(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        Element list = c.resource("GET EndDeviceList", edevList, "EndDeviceList");
        SepCases.check(ctx, "1".equals(SepXml.attr(list, "subscribable").orElse("0")), LIST_SUBSCRIBABLE,
                SepXml.path(list) + "/@subscribable", "the EndDeviceList is not subscribable (subscribable=\""
                        + SepXml.attr(list, "subscribable").orElse("0") + "\")");
        String name = "sall25-" + SEQ.incrementAndGet();
        String sub = SubscriptionCases.subscribe(ctx, c, edevList, name);
        try {
            s.driver(ctx).provisionPin(ctx, s.mainDevice(), org.openvtn.certs.identity.SepIdentity.pinWithCheckDigit(
                    24680 + SEQ.get()));
            Element n = SubscriptionCases.awaitNotification(ctx, s, name, b -> b.contains("EndDeviceList"),
                    "of the EndDeviceList after the operator provisioned a PIN");
            SepCases.check(ctx, SepXml.text(n, "subscribedResource").map(r -> s.resolve(r).equals(s.resolve(edevList)))
                    .orElse(false), LIST_SUBSCRIBABLE, SepXml.path(n) + "/subscribedResource", "subscribedResource "
                    + SepXml.text(n, "subscribedResource").orElse("(none)") + ", subscribed " + edevList);
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    private static void sAll51(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        SepReply again = c.post("POST own EndDevice again", edevList,
                c.endDeviceXml(c.identity().lfdi(), c.identity().sfdi()));
        SepCases.check(ctx, again.status() >= 400 && again.status() < 500, DUPLICATE, "POST " + edevList,
                "a POST of an already registered LFDI must be refused with a 4XX, got " + again.describe());
        long mine = c.items("GET EndDeviceList", edevList, "EndDeviceList").stream()
                .filter(x -> c.ownIn(List.of(x)).isPresent()).count();
        SepCases.check(ctx, mine == 1, DUPLICATE, "EndDeviceList", mine + " EndDevices carry this device's LFDI/SFDI");
    }

    private static void sAll07(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String list = c.link(c.dcap(), "MirrorUsagePointListLink");
        String mup = MeteringCases.mrid();
        String mmr = MeteringCases.mrid();
        String body = MeteringCases.mirrorUsagePointXml(c, mup, mmr);
        SepReply created = c.post("POST MirrorUsagePoint", list, body);
        c.expect(created, 201, null);
        String location = created.header("Location").orElseThrow(() -> ctx.fail(MeteringCases.MIRROR, "POST " + list,
                "201 without a Location header"));
        SepReply again = c.post("POST MirrorUsagePoint again, roleFlags 0D", list,
                body.replace("<roleFlags>49</roleFlags>", "<roleFlags>0D</roleFlags>"));
        SepCases.check(ctx, again.status() == 201 || again.status() == 204, MUP_UPDATED, "POST " + list,
                "re-POST of the same mRID: expected 201 or 204, got " + again.describe());
        again.header("Location").ifPresent(l -> SepCases.check(ctx, s.resolve(l).equals(s.resolve(location)),
                MUP_UPDATED, "POST " + list, "the re-POST created " + l + " beside " + location));
        Element got = c.resource("GET re-posted MirrorUsagePoint", location, "MirrorUsagePoint");
        SepCases.check(ctx, SepXml.text(got, "roleFlags").map("0D"::equalsIgnoreCase).orElse(false), MUP_UPDATED,
                SepXml.path(got) + "/roleFlags", "roleFlags '" + SepXml.text(got, "roleFlags").orElse("(none)")
                        + "' after a re-POST with '0D'");

        String a = MeteringCases.mrid();
        String b = MeteringCases.mrid();
        c.session().rules().clientAssigned(a);
        c.session().rules().clientAssigned(b);
        SepReply posted = c.post("POST MirrorMeterReadingList", location, "<MirrorMeterReadingList xmlns=\""
                + SepXml.NS + "\" all=\"2\" results=\"2\">" + reading(a, 11) + reading(b, 12)
                + "</MirrorMeterReadingList>");
        SepCases.check(ctx, posted.status() == 201 || posted.status() == 204, READING_LIST, "POST " + location,
                "a MirrorMeterReadingList: expected 201 or 204, got " + posted.describe());

        s.otherDevice(0).ifPresent(o -> {
            SepClientHarness them = s.client(ctx, o);
            them.endDevice();
            String theirList = them.link(them.dcap(), "MirrorUsagePointListLink");
            SepReply own = them.post("POST own MirrorUsagePoint as " + o.name(), theirList,
                    MeteringCases.mirrorUsagePointXml(them, MeteringCases.mrid(), MeteringCases.mrid()));
            them.expect(own, 201, null);
            String theirs = own.header("Location").orElseThrow(() -> ctx.fail(MeteringCases.MIRROR,
                    "POST " + theirList, "201 without a Location header"));
            SepReply stolen = them.post("POST MirrorMeterReading with another device's mRID", theirs,
                    reading(mmr, 13).replace("<MirrorMeterReading>", "<MirrorMeterReading xmlns=\"" + SepXml.NS
                            + "\">"));
            SepCases.check(ctx, stolen.status() >= 400 && stolen.status() < 500, FOREIGN_MRID, "POST " + theirs,
                    "a MirrorMeterReading whose mRID " + mmr + " is another device's must be refused with a 4XX, got "
                            + stolen.describe());
        });
    }

    private static String reading(String mrid, long value) {
        return "<MirrorMeterReading><mRID>" + mrid + "</mRID><description>edge " + value + "</description><Reading>"
                + "<value>" + value + "</value></Reading><ReadingType><accumulationBehaviour>12</accumulationBehaviour>"
                + "<commodity>1</commodity><flowDirection>1</flowDirection><powerOfTenMultiplier>0"
                + "</powerOfTenMultiplier><uom>38</uom></ReadingType></MirrorMeterReading>";
    }
}
