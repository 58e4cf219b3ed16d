package org.openvtn.store;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations by Flyway (issue #19): one set of {@code migrations/V<n>__<name>.sql} resources for
 * Derby and PostgreSQL. Where the dialects differ the scripts use placeholders: {@code ${clob}} (Derby CLOB,
 * PostgreSQL TEXT), {@code ${blob}} (BLOB(1M) / BYTEA) and {@code ${blob_small}} (BLOB(64K) / BYTEA). Applied
 * migrations are never edited; add a new version instead.
 *
 * <p>A database created by OpenVTN's earlier hand-written runner (history table of its own, versions 1..n) is
 * adopted once: Flyway is baselined at the highest version that table records, then the later versions apply.
 */
final class SchemaMigrations {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    static final String LOCATION = "classpath:org/openvtn/store/migrations";
    static final String HISTORY = "flyway_schema_history";
    /** The history table of the runner Flyway replaced; read once to adopt such a database, never written. */
    private static final String LEGACY_HISTORY = "schema_version";

    private SchemaMigrations() {
    }

    /**
     * Brings the schema up to date.
     *
     * @param ds      connections to the database (Flyway takes and returns its own)
     * @param dialect which placeholders to use
     * @return the schema version after migration
     */
    static String apply(DataSource ds, Database.Dialect dialect) {
        int legacy = legacyVersion(ds);
        var config = Flyway.configure()
                .dataSource(ds)
                .locations(LOCATION)
                .table(HISTORY)
                .placeholders(placeholders(dialect))
                .validateMigrationNaming(true);
        if (legacy > 0) {
            config = config.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy))
                    .baselineDescription("adopted from the earlier migration runner");
            LOG.info("Adopting a database migrated up to V{} by the earlier runner", legacy);
        }
        Flyway flyway = config.load();
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info("Applied {} schema migration(s), schema now at V{}", result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
        String version = result.migrationsExecuted > 0 ? result.targetSchemaVersion : result.initialSchemaVersion;
        return version == null ? "0" : version;
    }

    static Map<String, String> placeholders(Database.Dialect dialect) {
        return switch (dialect) {
            case DERBY -> Map.of("clob", "CLOB", "blob", "BLOB(1M)", "blob_small", "BLOB(64K)");
            case POSTGRESQL -> Map.of("clob", "TEXT", "blob", "BYTEA", "blob_small", "BYTEA");
        };
    }

    /**
     * @return the highest version the earlier runner's table records, or 0 when there is none to adopt (no such
     *         table, or Flyway already owns the database)
     */
    private static int legacyVersion(DataSource ds) {
        try (Connection c = ds.getConnection()) {
            if (!tableExists(c, LEGACY_HISTORY) || tableExists(c, HISTORY)) {
                return 0;
            }
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT MAX(version) FROM " + LEGACY_HISTORY)) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot inspect schema history: " + e.getMessage(), e);
        }
    }

    private static boolean tableExists(Connection c, String name) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        for (String n : new String[] {name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
            try (ResultSet rs = md.getTables(null, c.getSchema(), n, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
