package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.core.Program;

/**
 * Issue #19: a Derby file database migrated by OpenVTN's runner before Flyway opens unchanged with Flyway. Flyway is
 * baselined at the highest version the old history table records, the rows written before stay, and only the later
 * migrations apply.
 */
class SchemaAdoptionTest {

    /** Built up to V7 by the old runner, with data; opened by the new code: data intact, V8 and V9 applied. */
    @Test
    void oldRunnerDatabaseIsAdoptedAndMigratedOn(@TempDir Path dir) throws Exception {
        String url = "jdbc:derby:" + dir.toAbsolutePath().resolve("db").toString().replace('\\', '/');
        System.setProperty("derby.stream.error.file", dir.resolve("derby.log").toString());
        try (Connection c = DriverManager.getConnection(url + ";create=true");
             Statement s = c.createStatement()) {
            LegacySchema.create(c, 7);
            s.execute("INSERT INTO programs (id, name, market_context, created_at, overlap) VALUES "
                    + "('p1', 'Summer peak', 'http://mc.example/peak', CURRENT_TIMESTAMP, 'reject')");
            s.execute("INSERT INTO participants (kind, id, state, label, changed_at) VALUES "
                    + "('OADR20B_VEN', 'fp1', 'APPROVED', 'ven one', CURRENT_TIMESTAMP)");
        }
        shutdown(url);

        try (Database db = Database.openFile(dir)) {
            assertEquals(LegacySchema.latestVersion(), db.schemaVersion(), "V8 and later applied after adoption");
            JdbcVtnStore store = JdbcVtnStore.open(db);
            Program p = store.programs().find("p1").orElseThrow();
            assertEquals("Summer peak", p.name(), "rows written before adoption are intact");
            db.inTransaction(c -> {
                assertEquals(1, count(c, "SELECT COUNT(*) FROM participants"));
                assertEquals(7, count(c, "SELECT MAX(version) FROM schema_version"), "the old table is left as is");
                assertEquals(0, count(c, "SELECT COUNT(*) FROM push_outbox"), "V8's table exists");
                return null;
            });
            // the migrated schema is usable: V8's outbox takes a row
            JdbcPushStore.on(store).append("ven1", "EVENTS", null, "<x/>", Instant.parse("2030-01-01T00:00:00Z"));
            assertEquals(1, JdbcPushStore.on(store).size());
        }
        try (Database db = Database.openFile(dir)) { // the adopted database opens again without re-baselining
            assertEquals(LegacySchema.latestVersion(), db.schemaVersion());
            assertTrue(JdbcVtnStore.open(db).programs().find("p1").isPresent());
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void shutdown(String url) {
        try {
            DriverManager.getConnection(url + ";shutdown=true").close();
        } catch (SQLException expected) {
            // 08006: Derby reports a clean shutdown as an exception
        }
    }
}
