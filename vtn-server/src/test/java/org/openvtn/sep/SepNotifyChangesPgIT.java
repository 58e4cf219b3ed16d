package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.store.JdbcSubscriptionStore;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;
import org.openvtn.testing.NodeKillSupport;

/**
 * Issue #19, IEEE 2030.5 Subscription/Notification (IEEE 2030.5-2018 §5.6, CSIP CORE-018/019) across nodes through
 * LISTEN/NOTIFY: on one real PostgreSQL database, node B is a 2030.5 server whose delivery lease is 10 minutes, so its
 * sweep for unheld queue heads runs only every 5 minutes; node A (a pool of its own) queues Notifications for a
 * subscription the device made through B. B delivers each at once on A's commit notification, long before its sweep
 * would find it.
 */
class SepNotifyChangesPgIT {
    private static final Duration LEASE = Duration.ofMinutes(10);
    /** Far below the sweep interval (lease / 2 = 5 min), generous for a loaded machine. */
    private static final int BOUND_SECONDS = 60;

    @Test
    void notificationQueuedOnNodeAIsDeliveredByNodeBWithoutWaitingForTheSweep() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepchanges");
        Credential cred = SepFixture.PKI.device();
        try (VtnCore coreB = VtnCore.open(CoreConfig.builder().database(db).build());
             JdbcVtnStore nodeA = JdbcVtnStore.open(Database.open(db));
             NotificationListener listener = new NotificationListener(cred)) {
            SepServer nodeB = SepNodeServer.start(coreB, SepFixture.PKI.dir(), LEASE);
            try (SepFixture.Client viaB = SepFixture.client(SepFixture.PKI, cred, nodeB.port())) {
                String edev = SepServerIT.register(viaB, cred);
                SepFixture.Reply s = viaB.post(edev + "/sub", SepSubscriptionIT.subscription(edev, listener.uri(), 1));
                assertEquals(201, s.status(), s.text());
                String sub = s.header("Location");
                long id = Long.parseLong(sub.substring(sub.lastIndexOf('/') + 1));
                JdbcSubscriptionStore queueA = JdbcSubscriptionStore.on(nodeA);
                for (int i = 1; i <= 3; i++) {
                    queueA.enqueue(List.of(new AbstractMap.SimpleImmutableEntry<>(id, notice(edev, sub))),
                            Instant.now());
                    int expected = i;
                    NodeKillSupport.await(BOUND_SECONDS, () -> listener.posts() == expected
                            && queueA.pendingCount() == 0, () -> "posts " + listener.posts() + " of " + expected);
                    assertEquals(edev, listener.next().notification().getSubscribedResource());
                }
            } finally {
                nodeB.close();
            }
        }
    }

    /** A status-0 change notice as node A's notifier would queue it (limit 0: no resource). */
    private static byte[] notice(String edev, String sub) throws Exception {
        Notification n = new Notification();
        n.setSubscribedResource(edev);
        n.setSubscriptionURI(sub);
        n.setStatus((short) 0);
        return SepFixture.CODEC.encode(n);
    }
}
