package org.openvtn.oadr3.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;

/**
 * JDBC persistence of the OpenADR 3.1 notifier outbox (migration V15). Entries are appended in the transaction of
 * the write that caused them, so a notification is stored if and only if its write committed, and survives a
 * restart. Only the head of a lane is ever claimed (per-lane order); a claim is a lease by a conditional update
 * (the V12 design of the 2.0b push outbox), so two nodes on one database never send the same entry at once.
 */
public final class Oadr3OutboxStore {
    private static final String COLUMNS = "seq, lane, kind, target, bearer_token, payload, created_at, attempts,"
            + " next_attempt_at";
    private final Database db;

    public Oadr3OutboxStore(Database db) {
        this.db = db;
    }

    public void append(String lane, String kind, String target, String bearerToken, String payload, Instant now) {
        db.inTransaction(c -> Jdbc.insert(c, "INSERT INTO oadr3_outbox (lane, kind, target, bearer_token, payload,"
                + " created_at, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)", ps -> {
                    ps.setString(1, lane);
                    ps.setString(2, kind);
                    ps.setString(3, target);
                    ps.setString(4, bearerToken);
                    ps.setString(5, payload);
                    Jdbc.setInstant(ps, 6, now);
                    Jdbc.setInstant(ps, 7, now);
                }));
    }

    /**
     * @return the lanes whose head entry is due at {@code now} and not leased, at most {@code max}, oldest head first.
     *         Reads the outbox in {@code seq} order (the primary key: no sort) and takes each lane's first row as its
     *         head, stopping once {@code max} lanes are found: a scan of a large fan-out costs its batch, not the
     *         whole outbox (a correlated MIN(seq) per row and a sort of all heads were 69 % of the VTN's CPU in a
     *         3,000-subscriber fan-out; BENCHMARKS.md "OpenADR 3.1")
     */
    public List<String> dueLanes(Instant now, int max) {
        return db.inTransaction(c -> {
            List<String> due = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "SELECT lane, next_attempt_at, lease_until FROM oadr3_outbox ORDER BY seq")) {
                ps.setFetchSize(Math.max(16, Math.min(max * 2, 1000)));
                try (ResultSet rs = ps.executeQuery()) {
                    while (due.size() < max && rs.next()) {
                        String lane = rs.getString(1);
                        if (!seen.add(lane)) {
                            continue; // not the lane's head
                        }
                        Instant next = Jdbc.instant(rs, 2);
                        Instant lease = Jdbc.instant(rs, 3);
                        if (!next.isAfter(now) && (lease == null || !lease.isAfter(now))) {
                            due.add(lane);
                        }
                    }
                }
            }
            return due;
        });
    }

    /** @return the earliest time any entry is due, if there is one */
    public Optional<Instant> nextDue() {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT MIN(next_attempt_at) FROM oadr3_outbox", ps -> { },
                rs -> Jdbc.instant(rs, 1))).filter(java.util.Objects::nonNull);
    }

    /** Leases the head of {@code lane} to {@code node} when it is due and free; empty when not. */
    public Optional<Oadr3OutboxEntry> claimHead(String lane, String node, Instant now, Duration lease) {
        return claimHeads(List.of(lane), node, now, lease).stream().findFirst();
    }

    /**
     * Leases the heads of {@code lanes} that are due and free to {@code node}, in one transaction: one commit for a
     * whole batch (a fan-out to 10,000 subscribers committed once per lane; BENCHMARKS.md "OpenADR 3.1").
     *
     * @return the claimed heads, in the order of {@code lanes}
     */
    public List<Oadr3OutboxEntry> claimHeads(List<String> lanes, String node, Instant now, Duration lease) {
        if (lanes.isEmpty()) {
            return List.of();
        }
        return db.inTransaction(c -> {
            List<Oadr3OutboxEntry> claimed = new ArrayList<>();
            for (String lane : lanes) {
                Optional<Oadr3OutboxEntry> head = Jdbc.one(c, "SELECT " + COLUMNS + " FROM oadr3_outbox WHERE seq ="
                        + " (SELECT MIN(seq) FROM oadr3_outbox WHERE lane = ?)", ps -> ps.setString(1, lane),
                        Oadr3OutboxStore::row);
                if (head.isEmpty() || head.get().nextAttemptAt().isAfter(now)) {
                    continue;
                }
                int n = Jdbc.update(c, "UPDATE oadr3_outbox SET claimed_by = ?, lease_until = ? WHERE seq = ?"
                        + " AND (lease_until IS NULL OR lease_until <= ? OR claimed_by = ?)", ps -> {
                            ps.setString(1, node);
                            Jdbc.setInstant(ps, 2, now.plus(lease));
                            ps.setLong(3, head.get().seq());
                            Jdbc.setInstant(ps, 4, now);
                            ps.setString(5, node);
                        });
                if (n == 1) {
                    claimed.add(head.get());
                }
            }
            return claimed;
        });
    }

    /** Delivered (or given up): the entry goes. */
    public void remove(long seq) {
        removeAll(List.of(seq));
    }

    /** Delivered entries go, in one transaction (one commit for a batch of deliveries). */
    public void removeAll(Collection<Long> seqs) {
        if (seqs.isEmpty()) {
            return;
        }
        db.inTransaction(c -> {
            for (long seq : seqs) {
                Jdbc.update(c, "DELETE FROM oadr3_outbox WHERE seq = ?", ps -> ps.setLong(1, seq));
            }
            return null;
        });
    }

    /** A failed attempt: counted, lease released, retried at {@code next}. */
    public void failed(long seq, int attempts, Instant next, String error) {
        String e = error == null ? null : error.length() > 500 ? error.substring(0, 500) : error;
        db.inTransaction(c -> Jdbc.update(c, "UPDATE oadr3_outbox SET attempts = ?, next_attempt_at = ?,"
                + " last_error = ?, claimed_by = NULL, lease_until = NULL WHERE seq = ?", ps -> {
                    ps.setInt(1, attempts);
                    Jdbc.setInstant(ps, 2, next);
                    ps.setString(3, e);
                    ps.setLong(4, seq);
                }));
    }

    /** Releases every lease of {@code node} (at a clean stop: the next start need not wait for them to lapse). */
    public void releaseAll(String node) {
        db.inTransaction(c -> Jdbc.update(c, "UPDATE oadr3_outbox SET claimed_by = NULL, lease_until = NULL"
                + " WHERE claimed_by = ?", ps -> ps.setString(1, node)));
    }

    /** @return pending entries (all lanes) */
    public long size() {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT COUNT(*) FROM oadr3_outbox", ps -> { },
                rs -> rs.getLong(1)).orElse(0L));
    }

    private static Oadr3OutboxEntry row(ResultSet rs) throws SQLException {
        return new Oadr3OutboxEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Jdbc.instant(rs, 7), rs.getInt(8), Jdbc.instant(rs, 9));
    }
}
