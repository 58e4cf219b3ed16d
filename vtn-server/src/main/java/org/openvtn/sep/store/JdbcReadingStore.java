package org.openvtn.sep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.VtnStore;
import org.openvtn.store.Jdbc;

/**
 * Mirrored reading values (migration V5): per MirrorMeterReading its latest {@code Reading} and its
 * {@code MirrorReadingSet}s, kept as the validated bytes received. Never sees schema types.
 */
public final class JdbcReadingStore {
    private final Database db;

    private JdbcReadingStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core's database */
    public static JdbcReadingStore on(VtnStore store) {
        return new JdbcReadingStore(store.database());
    }

    /**
     * A stored MirrorReadingSet.
     *
     * @param id        index below its MeterReading
     * @param readingId the MirrorMeterReading ({@link SepRecords.MirrorReading#id()})
     * @param mrid      the set's mRID (hex)
     * @param start     timePeriod.start, epoch seconds
     * @param body      the MirrorReadingSet document
     */
    public record ReadingSetDoc(long id, long readingId, String mrid, long start, byte[] body) {
    }

    /** Stores a set; a set with the same mRID below the same reading is replaced and keeps its index. */
    public ReadingSetDoc putSet(long readingId, String mrid, long start, byte[] body) {
        return db.inTransactionOrReread(c -> {
            Optional<ReadingSetDoc> existing = Jdbc.one(c, "SELECT id, reading_id, mrid, start_time, body "
                    + "FROM sep_reading_sets WHERE reading_id = ? AND mrid = ?", ps -> {
                        ps.setLong(1, readingId);
                        ps.setString(2, mrid);
                    }, JdbcReadingStore::set);
            if (existing.isPresent()) {
                long id = existing.get().id();
                Jdbc.update(c, "UPDATE sep_reading_sets SET start_time = ?, body = ? WHERE id = ?", ps -> {
                    ps.setLong(1, start);
                    ps.setBytes(2, body);
                    ps.setLong(3, id);
                });
                return new ReadingSetDoc(id, readingId, mrid, start, body);
            }
            long id = Jdbc.insert(c, "INSERT INTO sep_reading_sets (reading_id, mrid, start_time, body) "
                    + "VALUES (?, ?, ?, ?)", ps -> {
                        ps.setLong(1, readingId);
                        ps.setString(2, mrid);
                        ps.setLong(3, start);
                        ps.setBytes(4, body);
                    });
            return new ReadingSetDoc(id, readingId, mrid, start, body);
        });
    }

    /** @return the sets of a MirrorMeterReading, by index */
    public List<ReadingSetDoc> sets(long readingId) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, reading_id, mrid, start_time, body "
                + "FROM sep_reading_sets WHERE reading_id = ? ORDER BY id", ps -> ps.setLong(1, readingId),
                JdbcReadingStore::set));
    }

    /**
     * @param after only sets starting at or after this epoch second, or null
     * @return how many sets a MirrorMeterReading has
     */
    public long setCount(long readingId, Long after) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_reading_sets WHERE reading_id = ? "
                + "AND start_time >= ?", ps -> {
                    ps.setLong(1, readingId);
                    ps.setLong(2, after == null ? Long.MIN_VALUE : after);
                }, rs -> rs.getLong(1)).orElse(0L));
    }

    /**
     * One page of the ReadingSetList (startTime descending, then mRID descending) read with OFFSET/FETCH (issue
     * #12 item 8).
     *
     * @param after only sets starting at or after this epoch second, or null
     */
    public List<ReadingSetDoc> setPage(long readingId, Long after, long start, int limit) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, reading_id, mrid, start_time, body "
                + "FROM sep_reading_sets WHERE reading_id = ? AND start_time >= ? ORDER BY start_time DESC, mrid DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ps -> {
                    ps.setLong(1, readingId);
                    ps.setLong(2, after == null ? Long.MIN_VALUE : after);
                    ps.setLong(3, start);
                    ps.setInt(4, limit);
                }, JdbcReadingStore::set));
    }

    /**
     * Deletes a MirrorMeterReading's oldest sets (startTime, then mRID) beyond {@code keep} (quota, issue #12 item 8).
     *
     * @return how many were deleted
     */
    public int trimSets(long readingId, int keep) {
        return db.inTransactionOrReread(c -> {
            List<Long> victims = Jdbc.list(c, "SELECT id FROM sep_reading_sets WHERE reading_id = ? "
                    + "ORDER BY start_time DESC, mrid DESC OFFSET ? ROWS", ps -> {
                        ps.setLong(1, readingId);
                        ps.setInt(2, keep);
                    }, rs -> rs.getLong(1));
            for (long id : victims) {
                Jdbc.update(c, "DELETE FROM sep_reading_sets WHERE id = ?", ps -> ps.setLong(1, id));
            }
            return victims.size();
        });
    }

    /** @return one set of a MirrorMeterReading */
    public Optional<ReadingSetDoc> set(long readingId, long id) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, reading_id, mrid, start_time, body "
                + "FROM sep_reading_sets WHERE reading_id = ? AND id = ?", ps -> {
                    ps.setLong(1, readingId);
                    ps.setLong(2, id);
                }, JdbcReadingStore::set));
    }

    /** @return how many sets a MirrorMeterReading has */
    public long setCount(long readingId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_reading_sets WHERE reading_id = ?",
                ps -> ps.setLong(1, readingId), rs -> rs.getLong(1)).orElse(0L));
    }

    /** Replaces the latest (single) Reading of a MirrorMeterReading. */
    public void putCurrent(long readingId, byte[] body) {
        db.inTransactionOrReread(c -> {
            Jdbc.update(c, "DELETE FROM sep_current_readings WHERE reading_id = ?", ps -> ps.setLong(1, readingId));
            Jdbc.update(c, "INSERT INTO sep_current_readings (reading_id, body) VALUES (?, ?)", ps -> {
                ps.setLong(1, readingId);
                ps.setBytes(2, body);
            });
            return null;
        });
    }

    /** @return the latest Reading of a MirrorMeterReading */
    public Optional<byte[]> current(long readingId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT body FROM sep_current_readings WHERE reading_id = ?",
                ps -> ps.setLong(1, readingId), rs -> rs.getBytes(1)));
    }

    private static ReadingSetDoc set(ResultSet rs) throws SQLException {
        return new ReadingSetDoc(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getLong(4), rs.getBytes(5));
    }
}
