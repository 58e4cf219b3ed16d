package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvtn.core.PushOutboxService.Entry;

/**
 * Issue #19, each pending OpenADR 2.0b push delivered by exactly one node: two {@link Database} pools on one
 * PostgreSQL database (two {@code openvtn serve} processes) run their own claim loop over one push outbox
 * ({@link JdbcPushStore#claimHead}, migration V12 leases). The push exchange model (OpenADR 2.0b profile 8.1/8.2:
 * the VTN pushes to the VEN's endpoint) delivers a VEN's messages in order; the lease covers only a lane's head so
 * that order holds across nodes. A node that dies holding a lease loses nothing: after the lease lapses another node
 * takes the entry over, and the dead node can no longer complete it.
 */
class PushLeaseTwoNodesPgTest {
    private static final int VENS = 4;
    private static final int PER_VEN = 12;
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void twoNodesDeliverEveryEntryOnceInPerVenOrder() throws Exception {
        PostgresServer pg = PostgresServer.require();
        DatabaseConfig db = pg.database("pushlease");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            JdbcPushStore nodeA = JdbcPushStore.on(a);
            JdbcPushStore nodeB = JdbcPushStore.on(b);
            Map<String, List<Long>> appended = new ConcurrentHashMap<>();
            for (int i = 0; i < PER_VEN; i++) {
                for (int v = 0; v < VENS; v++) {
                    String ven = "ven" + v;
                    long seq = nodeA.append(ven, "EVENTS", "e" + i, "<p/>", Instant.EPOCH).seq();
                    appended.computeIfAbsent(ven, k -> new ArrayList<>()).add(seq);
                }
            }
            Map<String, List<Long>> delivered = new ConcurrentHashMap<>();
            Map<Long, String> deliveredBy = new ConcurrentHashMap<>();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger lostCompletions = new AtomicInteger();
            AtomicInteger total = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> loops = new ArrayList<>();
                // one claim loop per lease holder id (a holder re-claiming its own head renews the lease); two loops per pool
                String[] nodes = {"node-a1", "node-b1", "node-a2", "node-b2"};
                JdbcPushStore[] stores = {nodeA, nodeB, nodeA, nodeB};
                for (int t = 0; t < nodes.length; t++) {
                    String node = nodes[t];
                    JdbcPushStore store = stores[t];
                    loops.add(pool.submit(() -> {
                        go.await();
                        while (total.get() < VENS * PER_VEN) {
                            for (int v = 0; v < VENS; v++) {
                                String ven = "ven" + v;
                                Optional<Entry> head = store.claimHead(ven, node, Instant.now(), LEASE);
                                if (head.isEmpty()) {
                                    continue;
                                }
                                long seq = head.get().seq();
                                // "delivery" happens while the lease is held, before the entry is completed
                                if (deliveredBy.putIfAbsent(seq, node) != null) {
                                    duplicates.incrementAndGet();
                                }
                                delivered.computeIfAbsent(ven, k -> java.util.Collections.synchronizedList(
                                        new ArrayList<>())).add(seq);
                                if (!store.complete(seq, node)) {
                                    lostCompletions.incrementAndGet();
                                }
                                total.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : loops) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, duplicates.get(), "no entry delivered twice");
            assertEquals(0, lostCompletions.get(), "every holder could complete its own lease");
            assertEquals(VENS * PER_VEN, deliveredBy.size(), "every entry delivered");
            for (int v = 0; v < VENS; v++) {
                String ven = "ven" + v;
                assertEquals(appended.get(ven), delivered.get(ven), "per-VEN order kept for " + ven);
            }
            assertEquals(0, nodeB.size(), "outbox drained");
        }
    }

    @Test
    void leaseOfADeadNodeIsTakenOverAfterExpiry() {
        PostgresServer pg = PostgresServer.require();
        DatabaseConfig db = pg.database("pushlease");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            LeaseTakeover.check(JdbcPushStore.on(a), JdbcPushStore.on(b));
        }
    }

    /** The take-over sequence shared with the Derby test; instants are explicit, so no test waits for a lease. */
    static final class LeaseTakeover {
        private LeaseTakeover() {
        }

        static void check(JdbcPushStore dead, JdbcPushStore alive) {
            Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
            Duration lease = Duration.ofMinutes(1);
            long first = dead.append("venX", "EVENTS", "e1", "<a/>", t0).seq();
            long second = dead.append("venX", "EVENTS", "e2", "<b/>", t0).seq();
            assertEquals(first, dead.claimHead("venX", "dead", t0, lease).orElseThrow().seq());
            // the dead node never completes; while its lease holds the other node gets nothing (not the 2nd entry)
            assertTrue(alive.claimHead("venX", "alive", t0.plusSeconds(59), lease).isEmpty(), "live lease held");
            Optional<Entry> taken = alive.claimHead("venX", "alive", t0.plusSeconds(61), lease);
            assertEquals(first, taken.orElseThrow().seq(), "lapsed lease taken over, head first");
            assertFalse(dead.complete(first, "dead"), "the dead node's lease is gone");
            assertFalse(dead.release(first, "dead"));
            assertTrue(alive.complete(first, "alive"));
            // release: a failed attempt hands the head back to any node at once
            assertEquals(second, alive.claimHead("venX", "alive", t0.plusSeconds(62), lease).orElseThrow().seq());
            assertTrue(alive.release(second, "alive"));
            assertEquals(second, dead.claimHead("venX", "other", t0.plusSeconds(63), lease).orElseThrow().seq());
            assertTrue(dead.complete(second, "other"));
            assertEquals(0, alive.size("venX"));
        }
    }
}
