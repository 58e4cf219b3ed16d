package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * Migration V6 on a database that V1..V5 created (issue #12 item 7): duplicate telemetry values and duplicate
 * oadrCreatedEvent answers written before V6 are reduced to their newest row, then the unique constraints hold.
 */
class MigrationV6Test {


    /** Issue #12 item 7: existing duplicates are deduplicated (newest kept) before the constraint is added. */
    @Test
    void deduplicatesBeforeAddingTheConstraints() throws Exception {
        String name = "migv6" + System.nanoTime();
        try (Connection c = DriverManager.getConnection("jdbc:derby:memory:" + name + ";create=true");
             Statement s = c.createStatement()) {
            LegacySchema.create(c, 5);
            for (double val : new double[] {1.0, 2.0, 3.0}) { // a report retried twice: three copies
                s.execute("INSERT INTO telemetry (ven_id, r_id, report_request_id, ts, val) VALUES "
                        + "('ven1', 'r1', 'rr1', TIMESTAMP('2030-01-01 00:00:00'), " + val + ")");
            }
            s.execute("INSERT INTO telemetry (ven_id, r_id, report_request_id, ts, val) VALUES "
                    + "('ven1', 'r1', 'rr1', TIMESTAMP('2030-01-01 00:01:00'), 9.0)");
            for (String opt : new String[] {"OPT_IN", "OPT_OUT"}) {
                s.execute("INSERT INTO event_responses (event_id, ven_id, modification_number, opt_type, "
                        + "response_code, received_at) VALUES ('e1', 'ven1', 0, '" + opt + "', 200, CURRENT_TIMESTAMP)");
            }
        }
        try (Database db = Database.openMemory(name)) {
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    assertEquals(2, count(s, "SELECT COUNT(*) FROM telemetry"));
                    try (ResultSet rs = s.executeQuery("SELECT val FROM telemetry WHERE ts = "
                            + "TIMESTAMP('2030-01-01 00:00:00')")) {
                        rs.next();
                        assertEquals(3.0, rs.getDouble(1), "the newest copy is kept");
                    }
                    assertEquals(1, count(s, "SELECT COUNT(*) FROM event_responses"));
                    assertEquals(LegacySchema.latestVersion(), db.schemaVersion(), "every later migration applied too");
                    assertThrows(java.sql.SQLException.class, () -> s.execute("INSERT INTO telemetry (ven_id, r_id, "
                            + "report_request_id, ts, val) VALUES ('ven1', 'r1', 'rr1', "
                            + "TIMESTAMP('2030-01-01 00:01:00'), 1.0)"), "unique (VEN, reportRequestID, rID, dtstart)");
                }
                return null;
            });
        }
    }

    private static long count(Statement s, String sql) throws java.sql.SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
