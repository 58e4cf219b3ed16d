package org.openvtn.store;

import java.sql.ResultSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.openvtn.core.OverlapPolicy;
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
        this.polls = new JdbcPollStore(db);
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
        /**
         * Programs by id, read by every 2030.5 program-scoped GET (issue #18: 15 % of a DERControlList GET's CPU).
         * Derby only, dropped inside every insert and delete of this store, the only writers of the table
         * ({@link ReadCache}); on PostgreSQL every call reads.
         */
        private final ReadCache<String, Optional<Program>> byId;
        /**
         * The whole list, read once a second by the 2030.5 notifier's clock tick to see programs come and go (issue
         * #18: an idle Derby query a second); same rules as {@link #byId}.
         */
        private final ReadCache<String, List<Program>> all;

        Programs(Database db) {
            super(db);
            this.byId = ReadCache.on(db, "programs-by-id");
            this.all = ReadCache.on(db, "programs-list");
        }

        @Override
        public void insert(Program p) {
            db.inTransaction(() -> {
                byId.forget(p.id());
                all.forgetAll();
                return update("INSERT INTO programs (id, name, market_context, created_at, overlap) "
                        + "VALUES (?, ?, ?, ?, ?)", ps -> {
                            ps.setString(1, p.id());
                            ps.setString(2, p.name());
                            ps.setString(3, p.marketContext());
                            Jdbc.setInstant(ps, 4, p.createdAt());
                            ps.setString(5, p.overlap().wireName());
                        });
            });
        }

        @Override
        public Optional<Program> find(String id) {
            return byId.get(id, () -> queryOne("SELECT * FROM programs WHERE id = ?", ps -> ps.setString(1, id),
                    Programs::map));
        }

        @Override
        public Optional<Program> findByName(String name) {
            return queryOne("SELECT * FROM programs WHERE name = ?", ps -> ps.setString(1, name), Programs::map);
        }

        @Override
        public List<Program> list() {
            return all.get("", () -> List.copyOf(query("SELECT * FROM programs ORDER BY created_at, id", ps -> { },
                    Programs::map)));
        }

        @Override
        public boolean delete(String id) {
            return db.inTransaction(() -> {
                byId.forget(id);
                all.forgetAll();
                return update("DELETE FROM programs WHERE id = ?", ps -> ps.setString(1, id)) == 1;
            });
        }

        private static Program map(ResultSet rs) throws java.sql.SQLException {
            return new Program(rs.getString("id"), rs.getString("name"), rs.getString("market_context"),
                    Jdbc.getInstant(rs, "created_at"), OverlapPolicy.parse(rs.getString("overlap")));
        }
    }
}
