package org.openvtn.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Leases on the head rows of a queue that several VTN nodes share (issue #19): the OpenADR 2.0b push outbox
 * ({@code push_outbox}, migration V12) and the IEEE 2030.5 Notification queue ({@code sep_notifications}, V26). A
 * queue is split in lanes (a VEN, a subscription); only the oldest row of a lane is ever leased, so per-lane order holds
 * whichever node sends. A node leases a head for a while ({@code claimed_by}, {@code lease_until}), renews it while it
 * works, and removes or gives it back only while it still holds it; a dead node's lease lapses. The conditional
 * update of {@link #take} alone decides between racing claimers.
 *
 * <p>The two queues differ in one rule, {@link Backoff}: on the 2030.5 queue a row given back after a failed attempt
 * keeps {@code lease_until} as its earliest next attempt (no node takes it before), while the push outbox keeps its
 * backoff per VEN elsewhere and an unheld row is free at once.
 */
public final class HeadLeases {
    /** What {@code lease_until} means on a row no node holds. */
    public enum Backoff {
        /** Nothing: an unheld row is free. */
        NONE,
        /** The earliest next attempt: an unheld row is free only from then on. */
        UNHELD_UNTIL
    }

    private final String headQuery;
    private final String take;
    private final String renew;
    private final String release;
    private final Backoff backoff;

    /**
     * @param db      the database ({@link Database#claimRows()} ends the head query)
     * @param table   the queue table
     * @param id      its ascending id column (the oldest row of a lane is the head)
     * @param lane    the column that names the lane
     * @param columns the columns the head query reads (the caller's row reader)
     */
    public HeadLeases(Database db, String table, String id, String lane, String columns, Backoff backoff) {
        this.headQuery = "SELECT " + columns + " FROM " + table + " WHERE " + id + " = (SELECT MIN(" + id + ") FROM "
                + table + " WHERE " + lane + " = ?)" + db.claimRows();
        this.take = "UPDATE " + table + " SET claimed_by = ?, lease_until = ? WHERE " + id + " = ? AND (claimed_by = ?"
                + (backoff == Backoff.NONE ? " OR claimed_by IS NULL" : "") + " OR lease_until IS NULL"
                + " OR lease_until <= ?)";
        this.renew = "UPDATE " + table + " SET lease_until = ? WHERE " + id + " = ? AND claimed_by = ?";
        this.release = "UPDATE " + table + " SET claimed_by = NULL, lease_until = NULL WHERE " + id + " = ?"
                + " AND claimed_by = ?";
        this.backoff = backoff;
    }

    /**
     * @return the query that reads a lane's head row (bind the lane as parameter 1); on PostgreSQL {@code FOR UPDATE
     *         SKIP LOCKED}, so a head another node is claiming right now is skipped, never the row behind it
     */
    public String headQuery() {
        return headQuery;
    }

    /** @return whether a head read with its {@code holder} and {@code until} is out of {@code node}'s reach now */
    public boolean heldAgainst(String node, String holder, Instant until, Instant now) {
        boolean free = holder == null && backoff == Backoff.NONE;
        return !free && !node.equals(holder) && until != null && until.isAfter(now);
    }

    /** Leases row {@code id} for {@code node} until {@code now + lease}, unless another node holds it. */
    public boolean take(Connection c, long id, String node, Instant now, Duration lease) throws SQLException {
        return Jdbc.update(c, take, ps -> {
            ps.setString(1, node);
            Jdbc.setInstant(ps, 2, now.plus(lease));
            ps.setLong(3, id);
            ps.setString(4, node);
            Jdbc.setInstant(ps, 5, now);
        }) == 1;
    }

    /** Extends a lease {@code node} holds; false when it was lost (lapsed and taken over, or the row is gone). */
    public boolean renew(Connection c, long id, String node, Instant now, Duration lease) throws SQLException {
        return Jdbc.update(c, renew, ps -> {
            Jdbc.setInstant(ps, 1, now.plus(lease));
            ps.setLong(2, id);
            ps.setString(3, node);
        }) == 1;
    }

    /** Gives a lease {@code node} holds back at once; false when it no longer held it. */
    public boolean release(Connection c, long id, String node) throws SQLException {
        return Jdbc.update(c, release, ps -> {
            ps.setLong(1, id);
            ps.setString(2, node);
        }) == 1;
    }
}
