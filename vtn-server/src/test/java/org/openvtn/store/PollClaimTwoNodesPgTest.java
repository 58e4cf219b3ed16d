package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvtn.core.PollItem;

/**
 * Issue #19, two nodes on one PostgreSQL database: two {@link Database} pools (as two {@code openvtn serve}
 * processes would hold) claim the same VEN's poll queue concurrently (OpenADR 2.0b profile 8.7 OadrPoll; the claim of
 * {@link PollStore#claim} is {@code FOR UPDATE SKIP LOCKED}). Every item is taken exactly once: none twice, none lost.
 */
class PollClaimTwoNodesPgTest {
    private static final int ITEMS = 60;

    @Test
    void twoPoolsNeverClaimTheSameItem() throws Exception {
        PostgresServer pg = PostgresServer.require();
        DatabaseConfig db = pg.database("pollclaim");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            for (int i = 0; i < ITEMS; i++) {
                a.polls().insert("ven1", PollItem.Kind.EVENTS_CHANGED, "e" + i, Instant.EPOCH);
            }
            Set<Long> taken = ConcurrentHashMap.newKeySet();
            AtomicInteger duplicates = new AtomicInteger();
            AtomicInteger total = new AtomicInteger();
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> nodes = List.of(a, b, a, b).stream().map(store -> pool.submit(() -> {
                    go.await();
                    while (total.get() < ITEMS) {
                        store.inTransaction(() -> {
                            List<PollItem> claimed = store.polls().claim("ven1");
                            if (!claimed.isEmpty()) {
                                PollItem head = claimed.get(0);
                                store.polls().delete(head.seq());
                                if (!taken.add(head.seq())) {
                                    duplicates.incrementAndGet();
                                }
                                total.incrementAndGet();
                            }
                            return null;
                        });
                    }
                    return null;
                })).<Future<?>>map(f -> f).toList();
                go.countDown();
                for (Future<?> f : nodes) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, duplicates.get(), "no item claimed twice");
            assertEquals(ITEMS, taken.size(), "every item claimed");
            assertTrue(a.polls().list("ven1").isEmpty());
        }
    }
}
