package org.openvtn.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.core.PollItem;

/**
 * The JDBC {@link PollStore} (table {@code poll_items}).
 *
 * <p>On Derby ({@link Database#singleProcess()}) each VEN's queue is cached as an immutable snapshot, so a poll that
 * finds nothing to send (an empty queue, or only items already sent and not yet due again, OpenADR 2.0b 8.7 oadrPoll
 * with the at-least-once rule of docs/openadr-20b.md "Poll delivery") needs no database round trip (issues #8 and
 * #18). A snapshot is filled only under the database lock by a query, and every write to a VEN's rows ({@link #insert},
 * {@link #delete}, {@link #markSent}, {@link #deleteByVen}) drops it under the same lock before writing; a rollback
 * drops them all. No other code writes {@code poll_items}. On PostgreSQL other nodes write the same rows, so every
 * {@link #list} reads the table (one indexed read).
 */
final class JdbcPollStore extends JdbcSupport implements PollStore {
    private static final String COLUMNS = "SELECT seq, ven_id, kind, reference, created_at, sent_at, deliveries FROM poll_items ";

    /** venId → the committed (or this lock holder's) items of that VEN, oldest first; Derby only. */
    private final Map<String, List<PollItem>> snapshots = new ConcurrentHashMap<>();
    /** seq → venId of every item held in {@link #snapshots}, so a write by seq finds the snapshot to drop. */
    private final Map<Long, String> snapshotOf = new ConcurrentHashMap<>();

    JdbcPollStore(Database db) {
        super(db);
        db.onRollback(() -> {
            snapshots.clear();
            snapshotOf.clear();
        });
    }

    @Override
    public PollItem insert(String venId, PollItem.Kind kind, String reference, Instant at) {
        return db.inTransaction(c -> {
            forget(venId);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO poll_items (ven_id, kind, reference, created_at) VALUES (?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, venId);
                ps.setString(2, kind.name());
                ps.setString(3, reference);
                Jdbc.setInstant(ps, 4, at);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    if (!keys.next()) {
                        throw new StoreException("no generated key for poll item");
                    }
                    return new PollItem(keys.getLong(1), venId, kind, reference, at);
                }
            }
        });
    }

    @Override
    public long count() {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM poll_items")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public List<PollItem> list(String venId) {
        boolean cache = db.singleProcess() && venId != null;
        if (cache) {
            List<PollItem> known = snapshots.get(venId);
            if (known != null) {
                return known;
            }
        } else if (venId != null) { // PostgreSQL: read in this request's first statement (issue #19), if it was
            Optional<List<PollItem>> held = OadrRequestReads.heldItems(db, venId);
            if (held.isPresent()) {
                return held.get();
            }
        }
        return db.inTransaction(c -> {
            List<PollItem> items = List.copyOf(query(COLUMNS + "WHERE ven_id = ? ORDER BY seq",
                    ps -> ps.setString(1, venId), JdbcPollStore::map));
            if (cache) { // under the Derby lock: no write to these rows can interleave
                items.forEach(p -> snapshotOf.put(p.seq(), venId));
                snapshots.put(venId, items);
            }
            return items;
        });
    }

    @Override
    public List<PollItem> claim(String venId) {
        return query(COLUMNS + "WHERE ven_id = ? ORDER BY seq" + db.claimRows(), ps -> ps.setString(1, venId),
                JdbcPollStore::map);
    }

    @Override
    public void delete(long seq) {
        writeItem(seq, "DELETE FROM poll_items WHERE seq = ?", ps -> ps.setLong(1, seq));
    }

    @Override
    public void markSent(long seq, Instant at) {
        writeItem(seq, "UPDATE poll_items SET sent_at = ?, deliveries = deliveries + 1 WHERE seq = ?", ps -> {
            Jdbc.setInstant(ps, 1, at);
            ps.setLong(2, seq);
        });
    }

    /** A write to one item: its VEN's snapshot is dropped under the database lock, before the row changes. */
    private void writeItem(long seq, String sql, Jdbc.Binder binder) {
        db.inTransaction(c -> {
            forgetItem(seq);
            return Jdbc.update(c, sql, binder);
        });
    }

    @Override
    public void deleteByVen(String venId) {
        db.inTransaction(c -> {
            forget(venId);
            return Jdbc.update(c, "DELETE FROM poll_items WHERE ven_id = ?", ps -> ps.setString(1, venId));
        });
    }

    @Override
    public List<String> vensWithItems() {
        return query("SELECT DISTINCT ven_id FROM poll_items", ps -> { }, rs -> rs.getString(1));
    }

    /** Drops the snapshot holding item {@code seq}, if any (caller holds the database lock). */
    private void forgetItem(long seq) {
        String venId = snapshotOf.get(seq);
        if (venId != null) {
            forget(venId);
        }
    }

    /** Drops a VEN's snapshot and its reverse entries (caller holds the database lock). */
    private void forget(String venId) {
        List<PollItem> gone = snapshots.remove(venId);
        if (gone != null) {
            gone.forEach(p -> snapshotOf.remove(p.seq()));
        }
    }

    private static PollItem map(ResultSet rs) throws java.sql.SQLException {
        return new PollItem(rs.getLong("seq"), rs.getString("ven_id"), PollItem.Kind.valueOf(rs.getString("kind")),
                rs.getString("reference"), Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "sent_at"),
                rs.getInt("deliveries"));
    }
}
