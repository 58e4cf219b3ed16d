package org.openvtn.sep.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/**
 * TariffProfiles and RateComponents per program (tables {@code sep_tariffs}, {@code sep_rate_components}, migration
 * {@code V34__sep_pricing.sql}). Definitions are opaque text to the store.
 */
public final class JdbcTariffStore {
    private final Database db;

    private JdbcTariffStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core store's database */
    public static JdbcTariffStore on(VtnStore store) {
        return new JdbcTariffStore(store.database());
    }

    /**
     * A stored tariff or rate component.
     *
     * @param programId  core program
     * @param id         0 for the tariff, the {n} of {@code .../rc/{n}} for a rate component
     * @param definition the definition's text form
     * @param createdAt  when it was (re)defined: creationTime
     */
    public record Entry(String programId, int id, String definition, Instant createdAt) {
    }

    /**
     * Creates or replaces the program's tariff: an update, else an insert. On PostgreSQL the same PUT on another node
     * at the same time may insert first; this one then meets the key and is run once more, as an update (issue #19).
     */
    public Entry putTariff(String programId, String definition, Instant now) {
        return db.inTransactionOrReread(c -> {
            Jdbc.Binder row = ps -> {
                ps.setString(1, definition);
                Jdbc.setInstant(ps, 2, now);
                ps.setString(3, programId);
            };
            Jdbc.replace(c, "sep_tariffs", "definition, created_at", "program_id", row);
            return new Entry(programId, 0, definition, now);
        });
    }

    /** @return the program's tariff */
    public Optional<Entry> tariff(String programId) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT program_id, definition, created_at FROM sep_tariffs "
                + "WHERE program_id = ?", ps -> ps.setString(1, programId),
                rs -> new Entry(rs.getString(1), 0, rs.getString(2), Jdbc.instant(rs, 3)))).stream().findFirst();
    }

    /** Deletes the tariff and its rate components; false when there was none. */
    public boolean deleteTariff(String programId) {
        return db.inTransaction(c -> {
            Jdbc.update(c, "DELETE FROM sep_rate_components WHERE program_id = ?", ps -> ps.setString(1, programId));
            return Jdbc.update(c, "DELETE FROM sep_tariffs WHERE program_id = ?", ps -> ps.setString(1, programId)) == 1;
        });
    }

    /** Creates or replaces a rate component (re-run when another node wrote the same key first, as the tariff). */
    public Entry putRate(String programId, int rateId, String definition, Instant now) {
        return db.inTransactionOrReread(c -> {
            Jdbc.Binder row = ps -> {
                ps.setString(1, definition);
                Jdbc.setInstant(ps, 2, now);
                ps.setString(3, programId);
                ps.setInt(4, rateId);
            };
            Jdbc.replace(c, "sep_rate_components", "definition, created_at", "program_id, rate_id", row);
            return new Entry(programId, rateId, definition, now);
        });
    }

    /** @return the program's rate components by id */
    public List<Entry> rates(String programId) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT program_id, rate_id, definition, created_at "
                + "FROM sep_rate_components WHERE program_id = ? ORDER BY rate_id", ps -> ps.setString(1, programId),
                rs -> new Entry(rs.getString(1), rs.getInt(2), rs.getString(3), Jdbc.instant(rs, 4))));
    }

    /** @return false when there was no such rate component */
    public boolean deleteRate(String programId, int rateId) {
        return db.inTransaction(c -> Jdbc.update(c, "DELETE FROM sep_rate_components WHERE program_id = ? "
                + "AND rate_id = ?", ps -> {
                    ps.setString(1, programId);
                    ps.setInt(2, rateId);
                }) == 1);
    }
}
