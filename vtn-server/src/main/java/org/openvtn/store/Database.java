package org.openvtn.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One embedded Derby database behind a single JDBC connection guarded by a re-entrant lock:
 * thread-safe, and every {@link #inTransaction} call is atomic. Nested calls join the outer
 * transaction. Good enough for a single-node VTN; PostgreSQL with a pool comes later behind the
 * same store interfaces.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    private final String url;
    private final boolean memory;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private int depth;
    /** Caches that must forget what a rolled-back transaction may have shown them (see {@link #onRollback}). */
    private final java.util.List<Runnable> rollbackListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Caches that apply what a committed transaction changed (see {@link #onCommit}). */
    private final java.util.List<Runnable> commitListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Database(String url, boolean memory, Connection connection) {
        this.url = url;
        this.memory = memory;
        this.connection = connection;
    }

    /**
     * Opens (creating if needed) the file database {@code <dataDir>/db} and applies migrations.
     *
     * @param dataDir data directory
     * @return the open database
     */
    public static Database openFile(Path dataDir) {
        Path abs = dataDir.toAbsolutePath();
        if (System.getProperty("derby.stream.error.file") == null) {
            // Derby otherwise writes derby.log into the working directory.
            System.setProperty("derby.stream.error.file", abs.resolve("derby.log").toString());
        }
        return open("jdbc:derby:" + abs.resolve("db").toString().replace('\\', '/'), false);
    }

    /**
     * Opens a named in-memory database (tests, {@code openvtn dev --memory}); dropped on close.
     *
     * @param name database name
     * @return the open database
     */
    public static Database openMemory(String name) {
        return open("jdbc:derby:memory:" + name, true);
    }

    private static Database open(String baseUrl, boolean memory) {
        try {
            Connection c = DriverManager.getConnection(baseUrl + ";create=true");
            c.setAutoCommit(true);
            Database db = new Database(baseUrl, memory, c);
            Migrations.apply(db);
            LOG.info("Opened database {}", baseUrl);
            return db;
        } catch (SQLException e) {
            throw new StoreException("cannot open database " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in a transaction (joining an enclosing one). Any exception rolls back the
     * outermost transaction and is rethrown (SQLExceptions wrapped in {@link StoreException}).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            Connection c = connection();
            if (depth > 0) {
                depth++;
                try {
                    return work.run(c);
                } finally {
                    depth--;
                }
            }
            depth = 1;
            c.setAutoCommit(false);
            boolean ok = false;
            try {
                T result = work.run(c);
                c.commit();
                ok = true;
                commitListeners.forEach(Runnable::run);
                return result;
            } finally {
                if (!ok) {
                    rollbackQuietly(c);
                    rollbackListeners.forEach(Runnable::run);
                }
                depth = 0;
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Registers a cache invalidation that runs, under the database lock, after every rollback of an outermost
     * transaction. Store caches fill and invalidate only under the same lock (inside {@link #inTransaction}), so a
     * cache never outlives a rolled-back write.
     */
    public void onRollback(Runnable listener) {
        rollbackListeners.add(listener);
    }

    /**
     * Registers a cache update that runs, under the database lock, after every commit of an outermost transaction
     * (the counterpart of {@link #onRollback}: a cache can keep a transaction's changes aside and apply them here).
     */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /**
     * Readiness probe (issue #19): the database answers a trivial query within {@code timeout}, waiting at most that
     * long for the connection too.
     *
     * @return null when it answered, else why not (e.g. {@code closed}, {@code busy})
     */
    public String ping(java.time.Duration timeout) {
        try {
            if (!lock.tryLock(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                return "busy: no connection within " + timeout.toMillis() + " ms";
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
        try {
            if (connection == null) {
                return "closed";
            }
            try (java.sql.Statement st = connection.createStatement()) {
                st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                try (java.sql.ResultSet rs = st.executeQuery("VALUES 1")) {
                    return rs.next() ? null : "no answer";
                }
            }
        } catch (SQLException e) {
            return "error: " + e.getMessage();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The pooled DataSource behind this database, for its pool metrics (issue #19). The embedded Derby database here
     * is one connection, no pool: empty.
     */
    public java.util.Optional<javax.sql.DataSource> dataSource() {
        return java.util.Optional.empty();
    }

    /** Runs service code (no JDBC in sight) inside one transaction. */
    public <T> T inTransaction(Supplier<T> work) {
        return inTransaction(c -> work.get());
    }

    private Connection connection() {
        if (connection == null) {
            throw new StoreException("database is closed");
        }
        return connection;
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.warn("rollback failed", e);
        }
    }

    /** Closes the connection and shuts the database down ({@code ;shutdown=true}, or drop for memory). */
    @Override
    public void close() {
        lock.lock();
        try {
            if (connection == null) {
                return;
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("closing connection failed", e);
            }
            connection = null;
            try {
                DriverManager.getConnection(url + (memory ? ";drop=true" : ";shutdown=true")).close();
            } catch (SQLException e) {
                // Derby reports a successful shutdown/drop as an exception: 08006 (database), 08004 dropped
                if (!"08006".equals(e.getSQLState()) && !"08004".equals(e.getSQLState())) {
                    LOG.warn("database shutdown: {} ({})", e.getMessage(), e.getSQLState());
                }
            }
            LOG.info("Closed database {}", url);
        } finally {
            lock.unlock();
        }
    }
}
