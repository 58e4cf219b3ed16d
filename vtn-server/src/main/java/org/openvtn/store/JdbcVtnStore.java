package org.openvtn.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.PollItem;
import org.openvtn.core.Program;

/**
 * The JDBC/Derby {@link VtnStore}. Open with {@link #open(Database)}; {@link #close()} shuts the
 * database down.
 */
public final class JdbcVtnStore implements VtnStore {
    private final Database db;
    private final ProgramStore programs;
    private final EventStore events;
    private final RegistrationStore registrations;
    private final OptStore opts;
    private final ReportStore reports;
    private final PollStore polls;

    private JdbcVtnStore(Database db) {
        this.db = db;
        this.programs = new Programs(db);
        this.events = new JdbcEventStore(db);
        this.registrations = new JdbcRegistrationStore(db);
        this.opts = new JdbcOptStore(db);
        this.reports = new JdbcReportStore(db);
        this.polls = new Polls(db);
    }

    /** @return a store over an open, migrated database (the store owns it from now on) */
    public static JdbcVtnStore open(Database db) {
        return new JdbcVtnStore(db);
    }

    /** @return the database (for adapter-specific stores such as the IEEE 2030.5 {@code SepStore}) */
    @Override
    public Database database() { return db; }
    @Override public ProgramStore programs() { return programs; }
    @Override public EventStore events() { return events; }
    @Override public RegistrationStore registrations() { return registrations; }
    @Override public OptStore opts() { return opts; }
    @Override public ReportStore reports() { return reports; }
    @Override public PollStore polls() { return polls; }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction(work);
    }

    @Override
    public void close() {
        db.close();
    }

    private static final class Programs extends JdbcSupport implements ProgramStore {
        Programs(Database db) {
            super(db);
        }

        @Override
        public void insert(Program p) {
            update("INSERT INTO programs (id, name, market_context, created_at, overlap) VALUES (?, ?, ?, ?, ?)",
                    ps -> {
                        ps.setString(1, p.id());
                        ps.setString(2, p.name());
                        ps.setString(3, p.marketContext());
                        Jdbc.setInstant(ps, 4, p.createdAt());
                        ps.setString(5, p.overlap().wireName());
                    });
        }

        @Override
        public Optional<Program> find(String id) {
            return queryOne("SELECT * FROM programs WHERE id = ?", ps -> ps.setString(1, id), Programs::map);
        }

        @Override
        public Optional<Program> findByName(String name) {
            return queryOne("SELECT * FROM programs WHERE name = ?", ps -> ps.setString(1, name), Programs::map);
        }

        @Override
        public List<Program> list() {
            return query("SELECT * FROM programs ORDER BY created_at, id", ps -> { }, Programs::map);
        }

        @Override
        public boolean delete(String id) {
            return update("DELETE FROM programs WHERE id = ?", ps -> ps.setString(1, id)) == 1;
        }

        private static Program map(ResultSet rs) throws java.sql.SQLException {
            return new Program(rs.getString("id"), rs.getString("name"), rs.getString("market_context"),
                    Jdbc.getInstant(rs, "created_at"), OverlapPolicy.parse(rs.getString("overlap")));
        }
    }

    private static final class Polls extends JdbcSupport implements PollStore {
        /*
         * VENs whose queue is known to be empty, so an idle oadrPoll needs no database round trip (issue 8).
         * Marked only under the database lock after a query found nothing; insert() (the only way items appear)
         * unmarks under the same lock before writing; cleared on rollback. Derby only (Database#singleProcess): on
         * PostgreSQL another node may insert, so every poll reads the queue.
         */
        private final java.util.Set<String> knownEmpty = java.util.concurrent.ConcurrentHashMap.newKeySet();

        Polls(Database db) {
            super(db);
            db.onRollback(knownEmpty::clear);
        }

        @Override
        public PollItem insert(String venId, PollItem.Kind kind, String reference, Instant at) {
            return db.inTransaction(c -> {
                knownEmpty.remove(venId);
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
                try (java.sql.Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM poll_items")) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            });
        }

        @Override
        public List<PollItem> list(String venId) {
            boolean cache = db.singleProcess();
            if (cache && venId != null && knownEmpty.contains(venId)) {
                return List.of();
            }
            return db.inTransaction(c -> {
                List<PollItem> items = query(
                        "SELECT seq, ven_id, kind, reference, created_at, sent_at, deliveries FROM poll_items "
                                + "WHERE ven_id = ? ORDER BY seq",
                        ps -> ps.setString(1, venId),
                        rs -> new PollItem(rs.getLong("seq"), rs.getString("ven_id"),
                                PollItem.Kind.valueOf(rs.getString("kind")), rs.getString("reference"),
                                Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "sent_at"),
                                rs.getInt("deliveries")));
                if (cache && items.isEmpty() && venId != null) {
                    knownEmpty.add(venId);
                }
                return items;
            });
        }

        @Override
        public List<PollItem> claim(String venId) {
            return query("SELECT seq, ven_id, kind, reference, created_at, sent_at, deliveries FROM poll_items "
                            + "WHERE ven_id = ? ORDER BY seq" + db.claimRows(),
                    ps -> ps.setString(1, venId),
                    rs -> new PollItem(rs.getLong("seq"), rs.getString("ven_id"),
                            PollItem.Kind.valueOf(rs.getString("kind")), rs.getString("reference"),
                            Jdbc.getInstant(rs, "created_at"), Jdbc.getInstant(rs, "sent_at"),
                            rs.getInt("deliveries")));
        }

        @Override
        public void delete(long seq) {
            update("DELETE FROM poll_items WHERE seq = ?", ps -> ps.setLong(1, seq));
        }

        @Override
        public void markSent(long seq, Instant at) {
            update("UPDATE poll_items SET sent_at = ?, deliveries = deliveries + 1 WHERE seq = ?", ps -> {
                Jdbc.setInstant(ps, 1, at);
                ps.setLong(2, seq);
            });
        }

        @Override
        public void deleteByVen(String venId) {
            update("DELETE FROM poll_items WHERE ven_id = ?", ps -> ps.setString(1, venId));
        }

        @Override
        public List<String> vensWithItems() {
            return query("SELECT DISTINCT ven_id FROM poll_items", ps -> { }, rs -> rs.getString(1));
        }
    }
}
