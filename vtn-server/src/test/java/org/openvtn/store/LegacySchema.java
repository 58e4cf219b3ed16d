package org.openvtn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Test fixture: builds a Derby database the way OpenVTN's runner before Flyway did (its own history table
 * {@code schema_version}, scripts V1..Vn applied statement by statement), so tests can check that such a database is
 * adopted unchanged (issue #19).
 */
final class LegacySchema {
    /** The scripts that runner knew, in order. */
    static final List<String> SCRIPTS = List.of("V1__core.sql", "V2__sep.sql", "V3__sep_function_sets.sql",
            "V4__program_overlap.sql", "V5__sep_reading_values.sql", "V6__delivery_idempotency_quotas.sql",
            "V7__participants_enrolment.sql", "V8__push_outbox.sql", "V9__participant_responses.sql");

    private LegacySchema() {
    }

    /** Creates the old history table and applies V1..V{@code upTo}, recording each like the old runner did. */
    static void create(Connection c, int upTo) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                    + "description VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)");
            for (int v = 1; v <= upTo; v++) {
                String file = SCRIPTS.get(v - 1);
                for (String sql : statements(derby(file))) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version VALUES (" + v + ", '" + file + "', CURRENT_TIMESTAMP)");
            }
        }
    }

    /** @return the version a fresh database reaches (every migration resource applied) */
    static String latestVersion() {
        try (Database db = Database.openMemory("latest" + System.nanoTime())) {
            return db.schemaVersion();
        }
    }

    /** The script with the Derby placeholder values, i.e. the text the old runner executed. */
    private static String derby(String file) {
        String text;
        try (InputStream in = LegacySchema.class.getResourceAsStream("migrations/" + file)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (Map.Entry<String, String> p : SchemaMigrations.placeholders(Database.Dialect.DERBY).entrySet()) {
            text = text.replace("${" + p.getKey() + "}", p.getValue());
        }
        return text;
    }

    /** Statements of a script: whole-line comments dropped, split on ';' at end of line (no ';' in literals). */
    private static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            if (t.endsWith(";")) {
                out.add(cur.append(t, 0, t.length() - 1).toString().strip());
                cur.setLength(0);
            } else {
                cur.append(t).append('\n');
            }
        }
        return out;
    }
}
