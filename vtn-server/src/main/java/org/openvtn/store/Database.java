package org.openvtn.store;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VTN's database (issue #19), behind one transaction API for every store:
 * <ul>
 *   <li><b>Derby</b> (embedded, file or memory): one JDBC connection guarded by a re-entrant lock, so the whole JVM
 *       runs one transaction at a time. One process per database. Stores may keep caches that are filled and
 *       invalidated under that lock ({@link #singleProcess()} is true).</li>
 *   <li><b>PostgreSQL</b>: a HikariCP pool; each outermost {@link #inTransaction} takes a connection, binds it to
 *       the calling thread (a nested call on that thread joins the transaction) and commits or rolls back. No
 *       JVM-wide lock: several threads and several processes (VTN nodes) run transactions concurrently at READ
 *       COMMITTED, so stores keep no cache of shared rows ({@link #singleProcess()} is false) and queues are
 *       claimed with {@link #claimRows()}.</li>
 * </ul>
 * Opening and schema migrations (Flyway, {@link SchemaMigrations}) are {@link DatabaseOpener}'s.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** SQL dialect of the open database. */
    public enum Dialect { DERBY, POSTGRESQL }

    private final Dialect dialect;
    private final String url;
    private final boolean memory;
    /** Derby: the one connection and its lock. */
    private final ReentrantLock lock = new ReentrantLock();
    private final java.util.concurrent.atomic.LongAdder transactions = new java.util.concurrent.atomic.LongAdder();
    /** Outermost transactions of the calling thread, over every Database of the JVM (tests count a request's own). */
    private static final ThreadLocal<long[]> THREAD_TRANSACTIONS = ThreadLocal.withInitial(() -> new long[1]);
    private final java.util.Map<String, Object> attachments = new java.util.concurrent.ConcurrentHashMap<>();
    private Connection connection;
    private int depth;
    /** PostgreSQL: the pool and the transaction bound to each thread. */
    private final HikariDataSource pool;
    /** PostgreSQL: change notifications between nodes (LISTEN/NOTIFY); null on Derby. */
    private final DatabaseChanges changes;
    private final ThreadLocal<Bound> bound = new ThreadLocal<>();
    private volatile boolean closed;
    private final String schemaVersion;
    /** Caches that must forget what a rolled-back transaction may have shown them (see {@link #onRollback}). */
    private final List<Runnable> rollbackListeners = new CopyOnWriteArrayList<>();
    /** Caches that apply what a committed transaction changed (see {@link #onCommit}). */
    private final List<Runnable> commitListeners = new CopyOnWriteArrayList<>();

    private static final class Bound {
        final Connection connection;
        int depth;
        /** Changes to tell other nodes, sent in one statement just before the commit (see {@link #publish}). */
        final java.util.Set<String> changes = new java.util.LinkedHashSet<>();

        Bound(Connection connection) {
            this.connection = connection;
        }
    }

    /**
     * A database {@link DatabaseOpener} opened and migrated: Derby with its one {@code connection}, or PostgreSQL with
     * its {@code pool} and {@code changes}.
     */
    Database(Dialect dialect, String url, boolean memory, Connection connection, HikariDataSource pool,
             String schemaVersion, DatabaseChanges changes) {
        this.dialect = dialect;
        this.url = url;
        this.memory = memory;
        this.connection = connection;
        this.pool = pool;
        this.schemaVersion = schemaVersion;
        this.changes = changes;
    }

    /**
     * Opens (creating if needed) the file database {@code <dataDir>/db} and applies migrations.
     *
     * @param dataDir data directory
     * @return the open database
     */
    public static Database openFile(Path dataDir) {
        return open(DatabaseConfig.derbyFile(dataDir));
    }

    /**
     * Opens a named in-memory database (tests, {@code openvtn dev --memory}); dropped on close.
     *
     * @param name database name
     * @return the open database
     */
    public static Database openMemory(String name) {
        return open(DatabaseConfig.derbyMemory(name));
    }

    /**
     * Opens the configured database and applies migrations.
     *
     * @param config where the state lives
     * @return the open database
     * @throws StoreException when it cannot be reached or migrated (the message never carries the password)
     */
    public static Database open(DatabaseConfig config) {
        return DatabaseOpener.open(config);
    }

    /** @return the schema version after the migrations applied on open (Flyway's current version) */
    public String schemaVersion() {
        return schemaVersion;
    }

    /** @return the SQL dialect */
    public Dialect dialect() {
        return dialect;
    }

    /**
     * @return true when this process is the only writer and every transaction runs under one JVM lock (Derby):
     *         only then may a store cache rows between transactions. False on PostgreSQL, where other threads and
     *         other VTN nodes write concurrently and stores read through.
     */
    public boolean singleProcess() {
        return dialect == Dialect.DERBY;
    }

    /**
     * The clause that ends a {@code SELECT} claiming queue rows: {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so two
     * nodes never claim the same row (the second skips the rows the first holds until it commits or rolls back);
     * empty on Derby, where the JVM lock already serialises claims.
     */
    public String claimRows() {
        return dialect == Dialect.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /**
     * The clause that ends a {@code SELECT} serialising writers on a row across nodes: {@code FOR UPDATE} on
     * PostgreSQL (a second node's transaction waits until the first commits, then sees its rows); empty on Derby, where
     * the JVM lock already serialises transactions.
     */
    public String lockRows() {
        return dialect == Dialect.POSTGRESQL ? " FOR UPDATE" : "";
    }

    /**
     * Runs {@code work} in a transaction (joining an enclosing one on the same thread). Any exception rolls back
     * the outermost transaction and is rethrown (SQLExceptions wrapped in {@link StoreException}).
     */
    public <T> T inTransaction(SqlWork<T> work) {
        org.openvtn.core.SelectorSafe.mayBlock(); // never on a selector thread (issue #18): the caller re-runs on a pool
        return dialect == Dialect.DERBY ? inDerbyTransaction(work) : inPooledTransaction(work);
    }

    private <T> T inDerbyTransaction(SqlWork<T> work) {
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
            try {
                return outermost(c, work);
            } finally {
                depth = 0;
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T inPooledTransaction(SqlWork<T> work) {
        Bound b = bound.get();
        try {
            if (b != null) {
                b.depth++;
                try {
                    return work.run(b.connection);
                } finally {
                    b.depth--;
                }
            }
            if (closed) {
                throw new StoreException("database is closed");
            }
            OadrRequestReads.release(); // from here on this request reads the database again (issue #19)
            try (Connection c = pool.getConnection()) {
                Bound mine = new Bound(c);
                bound.set(mine);
                try {
                    return outermost(c, conn -> {
                        T result = work.run(conn);
                        if (!mine.changes.isEmpty()) {
                            changes.publish(conn, mine.changes);
                        }
                        return result;
                    });
                } finally {
                    bound.remove();
                }
            }
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
        }
    }

    /**
     * The outermost transaction on {@code c} (either dialect; the caller holds the Derby lock or has bound the pooled
     * connection to its thread): commit and the commit listeners, or rollback and the rollback listeners; the
     * connection goes back to auto-commit either way.
     */
    private <T> T outermost(Connection c, SqlWork<T> work) throws SQLException {
        transactions.increment();
        THREAD_TRANSACTIONS.get()[0]++;
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
            c.setAutoCommit(true);
        }
    }

    /**
     * Registers a cache invalidation that runs after every rollback of an outermost transaction. On Derby it runs
     * under the database lock; store caches fill and invalidate only under the same lock (inside
     * {@link #inTransaction}), so a cache never outlives a rolled-back write. On PostgreSQL it runs on the thread
     * whose transaction rolled back, with no lock: stores check {@link #singleProcess()} and keep no cache there.
     */
    public void onRollback(Runnable listener) {
        rollbackListeners.add(listener);
    }

    /**
     * Registers a cache update that runs after every commit of an outermost transaction (the counterpart of
     * {@link #onRollback}, with the same locking: under the lock on Derby only).
     */
    public void onCommit(Runnable listener) {
        commitListeners.add(listener);
    }

    /**
     * Tells the other nodes sharing this database that something under {@code topic} changed (issue #19), e.g. topic
     * {@code poll} with a VEN ID when a poll item was queued for it. Joins the caller's transaction (or runs in its
     * own): the notification is delivered only if and when that transaction commits. No-op on Derby (one process:
     * the in-process listeners already know). This node's own subscribers are called too, after the commit.
     */
    public void publish(String topic, String key) {
        if (changes != null) {
            inTransaction(c -> bound.get().changes.add(changes.payload(topic, key))); // one statement at commit
        }
    }

    /**
     * Subscribes to changes other nodes {@linkplain #publish publish} under {@code topic}: {@code listener} gets the
     * key, on the one listening thread (quick, non-blocking work only). No-op on Derby.
     */
    public void onChange(String topic, java.util.function.Consumer<String> listener) {
        if (changes != null) {
            changes.subscribe(topic, listener);
        }
    }

    /**
     * Registers a full sweep to run after the listening connection was lost and re-established (notifications sent
     * meanwhile are lost). No-op on Derby.
     */
    public void onChangesReconnected(Runnable sweep) {
        if (changes != null) {
            changes.onReconnect(sweep);
        }
    }

    /** @return how often this node (re-)established its change-notification connection (0 before it listens) */
    public long changeListenerConnects() {
        return changes == null ? 0 : changes.connects();
    }

    /**
     * Readiness probe (issue #19): the database answers a trivial query within {@code timeout}, waiting at most that
     * long for the connection too.
     *
     * @return null when it answered, else why not (e.g. {@code closed}, {@code busy})
     */
    public String ping(java.time.Duration timeout) {
        org.openvtn.core.SelectorSafe.mayBlock();
        if (pool != null) {
            if (closed || pool.isClosed()) {
                return "closed";
            }
            try (Connection c = pool.getConnection(); java.sql.Statement st = c.createStatement()) {
                st.setQueryTimeout((int) Math.max(1, timeout.toSeconds()));
                try (java.sql.ResultSet rs = st.executeQuery("VALUES (1)")) {
                    return rs.next() ? null : "no answer";
                }
            } catch (SQLException e) {
                return "error: " + e.getMessage();
            }
        }
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
                try (java.sql.ResultSet rs = st.executeQuery("VALUES (1)")) {
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
     * The pooled DataSource behind this database, for its pool metrics (issue #19): the HikariCP pool on PostgreSQL;
     * empty for the embedded Derby database (one connection, no pool).
     */
    public java.util.Optional<javax.sql.DataSource> dataSource() {
        return java.util.Optional.ofNullable(pool);
    }

    /**
     * Runs {@code work} like {@link #inTransaction(SqlWork)}; when it is the outermost transaction and fails on a unique
     * key (SQLState 23505: on PostgreSQL another node inserted the same key, e.g. the same LFDI or mRID, between this
     * transaction's read and its insert), runs it once more, so its reads see the other node's row and it answers as
     * if that write had come first, never with an error (issue #19). Work that joins an enclosing transaction is not
     * repeated here (PostgreSQL has aborted that transaction): the outermost caller decides. {@code work} must be
     * free of effects outside the database. On Derby (one process, one lock) the race cannot happen.
     */
    public <T> T inTransactionOrReread(SqlWork<T> work) {
        if (dialect == Dialect.DERBY || bound.get() != null) {
            return inTransaction(work);
        }
        try {
            return inTransaction(work);
        } catch (StoreException e) {
            if (!duplicateKey(e)) {
                throw e;
            }
            LOG.debug("another node wrote the same key first; reading it again: {}", e.getMessage());
            return inTransaction(work);
        }
    }

    /** {@link #inTransactionOrReread(SqlWork)} for service code. */
    public <T> T inTransactionOrReread(Supplier<T> work) {
        return inTransactionOrReread(c -> work.get());
    }

    /** @return whether {@code e} (or a cause) is a unique-key violation (SQLState 23505, Derby and PostgreSQL) */
    public static boolean duplicateKey(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return how many outermost transactions (database round trips: one connection use, commit or rollback) this
     *         database has run since it was opened; nested calls are not counted. Tests and benchmarks read it to
     *         count round trips per request (issue #18).
     */
    public long transactions() {
        return transactions.sum();
    }

    /**
     * @return how many outermost transactions the calling thread has run, in any Database of this JVM: a test
     *         counting one request's round trips reads this, so that the background threads (last-contact writer,
     *         leases, change listeners) that share the database are not counted with it
     */
    public static long transactionsOnThisThread() {
        return THREAD_TRANSACTIONS.get()[0];
    }

    /**
     * One object per name per database, made on first use: lets every store instance over this database share one
     * read cache (see {@link ReadCache}), so a write through one instance invalidates what another serves.
     */
    @SuppressWarnings("unchecked")
    public <T> T attachment(String name, java.util.function.Supplier<T> make) {
        return (T) attachments.computeIfAbsent(name, n -> make.get());
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

    /**
     * Derby: closes the connection and shuts the database down ({@code ;shutdown=true}, or drop for memory).
     * PostgreSQL: closes the pool (the server and its data stay).
     */
    @Override
    public void close() {
        if (dialect == Dialect.POSTGRESQL) {
            if (!closed) {
                closed = true;
                changes.close();
                pool.close();
                LOG.info("Closed database pool {}", url);
            }
            return;
        }
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
