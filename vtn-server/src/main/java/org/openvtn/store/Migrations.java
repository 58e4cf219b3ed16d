package org.openvtn.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: {@code migrations/V<n>__<name>.sql} resources applied in order,
 * each in its own transaction together with its {@code schema_version} row. Applied migrations are
 * never edited; add a new version instead.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    /** Ordered list of migrations; append only. */
    static final List<String> SCRIPTS = List.of("V1__core.sql", "V2__sep.sql", "V3__sep_function_sets.sql",
            "V4__program_overlap.sql", "V5__sep_reading_values.sql",
            "V6__delivery_idempotency_quotas.sql",
            "V7__participants_enrolment.sql", "V8__push_outbox.sql", "V9__participant_responses.sql",
            "V10__oadr3_objects.sql");

    private Migrations() {
    }

    static void apply(Database db) {
        db.inTransaction(c -> {
            if (!tableExists(c, "SCHEMA_VERSION")) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, "
                            + "description VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)");
                }
            }
            return null;
        });
        int current = db.inTransaction(Migrations::currentVersion);
        for (String script : SCRIPTS) {
            int version = Integer.parseInt(script.substring(1, script.indexOf("__")));
            if (version <= current) {
                continue;
            }
            List<String> statements = statements(load(script));
            db.inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements) {
                        s.execute(sql);
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    ps.setInt(1, version);
                    ps.setString(2, script);
                    Jdbc.setInstant(ps, 3, Instant.now());
                    ps.executeUpdate();
                }
                return null;
            });
            LOG.info("Applied schema migration {}", script);
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static boolean tableExists(Connection c, String upperName) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String name : new String[] {upperName, upperName.toLowerCase(java.util.Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String load(String script) {
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new StoreException("missing migration resource " + script);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + script, e);
        }
    }

    /**
     * Splits a script on ';' at end of line (CR LF or LF), dropping {@code --} comments (whole lines and the rest of
     * a line outside a string literal) and empty statements. A ';' inside a string literal mid-line does not split.
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\\R")) {
            String t = withoutComment(line).strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.endsWith(";")) {
                cur.append(t, 0, t.length() - 1);
                if (!cur.toString().isBlank()) {
                    out.add(cur.toString().strip());
                }
                cur.setLength(0);
            } else {
                cur.append(t).append('\n');
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** The line up to a {@code --} that is not inside a '...' string literal. */
    private static String withoutComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                quoted = !quoted; // '' inside a literal toggles twice
            } else if (!quoted && c == '-' && i + 1 < line.length() && line.charAt(i + 1) == '-') {
                return line.substring(0, i);
            }
        }
        return line;
    }
}
