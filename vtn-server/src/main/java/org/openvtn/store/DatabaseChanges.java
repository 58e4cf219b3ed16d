package org.openvtn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Change propagation between VTN nodes on one PostgreSQL database (issue #19: "LISTEN/NOTIFY or equal"). A node that
 * changes something other nodes must act on publishes {@code topic} and {@code key} (e.g. {@code poll} and a VEN ID)
 * inside the writing transaction with {@code pg_notify}; PostgreSQL delivers it only if and when that transaction
 * commits. Each node LISTENs on one dedicated connection of its own (not from the pool, so it never takes a pooled
 * connection's place) on a daemon thread and hands each notification to the topic's subscribers, its own included
 * (they arrive after the commit, when every reader sees the change).
 *
 * <p>Notifications sent while the listening connection is down are lost (PostgreSQL queues them only for connected
 * listeners): after it reconnects (database restart, network loss, the backend terminated) the reconnect subscribers
 * run once, and do a full sweep. The periodic sweeps the subscribers keep anyway bound the delay if a notification
 * is ever missed.
 */
final class DatabaseChanges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseChanges.class);
    /** The one channel; the payload is {@code <node>|<topic>|<key>}. */
    static final String CHANNEL = "openvtn_changes";
    /** The listening connection's application_name (visible in pg_stat_activity). */
    static final String APPLICATION_NAME = "openvtn-changes";
    private static final int WAIT_MS = 500;
    /** A quiet connection is checked with a trivial query this often, so a silently lost one is noticed. */
    private static final long CHECK_EVERY_MS = 10_000;

    private final PGSimpleDataSource source;
    private final String node = UUID.randomUUID().toString();
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final List<Runnable> reconnected = new CopyOnWriteArrayList<>();
    private final AtomicLong connects = new AtomicLong();
    private volatile boolean closed;
    private Thread thread;

    DatabaseChanges(DatabaseConfig config) {
        source = new PGSimpleDataSource();
        source.setURL(config.url());
        source.setUser(config.user());
        source.setPassword(config.password());
        source.setApplicationName(APPLICATION_NAME);
        source.setTcpKeepAlive(true);
    }

    /** @return the notification payload of a change of this node */
    String payload(String topic, String key) {
        return node + "|" + topic + "|" + key;
    }

    /**
     * Publishes a transaction's changes in one statement, inside it on {@code c}: delivered to other nodes on commit
     * (a fan-out to many VENs costs one round trip, not one per VEN).
     */
    void publish(Connection c, java.util.Collection<String> payloads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, p) FROM unnest(?) AS p")) {
            ps.setString(1, CHANNEL);
            ps.setArray(2, c.createArrayOf("text", payloads.toArray()));
            ps.execute();
        }
    }

    /** Subscribes to a topic; the listener runs on the listening thread, must be quick and must not block. */
    synchronized void subscribe(String topic, Consumer<String> listener) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
        startOnce();
    }

    /** Runs after each reconnect of the listening connection (not after the first connect). */
    synchronized void onReconnect(Runnable sweep) {
        reconnected.add(sweep);
        startOnce();
    }

    /** @return how often the listening connection was (re-)established */
    long connects() {
        return connects.get();
    }

    private void startOnce() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, "openvtn-db-changes");
            thread.setDaemon(true);
            thread.start();
        }
    }

    private void run() {
        long backoff = 200;
        while (!closed) {
            try (Connection c = source.getConnection()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LISTEN " + CHANNEL);
                }
                if (connects.incrementAndGet() > 1) {
                    LOG.info("change notifications from other nodes resumed; sweeping for what was missed");
                    reconnected.forEach(DatabaseChanges::runQuietly);
                }
                backoff = 200;
                listen(c.unwrap(PGConnection.class), c);
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                LOG.warn("change notifications from other nodes lost ({}); reconnecting in {} ms, other nodes' "
                        + "changes are picked up by the periodic sweep meanwhile", e.getMessage(), backoff);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException stop) {
                    return;
                }
                backoff = Math.min(backoff * 2, 10_000);
            }
        }
    }

    private void listen(PGConnection pg, Connection c) throws SQLException {
        long quietSince = System.nanoTime();
        while (!closed) {
            PGNotification[] got = pg.getNotifications(WAIT_MS);
            if (got != null && got.length > 0) {
                quietSince = System.nanoTime();
                for (PGNotification n : got) {
                    dispatch(n.getParameter());
                }
            } else if ((System.nanoTime() - quietSince) / 1_000_000 > CHECK_EVERY_MS) {
                try (Statement st = c.createStatement()) {
                    st.execute("SELECT 1");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    private void dispatch(String payload) {
        String[] p = payload.split("\\|", 3);
        if (p.length != 3) {
            return;
        }
        // this node's own changes too: its in-process listeners may have run before the commit, when a reader on
        // another thread could not see the change yet; the notification arrives after the commit
        for (Consumer<String> l : subscribers.getOrDefault(p[1], List.of())) {
            try {
                l.accept(p[2]);
            } catch (RuntimeException e) {
                LOG.warn("change listener for {} failed: {}", p[1], e.toString());
            }
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("sweep after reconnect failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
