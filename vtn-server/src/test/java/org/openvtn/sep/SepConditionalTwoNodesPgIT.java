package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.sep.MirrorMeterReading;
import org.openvtn.schemas.sep.Reading;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.store.JdbcSubscriptionStore;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;
import org.openvtn.testing.NodeKillSupport;

/**
 * Conditional subscriptions across nodes (IEEE 2030.5-2018 §5.6 Subscription {@code Condition}; issue #17 with issue
 * #19's shared queue): on one real PostgreSQL database the device subscribes with a band through node B and mirrors its
 * readings through node A. A judges each posted value and queues only those outside the band in the shared durable
 * queue; whichever node leases them delivers them, once each. A value whose Notification the queue cannot take is not
 * stored either: the reading and its Notification commit in one transaction.
 */
class SepConditionalTwoNodesPgIT {
    private static final int BOUND_SECONDS = 60;

    @Test
    void readingPostedOnNodeAIsJudgedForASubscriptionMadeOnNodeB() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepcond");
        Credential cred = SepFixture.PKI.device();
        try (VtnCore coreA = VtnCore.open(CoreConfig.builder().database(db).build());
             VtnCore coreB = VtnCore.open(CoreConfig.builder().database(db).build());
             JdbcVtnStore queue = JdbcVtnStore.open(Database.open(db));
             NotificationListener listener = new NotificationListener(cred)) {
            SepServer nodeA = SepNodeServer.start(coreA, SepFixture.PKI.dir(), SepNodeServer.LEASE);
            SepServer nodeB = SepNodeServer.start(coreB, SepFixture.PKI.dir(), SepNodeServer.LEASE);
            try (SepFixture.Client viaA = SepFixture.client(SepFixture.PKI, cred, nodeA.port());
                 SepFixture.Client viaB = SepFixture.client(SepFixture.PKI, cred, nodeB.port())) {
                String edev = SepServerIT.register(viaB, cred);
                byte[] m = ("<MirrorUsagePoint xmlns=\"urn:ieee:std:2030.5:ns\"><mRID>0500006CC8</mRID>"
                        + "<roleFlags>03</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status>"
                        + "<deviceLFDI>" + SepIdentity.lfdi(cred.certificate()) + "</deviceLFDI></MirrorUsagePoint>")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                String mup = viaA.post("/mup", m).header("Location");
                String mr = viaA.post(mup, reading(175)).header("Location");
                String path = "/upt/" + mup.substring(mup.lastIndexOf('/') + 1) + mr.substring(mr.indexOf("/mr/"))
                        + "/r";
                Subscription s = SepSubscriptionIT.subscription(path, listener.uri(), 1);
                s.setCondition(SepConditionalSubscriptionIT.band(0, 100, 200));
                SepFixture.Reply created = viaB.post(edev + "/sub", s);
                assertEquals(201, created.status(), created.text());
                for (long v : new long[] {150, 250, 120, 50}) {
                    assertEquals(201, viaA.post(mup, reading(v)).status());
                }
                JdbcSubscriptionStore outbox = JdbcSubscriptionStore.on(queue);
                NodeKillSupport.await(BOUND_SECONDS, () -> listener.posts() >= 2 && outbox.pendingCount() == 0,
                        () -> "posts " + listener.posts() + ", pending " + outbox.pendingCount());
                List<Long> values = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    values.add(assertInstanceOf(Reading.class, listener.next().notification().getResource())
                            .getValue());
                }
                assertEquals(List.of(250L, 50L), values, "in order, one request in flight per subscription");
                assertEquals(2, listener.posts(), "nothing inside the band, nothing twice");

                // the reading and its Notification commit together on PostgreSQL too: with the queue refusing the
                // subscription's rows, a value outside the band is refused as a whole (neither is kept)
                String sub = created.header("Location");
                long subscriptionId = Long.parseLong(sub.substring(sub.lastIndexOf('/') + 1));
                SepConditionalSubscriptionIT.refuseQueueing(queue.database(), subscriptionId, true);
                assertEquals(500, viaA.post(mup, reading(260)).status());
                assertEquals(50L, viaB.get(path).resource(Reading.class).getValue(), "neither is kept");
                SepConditionalSubscriptionIT.refuseQueueing(queue.database(), subscriptionId, false);
                assertEquals(201, viaA.post(mup, reading(270)).status());
                assertEquals(270L, assertInstanceOf(Reading.class, listener.next().notification().getResource())
                        .getValue(), "260 was never queued");
            } finally {
                nodeA.close();
                nodeB.close();
            }
        }
    }

    private static MirrorMeterReading reading(long value) {
        return SepConditionalSubscriptionIT.mirrorReading(HexFormat.of().parseHex("0400006CC8"), value);
    }
}
