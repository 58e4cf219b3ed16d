package org.openvtn.sep.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.HeadLeases;
import org.openvtn.store.Jdbc;

/**
 * Leases on the durable Notification queue (IEEE 2030.5-2018 §5.6; issue #19, migration V26) for several nodes on one
 * PostgreSQL database: a node leases the head row of a subscription's queue ({@code claimed_by}, {@code lease_until})
 * before it POSTs it, renews the lease while the request runs, removes the row only while it still holds the lease,
 * and gives it back after a failed attempt with {@code lease_until} set to the earliest retry (the backoff then holds
 * on every node). Only a head is ever leased, so per-subscription order holds across nodes. A node that dies leaves
 * its leases to lapse; {@link #claimable} finds the rows another node may take over.
 *
 * <p>The head row is read {@code FOR UPDATE SKIP LOCKED} (a head another node is claiming right now is skipped, never
 * the row behind it) and leased by a conditional update, which alone decides between racing claimers.
 */
public final class JdbcNotificationLeases {
    private final Database db;
    private final HeadLeases heads;

    /** A leased head: the row, its subscription's current notificationURI, attempts so far, whether it ends it. */
    public record Claimed(long id, long subscriptionId, byte[] body, String notificationUri, int attempts,
                          boolean finalNotice) {
    }

    /**
     * Where the producer duties stopped: the newest change-log row fanned out (-1: none yet), the last tick, and the
     * program ids whose creation or removal was last notified (migration V50; null: not recorded yet).
     */
    public record ProducerCursor(long lastChange, Instant lastTick, java.util.Set<String> programs) {
    }

    JdbcNotificationLeases(Database db) {
        this.db = db;
        this.heads = new HeadLeases(db, "sep_notifications", "id", "subscription_id",
                "id, body, claimed_by, lease_until, attempts, final_notice", HeadLeases.Backoff.UNHELD_UNTIL);
    }

    /** @return whether the queue is shared by several processes (PostgreSQL) and deliveries must be leased */
    public boolean shared() {
        return !db.singleProcess();
    }

    /**
     * Leases the oldest queued Notification of a subscription for {@code node}.
     *
     * @return the leased row, or empty when the queue is empty, its head is leased by another node or waits for its
     *         backoff, or the subscription is gone
     */
    public Optional<Claimed> claimHead(long subscriptionId, String node, Instant now, Duration lease) {
        return db.inTransaction(c -> {
            Claimed head;
            try (PreparedStatement ps = c.prepareStatement(heads.headQuery())) {
                ps.setLong(1, subscriptionId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Claimed>empty();
                    }
                    if (heads.heldAgainst(node, rs.getString(3), Jdbc.getInstant(rs, "lease_until"), now)) {
                        return Optional.<Claimed>empty();
                    }
                    head = new Claimed(rs.getLong(1), subscriptionId, rs.getBytes(2), null, rs.getInt(5),
                            rs.getShort(6) != 0);
                }
            }
            Optional<String> uri = Jdbc.one(c, "SELECT notification_uri FROM sep_subscriptions WHERE id = ?",
                    ps -> ps.setLong(1, subscriptionId), rs -> rs.getString(1));
            if (uri.isEmpty()) {
                return Optional.<Claimed>empty();
            }
            return heads.take(c, head.id(), node, now, lease) ? Optional.of(new Claimed(head.id(), subscriptionId, head.body(), uri.get(),
                    head.attempts(), head.finalNotice())) : Optional.<Claimed>empty();
        });
    }

    /** Extends a lease this node holds; false when it was lost (lapsed and taken over, or the row is gone). */
    public boolean renew(long id, String node, Instant now, Duration lease) {
        return db.inTransaction(c -> heads.renew(c, id, node, now, lease));
    }

    /**
     * Removes a delivered or given-up row this node still holds and adds to its subscription's counter; for a final
     * notice (status 4) the subscription ends with it, with anything still queued behind it.
     *
     * @return false when the lease was lost (another node may send the row again)
     */
    public boolean finish(Claimed row, String node, boolean delivered) {
        return db.inTransaction(c -> {
            int n = Jdbc.update(c, "DELETE FROM sep_notifications WHERE id = ? AND claimed_by = ?", ps -> {
                ps.setLong(1, row.id());
                ps.setString(2, node);
            });
            if (n == 0) {
                return false;
            }
            String column = delivered ? "delivered" : "dropped";
            Jdbc.update(c, "UPDATE sep_subscriptions SET " + column + " = " + column + " + 1 WHERE id = ?",
                    ps -> ps.setLong(1, row.subscriptionId()));
            if (row.finalNotice()) {
                Jdbc.update(c, "DELETE FROM sep_notifications WHERE subscription_id = ?",
                        ps -> ps.setLong(1, row.subscriptionId()));
                Jdbc.update(c, "DELETE FROM sep_subscriptions WHERE id = ?", ps -> ps.setLong(1, row.subscriptionId()));
            }
            return true;
        });
    }

    /**
     * Gives a row back after a failed attempt: no node claims it before {@code notBefore} (the backoff).
     *
     * @return false when the lease was already lost
     */
    public boolean retryLater(long id, String node, int attempts, Instant notBefore) {
        return db.inTransaction(c -> Jdbc.update(c, "UPDATE sep_notifications SET claimed_by = NULL, lease_until = ?,"
                + " attempts = ? WHERE id = ? AND claimed_by = ?", ps -> {
                    Jdbc.setInstant(ps, 1, notBefore);
                    ps.setInt(2, attempts);
                    ps.setLong(3, id);
                    ps.setString(4, node);
                }) == 1);
    }

    /** Gives a lease back at once (the node stops), so another node takes the row over without waiting for a lapse. */
    public void release(long id, String node) {
        db.inTransaction(c -> heads.release(c, id, node));
    }

    /**
     * @return up to {@code max} subscriptions whose head row no node holds (never leased, given back, or its lease
     *         lapsed) and whose backoff is over: the sweep's work
     */
    public List<Long> claimable(Instant now, int max) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT subscription_id FROM sep_notifications WHERE id IN"
                    + " (SELECT MIN(id) FROM sep_notifications GROUP BY subscription_id)"
                    + " AND (lease_until IS NULL OR lease_until <= ?) ORDER BY id")) {
                ps.setMaxRows(max);
                Jdbc.setInstant(ps, 1, now);
                return ids(ps);
            }
        });
    }

    /**
     * Takes or renews the lease on the notifier's producer duties (change log, clock; migration V26 table
     * {@code sep_notify_producer}) for {@code node}: one node at a time holds them.
     *
     * @return the cursors when {@code node} holds the lease now, empty when another node does
     */
    public Optional<ProducerCursor> leadProducer(String node, Instant now, Duration lease) {
        return db.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE sep_notify_producer SET holder = ?, lease_until = ? WHERE name = 'producer'"
                    + " AND (holder IS NULL OR holder = ? OR lease_until IS NULL OR lease_until <= ?)", ps -> {
                        ps.setString(1, node);
                        Jdbc.setInstant(ps, 2, now.plus(lease));
                        ps.setString(3, node);
                        Jdbc.setInstant(ps, 4, now);
                    });
            return n == 0 ? Optional.<ProducerCursor>empty() : Jdbc.one(c, "SELECT last_change, last_tick,"
                    + " program_ids FROM sep_notify_producer WHERE name = 'producer'", ps -> { },
                    rs -> new ProducerCursor(rs.getLong(1), Jdbc.getInstant(rs, "last_tick"),
                            programSet(rs.getString("program_ids"))));
        });
    }

    /**
     * Records how far the producer got, while {@code node} still holds its lease; false when it was lost.
     *
     * @param programs the program ids whose creation or removal has been notified
     */
    public boolean advanceProducer(String node, long lastChange, Instant lastTick, java.util.Set<String> programs) {
        return db.inTransaction(c -> Jdbc.update(c, "UPDATE sep_notify_producer SET last_change = ?, last_tick = ?,"
                + " program_ids = ? WHERE name = 'producer' AND holder = ?", ps -> {
                    ps.setLong(1, lastChange);
                    Jdbc.setInstant(ps, 2, lastTick);
                    ps.setString(3, String.join("\n", new java.util.TreeSet<>(programs)));
                    ps.setString(4, node);
                }) == 1);
    }

    private static java.util.Set<String> programSet(String stored) {
        if (stored == null) {
            return null;
        }
        return stored.isEmpty() ? java.util.Set.of() : java.util.Set.of(stored.split("\n"));
    }

    /** @return the number of queued Notifications of one subscription (the per-subscription bound) */
    public long queued(long subscriptionId) {
        return db.inTransaction(c -> count(c, subscriptionId));
    }

    private static long count(Connection c, long subscriptionId) throws SQLException {
        return Jdbc.one(c, "SELECT COUNT(*) FROM sep_notifications WHERE subscription_id = ?",
                ps -> ps.setLong(1, subscriptionId), rs -> rs.getLong(1)).orElse(0L);
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }
}
