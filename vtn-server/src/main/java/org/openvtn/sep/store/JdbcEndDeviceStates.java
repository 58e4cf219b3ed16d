package org.openvtn.sep.store;

import java.time.Instant;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/**
 * The lifecycle state of EndDevices (table {@code sep_end_device_state}, migration {@code V43__sep_end_device_state.sql}):
 * the operator's {@code enabled} and the client's deviceCategory. A device without a row is enabled with no category.
 */
public final class JdbcEndDeviceStates {
    private final Database db;
    /** Read on every request of a device ({@code enabled}); Derby only, dropped by every write (issue #18). */
    private final org.openvtn.store.ReadCache<Long, Optional<State>> cache;

    private JdbcEndDeviceStates(Database db) {
        this.db = db;
        this.cache = org.openvtn.store.ReadCache.on(db, CACHE);
    }

    private static final String CACHE = "sep_end_device_state";

    /** Drops a deleted EndDevice's cached state (call inside the deleting transaction). */
    static void forget(Database db, long deviceId) {
        org.openvtn.store.ReadCache.<Long, Optional<State>>on(db, CACHE).forget(deviceId);
    }

    /** @return a store on the core store's database */
    public static JdbcEndDeviceStates on(VtnStore store) {
        return new JdbcEndDeviceStates(store.database());
    }

    /**
     * The state of one EndDevice.
     *
     * @param enabled        EndDevice.enabled (IEEE 2030.5-2018): false = no longer registered
     * @param deviceCategory AbstractDevice.deviceCategory as hex (up to 8 digits), null when the client sent none
     * @param updatedAt      last change (EndDevice.changedTime when later than the registration's)
     */
    public record State(boolean enabled, String deviceCategory, Instant updatedAt) {
    }

    /** @return the device's state, empty when never set (enabled, no category) */
    public Optional<State> get(long deviceId) {
        return cache.get(deviceId, () -> db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT enabled, device_category, "
                + "updated_at FROM sep_end_device_state WHERE device_id = ?", ps -> ps.setLong(1, deviceId),
                rs -> new State(rs.getInt(1) != 0, rs.getString(2), Jdbc.instant(rs, 3)))));
    }

    /** Creates or replaces the device's state. */
    public void put(long deviceId, State s) {
        db.inTransactionOrReread(c -> {
            cache.forget(deviceId);
            Jdbc.update(c, "DELETE FROM sep_end_device_state WHERE device_id = ?", ps -> ps.setLong(1, deviceId));
            Jdbc.update(c, "INSERT INTO sep_end_device_state (device_id, enabled, device_category, updated_at) "
                    + "VALUES (?, ?, ?, ?)", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setInt(2, s.enabled() ? 1 : 0);
                        ps.setString(3, s.deviceCategory());
                        Jdbc.setInstant(ps, 4, s.updatedAt());
                    });
            return null;
        });
    }
}
