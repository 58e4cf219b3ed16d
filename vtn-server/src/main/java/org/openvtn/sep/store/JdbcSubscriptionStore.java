package org.openvtn.sep.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.VtnStore;
import org.openvtn.store.Jdbc;

/**
 * Durable subscriptions and the durable notification queue (IEEE 2030.5-2018 §5.6; issue 6:
 * "delivery is durable (queued in the database)"). Tables {@code sep_subscriptions},
 * {@code sep_notifications} (migration V3). Bodies are stored as the encoded, schema-valid bytes
 * that will be POSTed.
 */
public final class JdbcSubscriptionStore {
    private static final String COLUMNS = "id, device_id, subscribed_resource, encoding, sub_level, sub_limit, "
            + "notification_uri, created_at, delivered, dropped, cond_attribute, cond_lower, cond_upper";

    /** One queued Notification. */
    public record Queued(long id, long subscriptionId, byte[] body) {
    }

    /** The change topic of queued Notifications (payload: the subscription id). */
    private static final String QUEUED = "sep-notification";

    private final Database db;

    private JdbcSubscriptionStore(Database db) {
        this.db = db;
    }

    /**
     * Locks the EndDevice's row for the rest of the caller's transaction, so a per-device quota counted after it holds
     * across nodes (issue #19; {@link JdbcSepStore#lockDevice}).
     */
    public void lockDevice(long deviceId) {
        db.inTransaction(c -> {
            JdbcSepStore.lockDevice(db, c, deviceId);
            return null;
        });
    }

    /** Runs {@code work} atomically (joins an enclosing transaction on the same thread). */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return db.inTransaction(work);
    }

    /** @return the delivery leases on the same queue (several nodes on PostgreSQL; issue #19) */
    public JdbcNotificationLeases leases() {
        return new JdbcNotificationLeases(db);
    }

    /** @return a store on the core's database */
    public static JdbcSubscriptionStore on(VtnStore store) {
        return new JdbcSubscriptionStore(store.database());
    }

    /** Stores a non-conditional subscription. */
    public SepSubscription insert(long deviceId, String resource, short encoding, String level, long limit,
                                  String uri, Instant now) {
        return insert(deviceId, resource, encoding, level, limit, uri, null, now);
    }

    /** Stores a subscription with its {@code Condition} (null: non-conditional). */
    public SepSubscription insert(long deviceId, String resource, short encoding, String level, long limit,
                                  String uri, SepSubscription.Condition condition, Instant now) {
        return db.inTransaction(c -> {
            long id = Jdbc.insert(c, "INSERT INTO sep_subscriptions (device_id, subscribed_resource, encoding, "
                    + "sub_level, sub_limit, notification_uri, created_at, delivered, dropped, cond_attribute, "
                    + "cond_lower, cond_upper) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?)", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setString(2, resource);
                        ps.setShort(3, encoding);
                        ps.setString(4, level);
                        ps.setLong(5, limit);
                        ps.setString(6, uri);
                        Jdbc.setInstant(ps, 7, now);
                        setCondition(ps, 8, condition);
                    });
            return new SepSubscription(id, deviceId, resource, encoding, level, limit, uri, now, 0, 0, condition);
        });
    }

    private static void setCondition(PreparedStatement ps, int at, SepSubscription.Condition condition)
            throws SQLException {
        if (condition == null) {
            ps.setNull(at, java.sql.Types.SMALLINT);
            ps.setNull(at + 1, java.sql.Types.BIGINT);
            ps.setNull(at + 2, java.sql.Types.BIGINT);
        } else {
            ps.setShort(at, condition.attributeIdentifier());
            ps.setLong(at + 1, condition.lowerThreshold());
            ps.setLong(at + 2, condition.upperThreshold());
        }
    }

    /**
     * Replaces level, limit, notificationURI and Condition of a subscription (PUT); counters and queued rows stay.
     *
     * @return the updated subscription, or empty when it no longer exists
     */
    public Optional<SepSubscription> update(long id, String level, long limit, String uri,
                                            SepSubscription.Condition condition) {
        return db.inTransaction(c -> {
            int n = Jdbc.update(c, "UPDATE sep_subscriptions SET sub_level = ?, sub_limit = ?, notification_uri = ?,"
                    + " cond_attribute = ?, cond_lower = ?, cond_upper = ? WHERE id = ?", ps -> {
                        ps.setString(1, level);
                        ps.setLong(2, limit);
                        ps.setString(3, uri);
                        setCondition(ps, 4, condition);
                        ps.setLong(7, id);
                    });
            return n == 0 ? Optional.<SepSubscription>empty() : Jdbc.one(c, "SELECT " + COLUMNS
                    + " FROM sep_subscriptions WHERE id = ?", ps -> ps.setLong(1, id), JdbcSubscriptionStore::row);
        });
    }

    public Optional<SepSubscription> find(long id) {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT " + COLUMNS + " FROM sep_subscriptions WHERE id = ?",
                ps -> ps.setLong(1, id), JdbcSubscriptionStore::row));
    }

    /** @return a device's subscriptions by id */
    public List<SepSubscription> byDevice(long deviceId) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT " + COLUMNS
                + " FROM sep_subscriptions WHERE device_id = ? ORDER BY id", ps -> ps.setLong(1, deviceId),
                JdbcSubscriptionStore::row));
    }

    /** @return every subscription by id */
    public List<SepSubscription> list() {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM sep_subscriptions ORDER BY id",
                ps -> { }, JdbcSubscriptionStore::row));
    }

    /**
     * Deletes a subscription and its undelivered notifications.
     *
     * @return the number of queued notifications discarded with it, or -1 when there was no subscription
     */
    public long delete(long id) {
        return db.inTransaction(c -> {
            int n = Jdbc.update(c, "DELETE FROM sep_notifications WHERE subscription_id = ?",
                    ps -> ps.setLong(1, id));
            int s = Jdbc.update(c, "DELETE FROM sep_subscriptions WHERE id = ?", ps -> ps.setLong(1, id));
            return s == 0 ? -1L : (long) n;
        });
    }

    /**
     * Queues notification bodies in one transaction.
     *
     * @param items subscription id -> body, in order
     * @return the queued rows with their ids, in the same order
     */
    public List<Queued> enqueue(List<Map.Entry<Long, byte[]>> items, Instant now) {
        return enqueue(items, java.util.Set.of(), now);
    }

    /**
     * Queues notification bodies in one transaction, marking those of the {@code ending} subscriptions as final
     * notices (status 4: the subscription ends once it is delivered or given up; read by the leased delivery of
     * several nodes, {@link JdbcNotificationLeases}).
     *
     * @param items  subscription id -> body, in order
     * @param ending subscriptions whose notification in {@code items} is their last
     * @return the queued rows with their ids, in the same order
     */
    public List<Queued> enqueue(List<Map.Entry<Long, byte[]>> items, java.util.Set<Long> ending, Instant now) {
        return db.inTransaction(c -> {
            List<Queued> out = new java.util.ArrayList<>(items.size());
            for (Map.Entry<Long, byte[]> e : items) {
                long id = Jdbc.insert(c, "INSERT INTO sep_notifications (subscription_id, body, created_at, attempts,"
                        + " final_notice) VALUES (?, ?, ?, 0, ?)", ps -> {
                            ps.setLong(1, e.getKey());
                            ps.setBytes(2, e.getValue());
                            Jdbc.setInstant(ps, 3, now);
                            ps.setShort(4, (short) (ending.contains(e.getKey()) ? 1 : 0));
                        });
                out.add(new Queued(id, e.getKey(), e.getValue()));
            }
            // several nodes (issue #19): every node hears of the new rows on commit and wakes those subscriptions,
            // so whichever node may lease a head sends it at once, not at its next sweep (no-op on Derby)
            out.stream().map(Queued::subscriptionId).distinct().forEach(s -> db.publish(QUEUED, Long.toString(s)));
            return out;
        });
    }

    /**
     * Queues Notifications the producer produced from its cursors (the change log, the clock) and records those
     * cursors, in one transaction, only while {@code node} still holds the producer lease (issue #19): a node that
     * takes the producer duties over continues exactly after the last change whose Notifications were committed, so it
     * never produces a change twice, and a node that lost the lease queues nothing.
     *
     * @return the queued rows, in order; empty when {@code node} no longer holds the producer lease (nothing queued)
     */
    public Optional<List<Queued>> enqueueProduced(List<Map.Entry<Long, byte[]>> items, java.util.Set<Long> ending,
                                                  Instant now, String node, long lastChange, Instant lastTick,
                                                  java.util.Set<String> programs) {
        return db.inTransaction(c -> leases().advanceProducer(node, lastChange, lastTick, programs)
                ? Optional.of(enqueue(items, ending, now)) : Optional.<List<Queued>>empty());
    }

    /** Commit and rollback listeners of outermost transactions ({@link Database#onCommit}, {@link Database#onRollback}). */
    public void afterTransactions(Runnable committed, Runnable rolledBack) {
        db.onCommit(committed);
        db.onRollback(rolledBack);
    }

    /**
     * Several nodes on PostgreSQL (issue #19): {@code queued} gets the subscription id of every Notification any node
     * queues, after its commit, on the one listening thread (quick work only); {@code missed} runs after the listening
     * connection was re-established (notifications meanwhile are lost). No-op on Derby.
     */
    public void onQueuedOnAnyNode(java.util.function.LongConsumer queued, Runnable missed) {
        db.onChange(QUEUED, key -> queued.accept(Long.parseLong(key)));
        db.onChangesReconnected(missed);
    }

    /** @return up to {@code max} queued notifications of a subscription with id &gt; {@code afterId}, oldest first */
    public List<Queued> pending(long subscriptionId, long afterId, int max) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, subscription_id, body FROM sep_notifications "
                    + "WHERE subscription_id = ? AND id > ? ORDER BY id")) {
                ps.setMaxRows(max);
                ps.setLong(1, subscriptionId);
                ps.setLong(2, afterId);
                List<Queued> out = new java.util.ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Queued(rs.getLong(1), rs.getLong(2), rs.getBytes(3)));
                    }
                }
                return out;
            }
        });
    }

    /** @return the number of undelivered notifications (all subscriptions) */
    public long pendingCount() {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_notifications", ps -> { },
                rs -> rs.getLong(1)).orElse(0L));
    }

    /** @return subscription id -> undelivered notifications */
    public Map<Long, Long> pendingBySubscription() {
        return db.inTransaction(c -> {
            Map<Long, Long> out = new java.util.HashMap<>();
            Jdbc.list(c, "SELECT subscription_id, COUNT(*) FROM sep_notifications GROUP BY subscription_id",
                    ps -> { }, rs -> out.put(rs.getLong(1), rs.getLong(2)));
            return out;
        });
    }

    /**
     * Removes finished notifications and adds to the subscriptions' counters, atomically.
     *
     * @param finished  notification ids that were delivered or given up
     * @param delivered subscription id -> delivered count to add
     * @param dropped   subscription id -> dropped count to add
     */
    public void complete(Collection<Long> finished, Map<Long, Long> delivered, Map<Long, Long> dropped) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sep_notifications WHERE id = ?")) {
                for (long id : finished) {
                    ps.setLong(1, id);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            add(c, "delivered", delivered);
            add(c, "dropped", dropped);
            return null;
        });
    }

    private static void add(java.sql.Connection c, String column, Map<Long, Long> counts) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE sep_subscriptions SET " + column + " = " + column
                + " + ? WHERE id = ?")) {
            for (Map.Entry<Long, Long> e : counts.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static SepSubscription row(ResultSet rs) throws SQLException {
        short attribute = rs.getShort(11);
        SepSubscription.Condition condition = rs.wasNull() ? null
                : new SepSubscription.Condition(attribute, rs.getLong(12), rs.getLong(13));
        return new SepSubscription(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getShort(4), rs.getString(5),
                rs.getLong(6), rs.getString(7), Jdbc.instant(rs, 8), rs.getLong(9), rs.getLong(10), condition);
    }
}
