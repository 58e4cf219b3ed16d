package org.openvtn.sep.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.ReadCache;
import org.openvtn.store.StoreException;
import org.openvtn.store.VtnStore;

/**
 * JDBC/Derby {@link SepStore} on the core's database (table {@code sep_end_devices}). {@link #findByLfdi}, read on
 * every 2030.5 request, goes through a {@link ReadCache} shared with {@link JdbcSepDeletions} (issue #18): every
 * write here and every EndDevice deletion drops it; on PostgreSQL nothing is cached.
 */
public final class JdbcSepStore implements SepStore {
    private static final String COLUMNS = "id, lfdi, sfdi, changed_at, pin, registered_at, group_ids";

    /** The name of the shared EndDevice-by-LFDI cache on a database (see {@link #devicesByLfdi}). */
    private static final String CACHE = "sep_end_devices.by_lfdi";

    private final Database db;
    private final ReadCache<String, Optional<SepEndDevice>> byLfdi;

    private JdbcSepStore(Database db) {
        this.db = db;
        this.byLfdi = devicesByLfdi(db);
    }

    /** @return the EndDevice-by-LFDI cache every store over {@code db} shares (writers drop it) */
    static ReadCache<String, Optional<SepEndDevice>> devicesByLfdi(Database db) {
        return ReadCache.on(db, CACHE);
    }

    /**
     * @param store the core store (its database carries migration V2)
     * @return a store on the same database
     */
    public static JdbcSepStore on(VtnStore store) {
        return new JdbcSepStore(store.database());
    }

    @Override
    public SepEndDevice insert(String lfdi, long sfdi, Instant changedTime) {
        return db.inTransactionOrReread(c -> {
            byLfdi.forget(lfdi);
            return new SepEndDevice(Jdbc.insert(c, "INSERT INTO sep_end_devices (lfdi, sfdi, "
                + "changed_at, group_ids) VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, lfdi);
                    ps.setLong(2, sfdi);
                    Jdbc.setInstant(ps, 3, changedTime);
                    ps.setString(4, "");
                }), lfdi, sfdi, changedTime, null, null, Set.of());
        });
    }

    /**
     * Locks an EndDevice's row until the caller's transaction ends (PostgreSQL; nothing on Derby): per-device quotas
     * (subscriptions, MirrorUsagePoints, MirrorMeterReadings) counted after it hold across nodes, since a second node
     * writing for the same device waits and then counts the first node's rows (issue #19).
     */
    static void lockDevice(Database db, java.sql.Connection c, long deviceId) throws java.sql.SQLException {
        Jdbc.one(c, "SELECT id FROM sep_end_devices WHERE id = ?" + db.lockRows(), ps -> ps.setLong(1, deviceId),
                rs -> rs.getLong(1));
    }

    @Override
    public Optional<SepEndDevice> find(long id) {
        return db.inTransactionOrReread(c -> one(c, "id = ?", id));
    }

    @Override
    public Optional<SepEndDevice> findByLfdi(String lfdi) {
        return byLfdi.get(lfdi, () -> db.inTransactionOrReread(c -> one(c, "lfdi = ?", lfdi)));
    }

    @Override
    public List<SepEndDevice> list() {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM sep_end_devices ORDER BY id",
                ps -> { }, JdbcSepStore::row));
    }

    @Override
    public void updatePin(long id, int pin, Instant registeredAt) {
        update("UPDATE sep_end_devices SET pin = ?, registered_at = ?, changed_at = ? WHERE id = ?", ps -> {
            ps.setInt(1, pin);
            Jdbc.setInstant(ps, 2, registeredAt);
            Jdbc.setInstant(ps, 3, registeredAt);
            ps.setLong(4, id);
        });
    }

    @Override
    public void clearPin(long id, Instant changedTime) {
        update("UPDATE sep_end_devices SET pin = NULL, registered_at = NULL, changed_at = ? WHERE id = ?", ps -> {
            Jdbc.setInstant(ps, 1, changedTime);
            ps.setLong(2, id);
        });
    }

    @Override
    public void updateGroups(long id, Set<String> groupIds) {
        update("UPDATE sep_end_devices SET group_ids = ? WHERE id = ?", ps -> {
            ps.setString(1, String.join("\n", new TreeSet<>(groupIds)));
            ps.setLong(2, id);
        });
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransactionOrReread(work);
    }

    private void update(String sql, Jdbc.Binder binder) {
        db.inTransactionOrReread(c -> {
            byLfdi.forgetAll(); // keyed by LFDI, written by id: updates are operator actions, rare
            if (Jdbc.update(c, sql, binder) != 1) {
                throw new StoreException("no EndDevice row updated");
            }
            return null;
        });
    }

    private static Optional<SepEndDevice> one(Connection c, String where, Object key) throws SQLException {
        return Jdbc.one(c, "SELECT " + COLUMNS + " FROM sep_end_devices WHERE " + where, ps -> ps.setObject(1, key),
                JdbcSepStore::row);
    }

    private static SepEndDevice row(ResultSet rs) throws SQLException {
        int pin = rs.getInt(5);
        Integer pinOrNull = rs.wasNull() ? null : pin;
        String groups = rs.getString(7);
        return new SepEndDevice(rs.getLong(1), rs.getString(2), rs.getLong(3), Jdbc.instant(rs, 4), pinOrNull,
                Jdbc.instant(rs, 6),
                groups.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(groups.split("\n"))));
    }
}
