package org.openvtn.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Signature replay nonces shared by the VTN's nodes (migration V13, issue #19): a node records each ReplayProtect
 * nonce it accepts, keyed by a digest of signer and nonce; the primary key refuses the same nonce on any other node
 * (OpenADR 2.0b profile, ReplayProtect: a nonce is used once within the timestamp window). Expired rows are purged at
 * most once a minute per node. Used on PostgreSQL only; one process keeps nonces in memory.
 */
public final class JdbcNonceStore {
    private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

    private final Database db;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.MIN);

    private JdbcNonceStore(Database db) {
        this.db = db;
    }

    /** @param db the database (carrying migration V13) */
    public static JdbcNonceStore on(Database db) {
        return new JdbcNonceStore(db);
    }

    /**
     * Records the nonce key unless it is remembered and not yet forgotten. Runs in a transaction of its own: a
     * duplicate key (SQLState 23505, a race with another node or a replay) is answered as a replay, never as an error.
     *
     * @return false when the key was already used and is remembered beyond {@code now}
     */
    public boolean firstUse(String key, Instant forgetAt, Instant now) {
        purge(now);
        try {
            return db.inTransaction(c -> {
                // an expired row of the same key is forgotten first (same nonce reused after its window: allowed)
                try (PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM signature_nonces WHERE nonce_key = ? AND forget_at <= ?")) {
                    ps.setString(1, key);
                    Jdbc.setInstant(ps, 2, now);
                    ps.executeUpdate();
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO signature_nonces (nonce_key, forget_at) VALUES (?, ?)")) {
                    ps.setString(1, key);
                    Jdbc.setInstant(ps, 2, forgetAt);
                    ps.executeUpdate();
                }
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private void purge(Instant now) {
        Instant last = lastPurge.get();
        if (last.isAfter(now.minus(PURGE_EVERY)) || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM signature_nonces WHERE forget_at <= ?")) {
                Jdbc.setInstant(ps, 1, now);
                return ps.executeUpdate();
            }
        });
    }
}
