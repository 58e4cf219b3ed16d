package org.openvtn.sep.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/** TextMessages per program (table {@code sep_text_messages}, migration {@code V35__sep_messages.sql}). */
public final class JdbcMessageStore {
    private static final String COLUMNS = "id, program_id, group_id, lfdi, message, originator, priority, start_at, "
            + "duration_s, created_at, cancelled_at";

    private final Database db;

    private JdbcMessageStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core store's database */
    public static JdbcMessageStore on(VtnStore store) {
        return new JdbcMessageStore(store.database());
    }

    /**
     * A stored TextMessage.
     *
     * @param id          the message's number (its mRID derives from it)
     * @param programId   the program whose MessagingProgram carries it
     * @param groupId     only devices of this group, or null
     * @param lfdi        only this device, or null
     * @param text        textMessage
     * @param originator  originator or null
     * @param priority    PriorityType 0 low .. 3 critical
     * @param start       interval start
     * @param duration    interval duration
     * @param createdAt   creationTime
     * @param cancelledAt when the operator cancelled it, or null
     */
    public record Message(long id, String programId, String groupId, String lfdi, String text, String originator,
                          int priority, Instant start, Duration duration, Instant createdAt, Instant cancelledAt) {
        /** @return the end of the interval */
        public Instant end() {
            return start.plus(duration);
        }
    }

    /** Stores a message; returns it with its id. */
    public Message insert(Message m) {
        long id = db.inTransaction(c -> Jdbc.insert(c, "INSERT INTO sep_text_messages (program_id, group_id, lfdi, "
                + "message, originator, priority, start_at, duration_s, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ps -> {
                    ps.setString(1, m.programId());
                    ps.setString(2, m.groupId());
                    ps.setString(3, m.lfdi());
                    ps.setString(4, m.text());
                    ps.setString(5, m.originator());
                    ps.setShort(6, (short) m.priority());
                    Jdbc.setInstant(ps, 7, m.start());
                    ps.setLong(8, m.duration().toSeconds());
                    Jdbc.setInstant(ps, 9, m.createdAt());
                }));
        return new Message(id, m.programId(), m.groupId(), m.lfdi(), m.text(), m.originator(), m.priority(),
                m.start(), m.duration(), m.createdAt(), null);
    }

    /** @return the program's messages by id */
    public List<Message> list(String programId) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM sep_text_messages WHERE program_id = ?"
                + " ORDER BY id", ps -> ps.setString(1, programId), rs -> new Message(rs.getLong(1), rs.getString(2),
                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getShort(7),
                Jdbc.instant(rs, 8), Duration.ofSeconds(rs.getLong(9)), Jdbc.instant(rs, 10), Jdbc.instant(rs, 11))));
    }

    /** Marks a message cancelled; false when the program has no such message or it was cancelled already. */
    public boolean cancel(String programId, long id, Instant now) {
        return db.inTransaction(c -> Jdbc.update(c, "UPDATE sep_text_messages SET cancelled_at = ? WHERE id = ? "
                + "AND program_id = ? AND cancelled_at IS NULL", ps -> {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setLong(2, id);
                    ps.setString(3, programId);
                }) == 1);
    }
}
