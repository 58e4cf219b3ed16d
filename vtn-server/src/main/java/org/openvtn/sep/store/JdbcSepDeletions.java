package org.openvtn.sep.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/**
 * Operator deletions of 2030.5 resources with their dependants (issue #17; IEEE 2030.5-2018 §5.5 DELETE, §5.6: a
 * subscription whose resource is deleted ends with Notification status 4). What a device posted below an EndDevice
 * or a MirrorUsagePoint goes with it; the core's records (telemetry, event responses) stay, they are the operator's
 * settlement data. Subscriptions are not deleted here: the notifier ends them with status 4 once the change log
 * entry the caller records reaches it.
 */
public final class JdbcSepDeletions {
    private final Database db;

    private JdbcSepDeletions(Database db) {
        this.db = db;
    }

    /** @return deletions on the core's database */
    public static JdbcSepDeletions on(VtnStore store) {
        return new JdbcSepDeletions(store.database());
    }

    /**
     * Deletes a MirrorUsagePoint, its MirrorMeterReadings and their mirrored values (ReadingSets, latest Reading).
     *
     * @return false when there was no such MirrorUsagePoint
     */
    public boolean deleteMirrorUsagePoint(long mupId) {
        return db.inTransaction(c -> deleteMup(c, mupId));
    }

    /**
     * Deletes an EndDevice and everything it posted: MirrorUsagePoints (with readings and values), Responses,
     * LogEvents and the device-side DER resources.
     *
     * @return false when there was no such EndDevice
     */
    public boolean deleteEndDevice(long deviceId) {
        return db.inTransaction(c -> {
            JdbcSepStore.devicesByLfdi(db).forgetAll(); // issue #18: a deleted EndDevice is never served again
            JdbcEndDeviceStates.forget(db, deviceId);
            for (Long mup : Jdbc.list(c, "SELECT id FROM sep_mirror_usage_points WHERE device_id = ?",
                    ps -> ps.setLong(1, deviceId), rs -> rs.getLong(1))) {
                deleteMup(c, mup);
            }
            for (String table : new String[] {"sep_responses", "sep_log_events", "sep_der_resources",
                "sep_end_device_state"}) {
                Jdbc.update(c, "DELETE FROM " + table + " WHERE device_id = ?", ps -> ps.setLong(1, deviceId));
            }
            return Jdbc.update(c, "DELETE FROM sep_end_devices WHERE id = ?", ps -> ps.setLong(1, deviceId)) == 1;
        });
    }

    private static boolean deleteMup(Connection c, long mupId) throws SQLException {
        String readings = "(SELECT id FROM sep_mirror_readings WHERE mup_id = ?)";
        Jdbc.update(c, "DELETE FROM sep_reading_sets WHERE reading_id IN " + readings, ps -> ps.setLong(1, mupId));
        Jdbc.update(c, "DELETE FROM sep_current_readings WHERE reading_id IN " + readings, ps -> ps.setLong(1, mupId));
        Jdbc.update(c, "DELETE FROM sep_mirror_readings WHERE mup_id = ?", ps -> ps.setLong(1, mupId));
        return Jdbc.update(c, "DELETE FROM sep_mirror_usage_points WHERE id = ?", ps -> ps.setLong(1, mupId)) == 1;
    }
}
