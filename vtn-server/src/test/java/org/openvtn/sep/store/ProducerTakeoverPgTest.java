package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openvtn.sep.store.JdbcNotificationLeases.ProducerCursor;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.Jdbc;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * Issue #19, IEEE 2030.5 notification production (IEEE 2030.5-2018 §5.6, CSIP CORE-018/019) taken over by another node:
 * two {@link Database} pools on one PostgreSQL database (two {@code openvtn serve} processes). Node A holds the producer
 * lease and dies in the middle of producing a change-log row (its backend is terminated while its transaction waits,
 * as a SIGKILL would leave it); node B takes the lease over after it lapses and continues from the cursor A committed.
 * Each change is produced exactly once: the Notifications of a change and the cursor past it commit together
 * ({@link JdbcSubscriptionStore#enqueueProduced}), and a node that lost the lease queues nothing. The death is placed
 * once before the cursor is written and once before the rows are, so an implementation that commits either without the
 * other fails (a change produced twice, or one lost). The program set the holder notified (migration V50) travels with
 * the cursor: a program created in the dead step is not in the set B takes over, so B's notifier announces it.
 */
class ProducerTakeoverPgTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void killedWhileWritingTheCursorTakeoverProducesEachChangeOnce() throws Exception {
        takeover("LOCK TABLE sep_notify_producer IN EXCLUSIVE MODE");
    }

    @Test
    void killedWhileQueueingTheRowsTakeoverProducesEachChangeOnce() throws Exception {
        takeover("LOCK TABLE sep_notifications IN EXCLUSIVE MODE");
    }

    private static void takeover(String blockA) throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepproducer");
        ExecutorService nodeA = Executors.newSingleThreadExecutor();
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            JdbcSubscriptionStore subsA = JdbcSubscriptionStore.on(a);
            JdbcSubscriptionStore subsB = JdbcSubscriptionStore.on(b);
            long s = subsA.insert(1, "/edev/1", (short) 0, "+S1", 1, "https://device.example/n", T0).id();

            assertEquals(-1, subsA.leases().leadProducer("a", T0, LEASE).orElseThrow().lastChange(), "A leads");
            assertTrue(subsB.leases().leadProducer("b", T0.plusSeconds(1), LEASE).isEmpty(), "one producer at a time");
            assertTrue(produce(subsA, "a", s, 1).isPresent(), "change 1 produced by A");
            assertEquals(Set.of("p1"), subsA.leases().leadProducer("a", T0, LEASE).orElseThrow().programs());

            // A produces change 2 and dies mid-transaction: its statement waits on a lock node B's session holds, and
            // that session terminates A's backend before letting go (what the database sees of a SIGKILLed node)
            Future<Optional<List<JdbcSubscriptionStore.Queued>>> dying;
            try (Connection lock = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                lock.setAutoCommit(false);
                try (Statement st = lock.createStatement()) {
                    st.execute(blockA);
                }
                dying = nodeA.submit(() -> produce(subsA, "a", s, 2));
                terminateWaiter(b.database());
                lock.rollback();
            }
            Exception died = assertThrows(Exception.class, () -> dying.get(60, TimeUnit.SECONDS));
            assertTrue(died.getCause() instanceof org.openvtn.store.StoreException, died.toString());

            // B takes over once A's lease lapsed, from the cursor A committed: change 2 once, change 1 not again
            assertTrue(subsB.leases().leadProducer("b", T0.plusSeconds(29), LEASE).isEmpty(), "A's lease still holds");
            ProducerCursor cursor = subsB.leases().leadProducer("b", T0.plusSeconds(31), LEASE).orElseThrow();
            assertEquals(1, cursor.lastChange(), "the cursor A committed with its last rows");
            // program p2 was created in A's dead step: B starts from the set A committed, so it notifies p2 (V50)
            assertEquals(Set.of("p1"), cursor.programs(), "the program set A committed with its last rows");
            assertEquals(List.of(body(1)), bodies(subsB, s), "change 1 queued once, nothing of the dead attempt");
            assertTrue(produce(subsB, "b", s, 2).isPresent(), "change 2 produced by B");
            assertTrue(produce(subsB, "b", s, 3).isPresent(), "change 3 produced by B");

            // A comes back from a stall (not dead after all): it no longer holds the lease and queues nothing
            assertTrue(produce(subsA, "a", s, 3).isEmpty(), "a node that lost the lease produces nothing");
            assertEquals(List.of(body(1), body(2), body(3)), bodies(subsB, s), "each change queued exactly once");
            ProducerCursor last = subsB.leases().leadProducer("b", T0.plusSeconds(32), LEASE).orElseThrow();
            assertEquals(3, last.lastChange());
            assertEquals(Set.of("p1", "p2"), last.programs());
        } finally {
            nodeA.shutdownNow();
        }
    }

    /**
     * The producer's step for change-log row {@code change}: one Notification for {@code s} with the cursor; program
     * p1 exists from change 1 on, p2 is created with change 2.
     */
    private static Optional<List<JdbcSubscriptionStore.Queued>> produce(JdbcSubscriptionStore subs, String node,
                                                                       long s, int change) {
        return subs.enqueueProduced(List.of(new AbstractMap.SimpleImmutableEntry<>(s, bytes(change))), Set.of(), T0,
                node, change, T0, change < 2 ? Set.of("p1") : Set.of("p1", "p2"));
    }

    /** Waits (up to 60 s) until another backend waits on a lock in this database, and terminates it. */
    private static void terminateWaiter(Database db) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Optional<Boolean> killed = db.inTransaction(c -> Jdbc.one(c, "SELECT pg_terminate_backend(pid)"
                    + " FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
                    + " AND pid <> pg_backend_pid()", ps -> { }, rs -> rs.getBoolean(1)));
            if (killed.orElse(false)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("node A never waited on the lock");
    }

    private static List<String> bodies(JdbcSubscriptionStore subs, long s) {
        return subs.pending(s, 0, 100).stream().map(q -> new String(q.body(), StandardCharsets.UTF_8)).toList();
    }

    private static String body(int change) {
        return "<Notification>" + change + "</Notification>";
    }

    private static byte[] bytes(int change) {
        return body(change).getBytes(StandardCharsets.UTF_8);
    }
}
