package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Conditional subscriptions (IEEE 2030.5-2018 Subscription {@code Condition}, sep.xsd SubscribableType 2/3; CSIP
 * CORE-019 with a Condition, no official ID of its own): the suite mirrors a Reading, subscribes to it with a band and
 * posts values inside and outside it. Interpretation (OpenVTN docs/ieee-2030.5.md): the condition holds for a Reading
 * value outside [lowerThreshold, upperThreshold]; the case posts no value on a threshold, so it does not depend on
 * whether a threshold itself is inside.
 */
final class ConditionalSubscriptionCases {

    /** A value outside the band was notified. */
    static final String MET = "sep.subscription.condition.met";
    /** No value inside the band was notified. */
    static final String FILTERED = "sep.subscription.condition.filtered";
    /** A reserved attributeIdentifier is refused. */
    static final String REFUSED = "sep.subscription.condition.refused";

    private static final long LOWER = 100;
    private static final long UPPER = 200;
    /** Posted in this order: inside, outside, inside, outside. */
    private static final List<Long> VALUES = List.of(150L, 250L, 120L, 50L);
    /** How long after the last expected Notification an unexpected one may still show up. */
    private static final Duration GRACE = Duration.ofSeconds(3);
    private static final Pattern VALUE = Pattern.compile("<value>(-?\\d+)</value>");

    private ConditionalSubscriptionCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("CORE-019-COND"), "Conditional subscription (Condition on the Reading"
                        + " value) to the mirrored Reading: values outside [lowerThreshold, upperThreshold] are"
                        + " notified, values inside are not; a reserved attributeIdentifier is refused",
                "IEEE 2030.5-2018 Subscription Condition, SubscribableType; CSIP CORE-019",
                Set.of(SepServerSuite.SUBSCRIPTIONS, SepServerSuite.MIRROR_METERING, SepServerSuite.USAGE_POINTS),
                ConditionalSubscriptionCases::core019Cond));
    }

    static String conditionalXml(String resource, String uri, int attribute, long lower, long upper) {
        return SubscriptionCases.subscriptionXml(resource, uri, 1).replace("<encoding>", "<Condition>"
                + "<attributeIdentifier>" + attribute + "</attributeIdentifier><lowerThreshold>" + lower
                + "</lowerThreshold><upperThreshold>" + upper + "</upperThreshold></Condition><encoding>");
    }

    private static void core019Cond(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        Element dcap = c.dcap();
        String list = c.link(dcap, "MirrorUsagePointListLink");
        String mup = MeteringCases.mrid();
        String mmr = MeteringCases.mrid();
        SepReply created = c.post("POST MirrorUsagePoint", list, MeteringCases.mirrorUsagePointXml(c, mup, mmr));
        c.expect(created, 201, null);
        String location = created.header("Location").orElseThrow(() -> ctx.fail(MeteringCases.MIRROR,
                "POST " + list, "201 without a Location header"));
        post(ctx, c, location, mmr, 175);
        String reading = readingHref(ctx, c, dcap, mup, mmr);
        Element served = c.resource("GET Reading", reading, "Reading");
        String subscribable = SepXml.attr(served, "subscribable").orElse("0");
        if (!"2".equals(subscribable) && !"3".equals(subscribable)) {
            throw ctx.skip("the mirrored Reading says subscribable=\"" + subscribable
                    + "\": the server offers no conditional subscription on it");
        }
        String subList = c.link(c.endDevice(), "SubscriptionListLink");
        String name = "cond-" + MeteringCases.mrid().substring(0, 8);
        String uri = s.listener().uri(name).toString();
        SepReply reserved = c.post("POST Subscription with reserved attributeIdentifier 7", subList,
                conditionalXml(reading, uri, 7, LOWER, UPPER));
        reserved.header("Location").ifPresent(l -> c.send("DELETE Subscription", "DELETE", l, Map.of(), null, true));
        SepCases.should(ctx, reserved.status() == 400, REFUSED, "POST " + subList, "Condition attributeIdentifier 7"
                + " (reserved; 0 = Reading value) answered " + reserved.describe() + ", expected 400");
        SepReply sub = c.post("POST conditional Subscription", subList, conditionalXml(reading, uri, 0, LOWER, UPPER));
        SepCases.check(ctx, sub.status() == 201, SubscriptionCases.SUBSCRIBE, "POST " + subList,
                "a Condition on a Reading marked subscribable=\"" + subscribable + "\": expected 201, got "
                        + sub.describe());
        String href = sub.header("Location").orElseThrow(() -> ctx.fail(SubscriptionCases.SUBSCRIBE, "POST "
                + subList, "201 without a Location header"));
        try {
            for (long v : VALUES) {
                post(ctx, c, location, mmr, v);
            }
            for (long v : VALUES) {
                if (outside(v)) {
                    Element n = SubscriptionCases.awaitNotification(ctx, s, name, b -> value(b).equals(Optional.of(v)),
                            "with value " + v + " (outside [" + LOWER + ", " + UPPER + "])");
                    SepCases.check(ctx, SepXml.text(n, "subscribedResource").map(r -> s.resolve(r)
                            .equals(s.resolve(reading))).orElse(false), MET, SepXml.path(n) + "/subscribedResource",
                            "subscribedResource " + SepXml.text(n, "subscribedResource").orElse("-") + ", subscribed "
                                    + reading);
                }
            }
            // the outside values arrived; one more short wait lets a late notification of an inside value show up
            Duration grace = ctx.patience().compareTo(GRACE) < 0 ? ctx.patience() : GRACE;
            Optional<NotificationListener.Received> inside = s.listener().await(r -> r.path().equals("/ntfy/" + name)
                    && value(r.body()).map(v -> !outside(v)).orElse(false), grace);
            inside.ifPresent(r -> ctx.record(r.exchange()));
            SepCases.check(ctx, inside.isEmpty(), FILTERED, "/ntfy/" + name, "a Notification carried value "
                    + inside.flatMap(r -> value(r.body())).orElse(null) + ", inside [" + LOWER + ", " + UPPER
                    + "]: the Condition did not hold");
        } finally {
            c.send("DELETE Subscription", "DELETE", href, Map.of(), null, true);
        }
    }

    private static boolean outside(long v) {
        return v < LOWER || v > UPPER;
    }

    private static Optional<Long> value(String body) {
        Matcher m = VALUE.matcher(body);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    private static void post(CaseContext ctx, SepClientHarness c, String location, String mmr, long value) {
        SepReply r = c.post("POST MirrorMeterReading value " + value, location, "<MirrorMeterReading xmlns=\""
                + SepXml.NS + "\"><mRID>" + mmr + "</mRID><Reading><value>" + value + "</value></Reading>"
                + "</MirrorMeterReading>");
        SepCases.check(ctx, r.status() == 201 || r.status() == 204, MeteringCases.MIRROR, "POST " + location,
                "posting a reading: expected 201 or 204, got " + r.describe());
    }

    /** The href of the mirrored MeterReading's Reading: UsagePointList -> UsagePoint -> MeterReading -> ReadingLink. */
    private static String readingHref(CaseContext ctx, SepClientHarness c, Element dcap, String mup, String mmr) {
        Element up = MeteringCases.byMrid(c.items("GET UsagePointList", c.link(dcap, "UsagePointListLink"),
                "UsagePointList"), mup).orElseThrow(() -> ctx.fail(MeteringCases.READ_BACK, "UsagePointList",
                "no UsagePoint with the mirrored mRID " + mup));
        Element mr = MeteringCases.byMrid(c.items("GET MeterReadingList", c.link(up, "MeterReadingListLink"),
                "MeterReadingList"), mmr).orElseThrow(() -> ctx.fail(MeteringCases.READ_BACK, "MeterReadingList",
                "no MeterReading with the mirrored mRID " + mmr));
        return c.link(mr, "ReadingLink");
    }
}
