package org.openvtn.sep.store;

import java.time.Instant;
import java.util.List;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.ReadCache;
import org.openvtn.store.VtnStore;

/**
 * The operator's pollRate and postRate values (table {@code sep_rates}, migration {@code V40__sep_rates.sql}). Every
 * 2030.5 response that carries a rate reads them, so they are held in a {@link ReadCache} (Derby only; every write
 * drops it inside its transaction; on PostgreSQL each read goes to the database, so another node's change is served
 * at once).
 */
public final class JdbcSepRateStore {
    private static final String CACHE = "sep_rates";
    private final Database db;
    private final ReadCache<String, List<Rate>> cache;

    /**
     * One stored rate.
     *
     * @param kind     {@code poll} or {@code post}
     * @param scope    {@code *} or an upper-case LFDI
     * @param resource the sep.xsd type name, e.g. {@code DeviceCapability}
     * @param seconds  the rate
     */
    public record Rate(String kind, String scope, String resource, long seconds) {
    }

    private JdbcSepRateStore(Database db) {
        this.db = db;
        this.cache = ReadCache.on(db, CACHE);
    }

    /** @return a store on the core store's database */
    public static JdbcSepRateStore on(VtnStore store) {
        return new JdbcSepRateStore(store.database());
    }

    /** @return every stored rate (cached on Derby) */
    public List<Rate> all() {
        return cache.get(CACHE, () -> db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT kind, scope, resource, "
                + "seconds FROM sep_rates ORDER BY kind, scope, resource", ps -> { },
                rs -> new Rate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)))));
    }

    /** Creates or replaces a rate. */
    public void put(Rate r, Instant now) {
        db.inTransactionOrReread(c -> {
            cache.forgetAll();
            delete(c, r.kind(), r.scope(), r.resource());
            return Jdbc.update(c, "INSERT INTO sep_rates (kind, scope, resource, seconds, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?)", ps -> {
                        ps.setString(1, r.kind());
                        ps.setString(2, r.scope());
                        ps.setString(3, r.resource());
                        ps.setLong(4, r.seconds());
                        Jdbc.setInstant(ps, 5, now);
                    });
        });
    }

    /** @return whether a rate was stored and is now removed */
    public boolean remove(String kind, String scope, String resource) {
        return db.inTransactionOrReread(c -> {
            cache.forgetAll();
            return delete(c, kind, scope, resource) > 0;
        });
    }

    private static int delete(java.sql.Connection c, String kind, String scope, String resource)
            throws java.sql.SQLException {
        return Jdbc.update(c, "DELETE FROM sep_rates WHERE kind = ? AND scope = ? AND resource = ?", ps -> {
            ps.setString(1, kind);
            ps.setString(2, scope);
            ps.setString(3, resource);
        });
    }
}
