package org.openvtn.sep.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/** DERCurves per program (table {@code sep_der_curves}, migration {@code V21__sep_curves.sql}). */
public final class JdbcCurveStore {
    private final Database db;

    private JdbcCurveStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core store's database */
    public static JdbcCurveStore on(VtnStore store) {
        return new JdbcCurveStore(store.database());
    }

    /**
     * A stored curve.
     *
     * @param programId  core program
     * @param curveId    the {n} of {@code .../dc/{n}}
     * @param curveType  DERCurveType
     * @param definition the definition's text form
     * @param createdAt  when it was (re)defined: DERCurve.creationTime
     */
    public record Curve(String programId, int curveId, int curveType, String definition, Instant createdAt) {
    }

    /** Creates or replaces a curve. */
    public Curve put(String programId, int curveId, int curveType, String definition, Instant now) {
        return db.inTransactionOrReread(c -> {
            Jdbc.Binder row = ps -> {
                ps.setInt(1, curveType);
                ps.setString(2, definition);
                Jdbc.setInstant(ps, 3, now);
                ps.setString(4, programId);
                ps.setInt(5, curveId);
            };
            // an update, else an insert: a second node's PUT racing this one re-runs as an update (issue #19)
            Jdbc.replace(c, "sep_der_curves", "curve_type, definition, created_at", "program_id, curve_id", row);
            return new Curve(programId, curveId, curveType, definition, now);
        });
    }

    /** @return the program's curves by id */
    public List<Curve> list(String programId) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT program_id, curve_id, curve_type, definition, created_at "
                + "FROM sep_der_curves WHERE program_id = ? ORDER BY curve_id", ps -> ps.setString(1, programId),
                rs -> new Curve(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getString(4), Jdbc.instant(rs, 5))));
    }

    /** @return one curve */
    public Optional<Curve> get(String programId, int curveId) {
        return list(programId).stream().filter(x -> x.curveId() == curveId).findFirst();
    }

    /** @return false when there was no such curve */
    public boolean delete(String programId, int curveId) {
        return db.inTransactionOrReread(c -> Jdbc.update(c, "DELETE FROM sep_der_curves WHERE program_id = ? AND curve_id = ?",
                ps -> {
                    ps.setString(1, programId);
                    ps.setInt(2, curveId);
                }) == 1);
    }
}
