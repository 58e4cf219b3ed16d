package org.openvtn.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.PushOutboxService;

/**
 * JDBC/Derby store of the OpenADR 2.0b push outbox (tables {@code push_outbox} and {@code push_state}, migration
 * V8; issue #14): the {@link PushOutboxService} the assembly gives the push worker. Payloads are the rendered,
 * unsigned 2.0b messages; the store does not interpret them.
 */
public final class JdbcPushStore implements PushOutboxService {

    private final Database db;
    private final HeadLeases heads;

    private JdbcPushStore(Database db) {
        this.db = db;
        this.heads = new HeadLeases(db, "push_outbox", "seq", "ven_id",
                "seq, ven_id, kind, reference, payload, created_at, claimed_by, lease_until", HeadLeases.Backoff.NONE);
    }

    /** @param store the core store (its database carries migration V8) */
    public static JdbcPushStore on(VtnStore store) {
        return new JdbcPushStore(store.database());
    }

    /** Runs {@code work} in one transaction (joins an outer one). */
    @Override
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return db.inTransaction(c -> work.get());
    }

    /** Appends an entry to the VEN's outbox. */
    @Override
    public Entry append(String venId, String kind, String reference, String payload, Instant at) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO push_outbox (ven_id, kind, reference, payload,"
                    + " created_at) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, venId);
                ps.setString(2, kind);
                ps.setString(3, reference);
                ps.setString(4, payload);
                Jdbc.setInstant(ps, 5, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("no generated key for push outbox entry");
                    }
                    return new Entry(keys.getLong(1), venId, kind, reference, payload, at);
                }
            }
        });
    }

    /** @return the oldest entry of the VEN */
    @Override
    public Optional<Entry> head(String venId) {
        List<Entry> l = entries(venId, 1);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** @return up to {@code max} entries of the VEN, oldest first */
    public List<Entry> entries(String venId, int max) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, ven_id, kind, reference, payload, created_at"
                    + " FROM push_outbox WHERE ven_id = ? ORDER BY seq")) {
                ps.setMaxRows(max);
                ps.setString(1, venId);
                try (ResultSet rs = ps.executeQuery()) {
                    List<Entry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), Jdbc.getInstant(rs, "created_at")));
                    }
                    return out;
                }
            }
        });
    }

    /** @return number of entries of the VEN */
    @Override
    public int size(String venId) {
        return count("SELECT COUNT(*) FROM push_outbox WHERE ven_id = ?", venId);
    }

    /** @return number of entries of every VEN */
    @Override
    public int size() {
        return count("SELECT COUNT(*) FROM push_outbox", null);
    }

    /** @return VENs with at least one entry */
    @Override
    public List<String> vensWithEntries() {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ven_id FROM push_outbox");
                 ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /** Removes a delivered entry. */
    @Override
    public void delete(long seq) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_outbox WHERE seq = ?")) {
                ps.setLong(1, seq);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Removes the VEN's entries of {@code kind} except the oldest entry of the VEN (which may be in flight): used
     * when a newer entry supersedes them (a full event list replaces an older one).
     */
    @Override
    public int deleteSupersededExceptHead(String venId, String kind) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_outbox WHERE ven_id = ? AND kind = ?"
                    + " AND seq > (SELECT MIN(seq) FROM push_outbox WHERE ven_id = ?)")) {
                ps.setString(1, venId);
                ps.setString(2, kind);
                ps.setString(3, venId);
                return ps.executeUpdate();
            }
        });
    }

    /** Removes every entry of the VEN (registration gone). */
    @Override
    public int deleteByVen(String venId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_outbox WHERE ven_id = ?")) {
                ps.setString(1, venId);
                return ps.executeUpdate();
            }
        });
    }

    /** @return the VEN's delivery state, {@link State#initial} when none is stored */
    @Override
    public State state(String venId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT ven_id, attempts, next_attempt_at, last_error,"
                    + " last_error_at, unreachable, url_form, delivered, metadata_for FROM push_state WHERE ven_id = ?")) {
                ps.setString(1, venId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return State.initial(venId);
                    }
                    return new State(rs.getString(1), rs.getInt(2), Jdbc.getInstant(rs, "next_attempt_at"),
                            rs.getString(4), Jdbc.getInstant(rs, "last_error_at"), rs.getShort(6) != 0,
                            rs.getString(7), rs.getLong(8), rs.getString(9));
                }
            }
        });
    }

    /** Inserts or replaces the VEN's delivery state. */
    @Override
    public void save(State s) {
        db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("UPDATE push_state SET attempts = ?, next_attempt_at = ?,"
                    + " last_error = ?, last_error_at = ?, unreachable = ?, url_form = ?, delivered = ?, metadata_for = ?"
                    + " WHERE ven_id = ?")) {
                bind(ps, s);
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO push_state (attempts, next_attempt_at,"
                        + " last_error, last_error_at, unreachable, url_form, delivered, metadata_for, ven_id)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    bind(ps, s);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static void bind(PreparedStatement ps, State s) throws SQLException {
        ps.setInt(1, s.attempts());
        setInstant(ps, 2, s.nextAttemptAt());
        ps.setString(3, s.lastError() == null ? null
                : s.lastError().substring(0, Math.min(512, s.lastError().length())));
        setInstant(ps, 4, s.lastErrorAt());
        ps.setShort(5, (short) (s.unreachable() ? 1 : 0));
        ps.setString(6, s.urlForm());
        ps.setLong(7, s.delivered());
        ps.setString(8, s.metadataFor());
        ps.setString(9, s.venId());
    }

    private static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        Jdbc.setInstant(ps, i, v);
    }

    /** @return VENs marked unreachable */
    @Override
    public int unreachableCount() {
        return count("SELECT COUNT(*) FROM push_state WHERE unreachable <> 0", null);
    }

    /**
     * {@inheritDoc} The head row is read with {@link Database#claimRows()} ({@code FOR UPDATE SKIP LOCKED} on
     * PostgreSQL: a head another node is claiming right now is skipped, never the row behind it) and leased by a
     * conditional update, which alone decides between racing claimers on either database.
     */
    @Override
    public Optional<Entry> claimHead(String venId, String node, Instant now, Duration lease) {
        return db.inTransaction(c -> {
            Entry head;
            try (PreparedStatement ps = c.prepareStatement(heads.headQuery())) {
                ps.setString(1, venId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Entry>empty();
                    }
                    if (heads.heldAgainst(node, rs.getString(7), Jdbc.getInstant(rs, "lease_until"), now)) {
                        return Optional.<Entry>empty();
                    }
                    head = new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Jdbc.getInstant(rs, "created_at"));
                }
            }
            return heads.take(c, head.seq(), node, now, lease) ? Optional.of(head) : Optional.<Entry>empty();
        });
    }

    @Override
    public boolean renew(long seq, String node, Instant now, Duration lease) {
        return db.inTransaction(c -> heads.renew(c, seq, node, now, lease));
    }

    /** {@inheritDoc} PostgreSQL only ({@code ON CONFLICT}, {@code SKIP LOCKED}); always true on Derby (one process). */
    @Override
    public boolean lockVen(String venId) {
        if (db.singleProcess()) {
            return true;
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO push_state (ven_id, attempts, unreachable,"
                    + " delivered) VALUES (?, 0, 0, 0) ON CONFLICT (ven_id) DO NOTHING")) {
                ps.setString(1, venId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT ven_id FROM push_state WHERE ven_id = ?"
                    + db.claimRows())) {
                ps.setString(1, venId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** {@inheritDoc} True on PostgreSQL ({@link Database#singleProcess()} false). */
    @Override
    public boolean shared() {
        return !db.singleProcess();
    }

    @Override
    public boolean release(long seq, String node) {
        return db.inTransaction(c -> heads.release(c, seq, node));
    }

    @Override
    public boolean complete(long seq, String node) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM push_outbox WHERE seq = ? AND claimed_by = ?")) {
                ps.setLong(1, seq);
                ps.setString(2, node);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private int count(String sql, String venId) {
        return db.inTransaction((Connection c) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (venId != null) {
                    ps.setString(1, venId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }
}
