package org.openvtn.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A read-through cache of rows that a request reads on every call (issue #18: the 2030.5 EndDevice by LFDI and the
 * aggregator of a certificate), shared by every store instance over one {@link Database} ({@link #on}).
 *
 * <p>Derby only ({@link Database#singleProcess()}): a value is loaded and stored under the database lock, and every
 * write that may change a cached value calls {@link #forget} or {@link #forgetAll} inside its own transaction, i.e.
 * under the same lock, before it commits; a rollback empties the cache. So the cache never serves a row another
 * transaction has deleted or changed. On PostgreSQL other VTN nodes write the same rows and no node sees their
 * writes, so nothing is cached: every call reads (a deleted device or a removed aggregator is never served from a
 * stale copy; docs/core-model.md "Persistence", read caches).
 *
 * @param <K> the key (e.g. an upper-case LFDI)
 * @param <V> the value; use {@link java.util.Optional} to cache "no such row" too
 */
public final class ReadCache<K, V> {
    /**
     * Entries held at most; beyond, look-ups read through uncached. Keys come from authenticated certificates and
     * operator calls, so this only bounds memory against many distinct keys (e.g. an operator script probing LFDIs).
     */
    static final int MAX_ENTRIES = 1_000_000;

    private final Database db;
    private final Map<K, V> values = new ConcurrentHashMap<>();

    private ReadCache(Database db) {
        this.db = db;
        db.onRollback(values::clear);
    }

    /** @return the cache called {@code name} on {@code db}, made on first use */
    public static <K, V> ReadCache<K, V> on(Database db, String name) {
        return db.attachment(ReadCache.class.getName() + "/" + name, () -> new ReadCache<K, V>(db));
    }

    /** @return the cached value, or {@code load}'s result (stored on Derby; {@code load} runs in a transaction) */
    public V get(K key, Supplier<V> load) {
        if (!db.singleProcess()) {
            return db.inTransaction(load);
        }
        V known = values.get(key);
        if (known != null) {
            return known;
        }
        return db.inTransaction(() -> {
            V loaded = load.get();
            if (loaded != null && values.size() < MAX_ENTRIES) {
                values.put(key, loaded); // under the Derby lock: no write can interleave
            }
            return loaded;
        });
    }

    /** Drops one key; call inside the writing transaction. */
    public void forget(K key) {
        values.remove(key);
    }

    /** Drops everything; call inside the writing transaction. */
    public void forgetAll() {
        values.clear();
    }
}
