package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.Condition;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.MirrorMeterReadingList;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.Subscription;

/**
 * Conditional subscriptions over real mutual TLS and the durable notification queue (IEEE 2030.5-2018 §5.6,
 * Subscription {@code Condition}, sep.xsd SubscribableType 3; CSIP CORE-018/019; issue #17): the Reading a client
 * mirrors ({@code /upt/{u}/mr/{m}/r}) is {@code subscribable="3"}; a subscription with a band is notified only of
 * values outside it (docs/ieee-2030.5.md interpretation), a plain one of every value; bad Conditions are 400
 * reasonCode 1.
 */
class SepConditionalSubscriptionIT {
    @RegisterExtension
    final SepSubscriber dev = new SepSubscriber();
    private static final String MUP_VECTOR = "envoy_meter_mirroring_mirrorusagepoint.xml";
    private static final byte[] READING_MRID = HexFormat.of().parseHex("0700006CC8");

    private String mup;
    private String reading;

    @BeforeEach
    void start() throws Exception {
        MirrorUsagePoint m = SepFixture.CODEC.decode(SepMeteringIT.vector(MUP_VECTOR), MirrorUsagePoint.class);
        m.setDeviceLFDI(HexFormat.of().parseHex(SepIdentity.lfdi(dev.cred.certificate())));
        mup = dev.device.post("/mup", m).header("Location");
        String mr = post(125).header("Location");
        reading = "/upt/" + mup.substring(mup.lastIndexOf('/') + 1) + mr.substring(mr.indexOf("/mr/")) + "/r";
    }

    private static MirrorMeterReading mirrorReading(long value) {
        return mirrorReading(READING_MRID, value);
    }

    /** @return a MirrorMeterReading carrying one Reading of {@code value} */
    static MirrorMeterReading mirrorReading(byte[] mrid, long value) {
        MirrorMeterReading mmr = new MirrorMeterReading();
        MRIDType id = new MRIDType();
        id.setValue(mrid);
        mmr.setMRID(id);
        Reading r = new Reading();
        r.setValue(value);
        mmr.setReading(r);
        return mmr;
    }

    private SepFixture.Reply post(long value) throws Exception {
        SepFixture.Reply r = dev.device.post(mup, mirrorReading(value));
        assertEquals(201, r.status(), r.text());
        return r;
    }

    static Condition band(int attribute, long lower, long upper) {
        Condition c = new Condition();
        c.setAttributeIdentifier((short) attribute);
        c.setLowerThreshold(lower);
        c.setUpperThreshold(upper);
        return c;
    }

    private Subscription subscription(String resource, String path, Condition c) {
        Subscription s = SepSubscriptionIT.subscription(resource, dev.listener.uri() + path, 1);
        s.setCondition(c);
        return s;
    }

    /** The values the Notifications to one notificationURI path carried, in delivery order. */
    private static List<Long> values(List<NotificationListener.Received> all, String path) {
        List<Long> out = new ArrayList<>();
        for (NotificationListener.Received n : all) {
            if (n.path().endsWith(path)) {
                out.add(assertInstanceOf(Reading.class, n.notification().getResource()).getValue());
            }
        }
        return out;
    }

    /**
     * CORE-019 with a Condition: band [100, 200]; values 150 (inside), 250 (above), 200 (on the threshold: inside),
     * 50 (below), each in its own MirrorMeterReading POST. The conditional subscriber gets exactly 250 and 50; the
     * plain one gets every value.
     */
    @Test
    void onlyValuesOutsideTheBandAreNotified() throws Exception {
        Reading served = dev.device.get(reading).resource(Reading.class);
        assertEquals(3, served.getSubscribable(), "Reading: conditional and non-conditional (SubscribableType 3)");
        SepFixture.Reply cond = dev.device.post(dev.edev + "/sub", subscription(reading, "/cond", band(0, 100, 200)));
        assertEquals(201, cond.status(), cond.text());
        assertEquals(201, dev.device.post(dev.edev + "/sub", subscription(reading, "/plain", null)).status());
        Subscription stored = dev.device.get(cond.header("Location")).resource(Subscription.class);
        assertNotNull(stored.getCondition(), "the Subscription is served with its Condition");
        assertEquals(200L, stored.getCondition().getUpperThreshold());

        for (long v : new long[] {150, 250, 200, 50}) {
            post(v); // one after another without waiting: each posted value is judged
        }
        List<NotificationListener.Received> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(dev.listener.next());
        }
        assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        // Delivery is at least once (IEEE 2030.5-2018 §5.4: a Notification whose answer is lost is sent again): on a
        // loaded machine a slow answer can time out and the same Notification arrive twice. A repeat must be
        // byte-identical to one already received; anything else is an extra Notification and fails.
        all.addAll(dev.listener.drain());
        List<NotificationListener.Received> distinct = new ArrayList<>();
        for (NotificationListener.Received n : all) {
            if (distinct.stream().noneMatch(d -> d.path().equals(n.path()) && java.util.Arrays.equals(d.body(), n.body()))) {
                distinct.add(n);
            }
        }
        if (all.size() > distinct.size()) {
            System.out.println("SepConditionalSubscriptionIT: " + (all.size() - distinct.size())
                    + " Notification(s) delivered again (byte-identical repeats)");
        }
        assertEquals(6, distinct.size(), () -> "4 plain + 2 conditional, nothing else; received "
                + all.stream().map(n -> n.path() + "=" + ((Reading) n.notification().getResource()).getValue()).toList());
        assertEquals(List.of(250L, 50L), values(distinct, "/cond"));
        assertEquals(List.of(150L, 250L, 200L, 50L), values(distinct, "/plain"));
        all.forEach(n -> assertEquals(reading, n.notification().getSubscribedResource()));
    }

    /** A MirrorMeterReadingList (CSIP-AUS S-ALL-06) notifies too; a PUT replaces the band (CSIP-AUS S-ALL-26). */
    @Test
    void listPostsAndPutBand() throws Exception {
        String sub = dev.device.post(dev.edev + "/sub", subscription(reading, "/cond", band(0, 100, 200))).header("Location");
        // three values of one MeterReading in one POST: each is judged, not only the last one stored
        MirrorMeterReadingList list = new MirrorMeterReadingList();
        for (long v : new long[] {500, 150, 5}) {
            list.getMirrorMeterReading().add(mirrorReading(v));
        }
        list.setAll(3L);
        list.setResults(3L);
        assertEquals(201, dev.device.post(mup, list).status());
        assertEquals(500L, assertInstanceOf(Reading.class, dev.listener.next().notification().getResource()).getValue());
        assertEquals(5L, assertInstanceOf(Reading.class, dev.listener.next().notification().getResource()).getValue());

        byte[] wider = SepFixture.CODEC.encode(subscription(reading, "/cond", band(0, 0, 1000)));
        assertEquals(204, dev.device.put(sub, wider).status());
        assertEquals(1000L, dev.device.get(sub).resource(Subscription.class).getCondition().getUpperThreshold());
        post(1001); // above it, and at once
        post(600); // inside the new band: the 1001 notification still carries 1001
        assertEquals(1001L, assertInstanceOf(Reading.class, dev.listener.next().notification().getResource()).getValue());
        assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(3, dev.listener.posts());
    }

    /**
     * A Reading and its Notifications commit together (CORE-019 with the durable queue; docs/ieee-2030.5.md
     * "Conditional subscriptions"): with the queue made to refuse this subscription's rows (a CHECK constraint, the
     * stand-in for a crash between storing the reading and queueing its Notification), the POST fails and the
     * reading is not kept either; a MirrorMeterReadingList rolled back by its second, refused reading queues nothing
     * for its first; once the queue takes rows again, the next value is stored and notified. Fails when the
     * Notification is queued after the reading's commit (the reading is then kept and its Notification lost).
     */
    @Test
    void readingAndItsNotificationCommitTogether() throws Exception {
        String sub = dev.device.post(dev.edev + "/sub", subscription(reading, "/plain", null)).header("Location");
        long subscriptionId = Long.parseLong(sub.substring(sub.lastIndexOf('/') + 1));
        refuseQueueing(dev.fx.core.store().database(), subscriptionId, true);
        SepFixture.Reply refused = dev.device.post(mup, mirrorReading(777));
        assertEquals(500, refused.status(), "the Notification could not be queued: " + refused.text());
        assertEquals(125L, dev.device.get(reading).resource(Reading.class).getValue(), "neither is kept");
        refuseQueueing(dev.fx.core.store().database(), subscriptionId, false);

        // a second MirrorUsagePoint owns mRID 0900006CC8: a list whose second reading names it is refused (S-ALL-05)
        // after its first reading (888) was stored and its Notification queued, in the same transaction
        MirrorUsagePoint other = SepFixture.CODEC.decode(SepMeteringIT.vector(MUP_VECTOR), MirrorUsagePoint.class);
        other.getMRID().setValue(HexFormat.of().parseHex("0A00006CC8"));
        other.setDeviceLFDI(HexFormat.of().parseHex(SepIdentity.lfdi(dev.cred.certificate())));
        other.getMirrorMeterReading().clear();
        byte[] taken = HexFormat.of().parseHex("0900006CC8");
        assertEquals(201, dev.device.post(dev.device.post("/mup", other).header("Location"), mirrorReading(taken, 1))
                .status());
        MirrorMeterReadingList list = new MirrorMeterReadingList();
        list.getMirrorMeterReading().add(mirrorReading(888));
        list.getMirrorMeterReading().add(mirrorReading(taken, 2));
        list.setAll(2L);
        list.setResults(2L);
        assertEquals(400, dev.device.post(mup, list).status());
        assertEquals(125L, dev.device.get(reading).resource(Reading.class).getValue());

        post(999);
        NotificationListener.Received n = dev.listener.next();
        assertEquals(999L, assertInstanceOf(Reading.class, n.notification().getResource()).getValue(),
                "neither 777 nor 888 was queued");
        assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(List.of(), dev.listener.drain().stream().filter(r -> !java.util.Arrays.equals(r.body(), n.body()))
                .toList(), "nothing else (a byte-identical repeat is at-least-once redelivery)");
    }

    /**
     * Failure injection on the real database (Derby and PostgreSQL alike): from now on the notification queue refuses
     * rows of the subscription ({@code refuse}), or takes them again.
     */
    static void refuseQueueing(org.openvtn.store.Database db, long subscriptionId, boolean refuse) {
        String sql = refuse ? "ALTER TABLE sep_notifications ADD CONSTRAINT test_refuse_queue CHECK (subscription_id <> "
                + subscriptionId + ")" : "ALTER TABLE sep_notifications DROP CONSTRAINT test_refuse_queue";
        db.inTransaction(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute(sql);
            }
            return null;
        });
    }

    /**
     * 400 reasonCode 1: a reserved attributeIdentifier, an empty band, a Condition on a resource that is
     * subscribable="1" (the EndDevice) and on a Reading of another device; nothing is created.
     */
    @Test
    void badConditionsAreRefused() throws Exception {
        assertError(dev.device.post(dev.edev + "/sub", subscription(reading, "/x", band(1, 0, 10))));
        assertError(dev.device.post(dev.edev + "/sub", subscription(reading, "/x", band(0, 10, 0))));
        assertError(dev.device.post(dev.edev + "/sub", subscription(dev.edev, "/x", band(0, 0, 10))));
        assertError(dev.device.post(dev.edev + "/sub", subscription(reading.replace("/upt/", "/upt/9"), "/x",
                band(0, 0, 10))));
        Credential otherCred = SepFixture.PKI.deviceViaMca();
        try (SepFixture.Client other = dev.fx.client(otherCred)) {
            String otherEdev = SepServerIT.register(other, otherCred);
            SepFixture.Reply r = other.post(otherEdev + "/sub", subscription(reading, "/x", band(0, 0, 10)));
            assertEquals(400, r.status(), "another device's Reading is no resource of its own: " + r.text());
        }
        assertEquals(0L, dev.device.get(dev.edev + "/sub").resource(org.openvtn.schemas.sep.SubscriptionList.class)
                .getAll());
    }

    /**
     * CSIP AGG-* / CSIP-AUS S-ALL-03: an aggregator mirrors a site's Reading and subscribes to it with a Condition
     * under the site's EndDevice; it is notified over its own dev.listener of the value outside the band only.
     */
    @Test
    void aggregatorSubscribesForItsSite() throws Exception {
        String site = "A1".repeat(20);
        Credential aggCred = SepFixture.PKI.deviceViaMca();
        SepAdminFixture admin = new SepAdminFixture(dev.fx);
        try (SepFixture.Client agg = dev.fx.client(aggCred); NotificationListener aggListener = new NotificationListener(
                aggCred)) {
            assertEquals(200, admin.call("PUT", "/sep/aggregators/" + SepIdentity.lfdi(aggCred.certificate()),
                    "{\"sites\":[\"" + site + "\"]}").statusCode());
            String siteEdev = agg.post("/edev", SepServerIT.endDevice(HexFormat.of().parseHex(site),
                    SepIdentity.sfdiFromLfdi(site))).header("Location");
            MirrorUsagePoint m = SepFixture.CODEC.decode(SepMeteringIT.vector(MUP_VECTOR), MirrorUsagePoint.class);
            m.getMRID().setValue(HexFormat.of().parseHex("0600006CC9"));
            m.setDeviceLFDI(HexFormat.of().parseHex(site));
            m.getMirrorMeterReading().clear(); // the main device's MirrorMeterReading mRIDs are taken (S-ALL-05)
            byte[] siteMrid = HexFormat.of().parseHex("0700006CC9");
            String siteMup = agg.post("/mup", m).header("Location");
            String mr = agg.post(siteMup, mirrorReading(siteMrid, 150)).header("Location");
            String siteReading = "/upt/" + siteMup.substring(siteMup.lastIndexOf('/') + 1)
                    + mr.substring(mr.indexOf("/mr/")) + "/r";
            Subscription sub = SepSubscriptionIT.subscription(siteReading, aggListener.uri(), 1);
            sub.setCondition(band(0, 100, 200));
            SepFixture.Reply created = agg.post(siteEdev + "/sub", sub);
            assertEquals(201, created.status(), created.text());
            assertEquals(400, dev.device.post(dev.edev + "/sub", subscription(siteReading, "/x", band(0, 100, 200)))
                    .status(), "the site's Reading is no resource of another device");
            assertEquals(201, agg.post(siteMup, mirrorReading(siteMrid, 120)).status());
            assertEquals(201, agg.post(siteMup, mirrorReading(siteMrid, 201)).status());
            NotificationListener.Received n = aggListener.next();
            assertEquals(201L, assertInstanceOf(Reading.class, n.notification().getResource()).getValue());
            assertEquals(siteReading, n.notification().getSubscribedResource());
            assertTrue(dev.fx.server.awaitDeliveries(Duration.ofSeconds(20)));
            assertEquals(1, aggListener.posts());
        } finally {
            admin.admin.close();
        }
    }

    private static void assertError(SepFixture.Reply r) throws Exception {
        assertEquals(400, r.status(), r.text());
        assertEquals(1, r.resource(Error.class).getReasonCode());
    }
}
