package org.openvtn.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a {@link Database} (issue #19): connects to the configured database, applies the schema migrations
 * ({@link SchemaMigrations}) and hands the result to {@link Database}, which runs the transactions. Embedded Derby
 * (file or memory) gets one connection; PostgreSQL a HikariCP pool at READ COMMITTED in UTC, migrated over a
 * connection of its own, and the change-notification listener ({@link DatabaseChanges}). Moved out of
 * {@link Database#open(DatabaseConfig)}, which calls it.
 */
final class DatabaseOpener {
    /** The logger the opening lines always had, so an operator's logging configuration still applies. */
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private DatabaseOpener() {
    }

    /**
     * @param config where the state lives
     * @return the open, migrated database
     * @throws StoreException when it cannot be reached or migrated (the message never carries the password)
     */
    static Database open(DatabaseConfig config) {
        return switch (config.kind()) {
            case DERBY_FILE -> {
                Path abs = config.dataDir().toAbsolutePath();
                if (System.getProperty("derby.stream.error.file") == null) {
                    // Derby otherwise writes derby.log into the working directory.
                    System.setProperty("derby.stream.error.file", abs.resolve("derby.log").toString());
                }
                yield openDerby(abs.resolve("db").toString().replace('\\', '/'), false);
            }
            case DERBY_MEMORY -> openDerby("memory:" + config.memoryName(), true);
            case POSTGRESQL -> openPostgres(config);
        };
    }

    private static Database openDerby(String name, boolean memory) {
        String baseUrl = "jdbc:derby:" + name;
        try {
            Connection c = DriverManager.getConnection(baseUrl + ";create=true");
            c.setAutoCommit(true);
            EmbeddedDataSource ds = new EmbeddedDataSource();
            ds.setDatabaseName(name);
            String version = SchemaMigrations.apply(ds, Database.Dialect.DERBY);
            Database db = new Database(Database.Dialect.DERBY, baseUrl, memory, c, null, version, null);
            LOG.info("Opened database {}", baseUrl);
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    private static Database openPostgres(DatabaseConfig config) {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(config.url());
        hc.setUsername(config.user());
        hc.setPassword(config.password());
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        hc.setPoolName("openvtn-db");
        hc.setAutoCommit(true);
        hc.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // UTC on the session too, so any server-side CURRENT_TIMESTAMP agrees with the UTC the stores bind.
        hc.setConnectionInitSql("SET TIME ZONE 'UTC'");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database " + config + ": " + e.getMessage(), e);
        }
        String version;
        try {
            // Flyway holds one connection for its lock while it migrates on another: give it its own, unpooled
            org.postgresql.ds.PGSimpleDataSource direct = new org.postgresql.ds.PGSimpleDataSource();
            direct.setURL(config.url());
            direct.setUser(config.user());
            direct.setPassword(config.password());
            version = SchemaMigrations.apply(direct, Database.Dialect.POSTGRESQL);
        } catch (RuntimeException e) {
            pool.close();
            throw e instanceof StoreException se ? se
                    : new StoreException("cannot migrate database " + config + ": " + e.getMessage(), e);
        }
        LOG.info("Opened database {} at schema V{}", config, version);
        return new Database(Database.Dialect.POSTGRESQL, config.url(), false, null, pool, version,
                new DatabaseChanges(config));
    }
}
