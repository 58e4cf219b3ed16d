package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvtn.sep.store.JdbcNotificationLeases.Claimed;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * Issue #19, each queued IEEE 2030.5 Notification (IEEE 2030.5-2018 §5.6, CSIP CORE-018/019) sent by exactly one node:
 * two {@link Database} pools on one PostgreSQL database (two {@code openvtn serve} processes) run their own claim
 * loops over one Notification queue ({@link JdbcNotificationLeases}, migration V26). A subscription's Notifications
 * go out in order, because only the head of its queue is ever leased; a node that dies holding a lease loses nothing:
 * once the lease lapses another node takes the row over and the dead node can no longer remove it.
 */
class NotificationLeasesTwoNodesPgTest {
    private static final int SUBSCRIPTIONS = 5;
    private static final int PER_SUBSCRIPTION = 12;
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void twoNodesDeliverEachNotificationOnceInPerSubscriptionOrder() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepleases");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            JdbcSubscriptionStore subsA = JdbcSubscriptionStore.on(a);
            List<Long> subs = new ArrayList<>();
            for (int s = 0; s < SUBSCRIPTIONS; s++) {
                subs.add(subsA.insert(1, "/edev/1/derp/p" + s + "/derc", (short) 0, "+S1", 1,
                        "https://device.example/n" + s, T0).id());
            }
            Map<Long, List<Long>> queued = new ConcurrentHashMap<>();
            for (int i = 0; i < PER_SUBSCRIPTION; i++) {
                for (long s : subs) {
                    long id = subsA.enqueue(List.of(new AbstractMap.SimpleImmutableEntry<>(s, body(i))), T0)
                            .get(0).id();
                    queued.computeIfAbsent(s, k -> new ArrayList<>()).add(id);
                }
            }
            JdbcNotificationLeases[] stores = {subsA.leases(), JdbcSubscriptionStore.on(b).leases(),
                subsA.leases(), JdbcSubscriptionStore.on(b).leases()};
            String[] nodes = {"node-a1", "node-b1", "node-a2", "node-b2"};
            Map<Long, String> sentBy = new ConcurrentHashMap<>();
            Map<Long, List<Long>> sent = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger lostLeases = new AtomicInteger();
            AtomicInteger total = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(nodes.length);
            try {
                List<Future<?>> loops = new ArrayList<>();
                for (int t = 0; t < nodes.length; t++) {
                    JdbcNotificationLeases store = stores[t];
                    String node = nodes[t];
                    loops.add(pool.submit(() -> {
                        go.await();
                        while (total.get() < SUBSCRIPTIONS * PER_SUBSCRIPTION) {
                            for (long s : store.claimable(Instant.now(), 100)) {
                                Optional<Claimed> head = store.claimHead(s, node, Instant.now(), LEASE);
                                if (head.isEmpty()) {
                                    continue;
                                }
                                Claimed row = head.get();
                                // the POST happens while the lease is held, before the row is removed
                                if (sentBy.putIfAbsent(row.id(), node) != null) {
                                    duplicates.incrementAndGet();
                                }
                                sent.computeIfAbsent(s, k -> Collections.synchronizedList(new ArrayList<>()))
                                        .add(row.id());
                                if (!store.finish(row, node, true)) {
                                    lostLeases.incrementAndGet();
                                }
                                total.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : loops) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, duplicates.get(), "no Notification sent twice");
            assertEquals(0, lostLeases.get(), "every holder could remove its own row");
            assertEquals(SUBSCRIPTIONS * PER_SUBSCRIPTION, sentBy.size(), "every Notification sent");
            assertTrue(Set.copyOf(sentBy.values()).size() > 1, "both nodes took part: " + Set.copyOf(sentBy.values()));
            for (long s : subs) {
                assertEquals(queued.get(s), sent.get(s), "order kept for subscription " + s);
                assertEquals(PER_SUBSCRIPTION, subsA.find(s).orElseThrow().delivered(), "delivered counter " + s);
            }
            assertEquals(0, subsA.pendingCount(), "queue drained");
        }
    }

    @Test
    void deadNodesLeaseIsTakenOverAfterExpiryAndBackoffHoldsOnEveryNode() {
        DatabaseConfig db = PostgresServer.require().database("sepleases");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            JdbcSubscriptionStore subs = JdbcSubscriptionStore.on(a);
            JdbcNotificationLeases dead = subs.leases();
            JdbcNotificationLeases alive = JdbcSubscriptionStore.on(b).leases();
            assertTrue(dead.shared(), "PostgreSQL: deliveries are leased");
            long s = subs.insert(1, "/edev/1/derp", (short) 0, "+S1", 1, "https://device.example/n", T0).id();
            List<JdbcSubscriptionStore.Queued> rows = subs.enqueue(List.of(
                    new AbstractMap.SimpleImmutableEntry<>(s, body(1)), new AbstractMap.SimpleImmutableEntry<>(s, body(2)),
                    new AbstractMap.SimpleImmutableEntry<>(s, body(3))), T0);
            Duration lease = Duration.ofMinutes(1);
            assertEquals(rows.get(0).id(), dead.claimHead(s, "dead", T0, lease).orElseThrow().id());
            // while the dead node's lease holds, nothing of this subscription is sent elsewhere (not the 2nd row)
            assertTrue(alive.claimHead(s, "alive", T0.plusSeconds(59), lease).isEmpty(), "live lease held");
            assertTrue(alive.claimable(T0.plusSeconds(59), 10).isEmpty(), "the sweep leaves a held head alone");
            assertEquals(List.of(s), alive.claimable(T0.plusSeconds(61), 10), "a lapsed head is swept");
            Claimed taken = alive.claimHead(s, "alive", T0.plusSeconds(61), lease).orElseThrow();
            assertEquals(rows.get(0).id(), taken.id(), "lapsed lease taken over, head first");
            assertEquals("https://device.example/n", taken.notificationUri());
            assertFalse(dead.renew(taken.id(), "dead", T0.plusSeconds(62), lease), "the dead node's lease is gone");
            assertFalse(dead.finish(taken, "dead", true), "the dead node cannot remove the row");
            assertTrue(alive.finish(taken, "alive", true));
            // a failed attempt: the row goes back with a backoff no node may skip, and its attempt count
            Claimed second = alive.claimHead(s, "alive", T0.plusSeconds(62), lease).orElseThrow();
            assertEquals(rows.get(1).id(), second.id());
            assertTrue(alive.retryLater(second.id(), "alive", 1, T0.plusSeconds(70)));
            assertTrue(dead.claimHead(s, "dead", T0.plusSeconds(69), lease).isEmpty(), "backoff honoured elsewhere");
            Claimed retried = dead.claimHead(s, "dead", T0.plusSeconds(70), lease).orElseThrow();
            assertEquals(second.id(), retried.id());
            assertEquals(1, retried.attempts(), "attempts travel with the row");
            dead.release(retried.id(), "dead");
            assertEquals(second.id(), alive.claimHead(s, "alive", T0.plusSeconds(71), lease).orElseThrow().id(),
                    "a released lease is free at once");
            assertEquals(2, alive.queued(s));
        }
    }

    @Test
    void finalNoticeEndsTheSubscriptionOnTheNodeThatSendsIt() {
        DatabaseConfig db = PostgresServer.require().database("sepleases");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db))) {
            JdbcSubscriptionStore subs = JdbcSubscriptionStore.on(a);
            long s = subs.insert(1, "/edev/1/derp/gone/derc", (short) 0, "+S1", 1, "https://d.example/n", T0).id();
            subs.enqueue(List.of(new AbstractMap.SimpleImmutableEntry<>(s, body(4))), Set.of(s), T0);
            Claimed last = subs.leases().claimHead(s, "n", T0, LEASE).orElseThrow();
            assertTrue(last.finalNotice(), "status 4 row marked");
            assertTrue(subs.leases().finish(last, "n", true));
            assertTrue(subs.find(s).isEmpty(), "subscription ended with its final notice (§5.6 status 4)");
        }
    }

    private static byte[] body(int i) {
        return ("<Notification>" + i + "</Notification>").getBytes(StandardCharsets.UTF_8);
    }
}
