package org.openvtn.sep.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.VtnStore;
import org.openvtn.store.Jdbc;

/**
 * Persistence of 2030.5 Responses, LogEvents, device-side DER resources, the metering mirror,
 * DefaultDERControls, EndDevice last-seen times and the operator change log (migration V3).
 * Protocol documents are kept as their validated bytes; this store never sees schema types.
 */
public final class JdbcSepRecordStore {
    private final Database db;
    /** Rows the paged list reads returned (issue #12 item 8: a page reads its rows only, not the whole list). */
    private final java.util.concurrent.atomic.AtomicLong pagedRowsRead = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Derby only: the {@code afterId} of the last {@link #changesAfter} that found no row, or -1. The 2030.5 notifier
     * asks four times a second (issue #18: an idle Derby query every 250 ms). Set under the database lock after the
     * empty read; reset to -1 inside every {@link #recordChange} transaction (the only writer of {@code sep_changes} on
     * a single-process database) and after every rollback, so a new row is never skipped: a reader that still sees the
     * old value is before that transaction's commit and asks again 250 ms later. Shared by every instance on the
     * database ({@link Database#attachment}).
     */
    private final java.util.concurrent.atomic.AtomicLong noChangeAfter;

    private JdbcSepRecordStore(Database db) {
        this.db = db;
        this.noChangeAfter = db.attachment(JdbcSepRecordStore.class.getName() + "/no-change-after", () -> {
            java.util.concurrent.atomic.AtomicLong a = new java.util.concurrent.atomic.AtomicLong(-1);
            db.onRollback(() -> a.set(-1));
            return a;
        });
    }

    /** @return a store on the core's database */
    public static JdbcSepRecordStore on(VtnStore store) {
        return new JdbcSepRecordStore(store.database());
    }

    /**
     * Locks the EndDevice's row for the rest of the caller's transaction, so a per-device quota counted after it holds
     * across nodes (issue #19; {@link JdbcSepStore#lockDevice}).
     */
    public void lockDevice(long deviceId) {
        db.inTransaction(c -> {
            JdbcSepStore.lockDevice(db, c, deviceId);
            return null;
        });
    }

    /** Runs {@code work} atomically (joins the core's transaction on the same database). */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        return db.inTransactionOrReread(work);
    }

    // ---- Response / ResponseSet

    public SepRecords.Response insertResponse(long deviceId, String set, String kind, String subject, Short status,
                                              Instant created, Instant now, String eventId) {
        return db.inTransactionOrReread(c -> {
            long id = Jdbc.insert(c, "INSERT INTO sep_responses (device_id, response_set, kind, subject, status, "
                    + "created_time, received_at, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setString(2, set);
                        ps.setString(3, kind);
                        ps.setString(4, subject);
                        if (status == null) {
                            ps.setNull(5, Types.SMALLINT);
                        } else {
                            ps.setShort(5, status);
                        }
                        Jdbc.setInstant(ps, 6, created);
                        Jdbc.setInstant(ps, 7, now);
                        ps.setString(8, eventId);
                    });
            return new SepRecords.Response(id, deviceId, set, kind, subject, status, created, now, eventId);
        });
    }

    /** @return a device's responses in a ResponseSet, by id */
    public List<SepRecords.Response> responses(long deviceId, String set) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, response_set, kind, subject, status, "
                + "created_time, received_at, event_id FROM sep_responses WHERE device_id = ? AND response_set = ? "
                + "ORDER BY id", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setString(2, set);
                }, JdbcSepRecordStore::response));
    }

    /** @return every response of every device, by id */
    public List<SepRecords.Response> allResponses() {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, response_set, kind, subject, status, "
                + "created_time, received_at, event_id FROM sep_responses ORDER BY id", ps -> { },
                JdbcSepRecordStore::response));
    }

    /** @return how many responses a device has in a ResponseSet */
    public long responseCount(long deviceId, String set) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_responses WHERE device_id = ? "
                + "AND response_set = ?", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setString(2, set);
                }, rs -> rs.getLong(1)).orElse(0L));
    }

    /** @return one page of a device's responses in a ResponseSet, by id, read with OFFSET/FETCH */
    public List<SepRecords.Response> responsePage(long deviceId, String set, long start, int limit) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, response_set, kind, subject, status, "
                + "created_time, received_at, event_id FROM sep_responses WHERE device_id = ? AND response_set = ? "
                + "ORDER BY id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setString(2, set);
                    ps.setLong(3, start);
                    ps.setInt(4, limit);
                }, rs -> counted(response(rs))));
    }

    /** @return one response of a device in a ResponseSet */
    public Optional<SepRecords.Response> response(long deviceId, String set, long id) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, device_id, response_set, kind, subject, status, "
                + "created_time, received_at, event_id FROM sep_responses WHERE device_id = ? AND response_set = ? "
                + "AND id = ?", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setString(2, set);
                    ps.setLong(3, id);
                }, JdbcSepRecordStore::response));
    }

    /**
     * Deletes a device's oldest responses (all ResponseSets, by id) beyond {@code keep} (quota, issue #12 item 8).
     *
     * @return how many were deleted
     */
    public int trimResponses(long deviceId, int keep) {
        return db.inTransactionOrReread(c -> {
            Optional<Long> cut = Jdbc.one(c, "SELECT id FROM sep_responses WHERE device_id = ? ORDER BY id DESC "
                    + "OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setInt(2, keep);
                    }, rs -> rs.getLong(1));
            if (cut.isEmpty()) {
                return 0;
            }
            return Jdbc.update(c, "DELETE FROM sep_responses WHERE device_id = ? AND id <= ?", ps -> {
                ps.setLong(1, deviceId);
                ps.setLong(2, cut.get());
            });
        });
    }

    private <T> T counted(T row) {
        pagedRowsRead.incrementAndGet();
        return row;
    }

    /** @return rows returned by the paged reads so far (tests and diagnostics) */
    public long pagedRowsRead() {
        return pagedRowsRead.get();
    }

    private static SepRecords.Response response(ResultSet rs) throws SQLException {
        short s = rs.getShort(6);
        Short status = rs.wasNull() ? null : s;
        return new SepRecords.Response(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), status, Jdbc.instant(rs, 7), Jdbc.instant(rs, 8), rs.getString(9));
    }

    // ---- LogEvent

    public long insertLogEvent(long deviceId, Instant created, byte[] body) {
        return db.inTransactionOrReread(c -> Jdbc.insert(c, "INSERT INTO sep_log_events (device_id, created_time, body) "
                + "VALUES (?, ?, ?)", ps -> {
                    ps.setLong(1, deviceId);
                    Jdbc.setInstant(ps, 2, created);
                    ps.setBytes(3, body);
                }));
    }

    /** @return how many LogEvents a device has */
    public long logEventCount(long deviceId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_log_events WHERE device_id = ?",
                ps -> ps.setLong(1, deviceId), rs -> rs.getLong(1)).orElse(0L));
    }

    /** @return one page of a device's LogEvents in LogEventList order, read with OFFSET/FETCH */
    public List<SepRecords.Document> logEventPage(long deviceId, long start, int limit) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, created_time, body FROM sep_log_events "
                + "WHERE device_id = ? ORDER BY created_time DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                ps -> {
                    ps.setLong(1, deviceId);
                    ps.setLong(2, start);
                    ps.setInt(3, limit);
                }, rs -> counted(new SepRecords.Document(rs.getLong(1), rs.getLong(2), null, Jdbc.instant(rs, 3),
                        rs.getBytes(4)))));
    }

    /** @return one LogEvent of a device */
    public Optional<SepRecords.Document> logEvent(long deviceId, long id) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, device_id, created_time, body FROM sep_log_events "
                + "WHERE device_id = ? AND id = ?", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setLong(2, id);
                }, rs -> new SepRecords.Document(rs.getLong(1), rs.getLong(2), null, Jdbc.instant(rs, 3),
                        rs.getBytes(4))));
    }

    /**
     * Deletes a device's oldest LogEvents (createdDateTime, then id) beyond {@code keep}: the LogEventList is a
     * bounded list that drops its oldest entries (quota, issue #12 item 8).
     *
     * @return how many were deleted
     */
    public int trimLogEvents(long deviceId, int keep) {
        return db.inTransactionOrReread(c -> {
            Optional<Object[]> cut = Jdbc.one(c, "SELECT created_time, id FROM sep_log_events WHERE device_id = ? "
                    + "ORDER BY created_time DESC, id DESC OFFSET ? ROWS FETCH NEXT 1 ROWS ONLY", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setInt(2, keep);
                    }, rs -> new Object[] {Jdbc.instant(rs, 1), rs.getLong(2)});
            if (cut.isEmpty()) {
                return 0;
            }
            return Jdbc.update(c, "DELETE FROM sep_log_events WHERE device_id = ? AND (created_time < ? "
                    + "OR (created_time = ? AND id <= ?))", ps -> {
                        ps.setLong(1, deviceId);
                        Jdbc.setInstant(ps, 2, (Instant) cut.get()[0]);
                        Jdbc.setInstant(ps, 3, (Instant) cut.get()[0]);
                        ps.setLong(4, (Long) cut.get()[1]);
                    });
        });
    }

    /** @return a device's LogEvents, createdDateTime descending then id descending (LogEventList order) */
    public List<SepRecords.Document> logEvents(long deviceId) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, created_time, body FROM sep_log_events "
                + "WHERE device_id = ? ORDER BY created_time DESC, id DESC", ps -> ps.setLong(1, deviceId),
                rs -> new SepRecords.Document(rs.getLong(1), rs.getLong(2), null, Jdbc.instant(rs, 3),
                        rs.getBytes(4))));
    }

    // ---- device-side DER resources

    /** Stores (or replaces) a DER resource document. @return true when it did not exist before */
    public boolean putDer(long deviceId, String kind, byte[] body, Instant now) {
        return db.inTransactionOrReread(c -> {
            int n = Jdbc.update(c, "UPDATE sep_der_resources SET body = ?, updated_at = ? WHERE device_id = ? "
                    + "AND kind = ?", ps -> {
                        ps.setBytes(1, body);
                        Jdbc.setInstant(ps, 2, now);
                        ps.setLong(3, deviceId);
                        ps.setString(4, kind);
                    });
            if (n == 1) {
                return false;
            }
            Jdbc.update(c, "INSERT INTO sep_der_resources (device_id, kind, body, updated_at) VALUES (?, ?, ?, ?)",
                    ps -> {
                        ps.setLong(1, deviceId);
                        ps.setString(2, kind);
                        ps.setBytes(3, body);
                        Jdbc.setInstant(ps, 4, now);
                    });
            return true;
        });
    }

    public Optional<byte[]> der(long deviceId, String kind) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT body FROM sep_der_resources WHERE device_id = ? "
                + "AND kind = ?", ps -> {
                    ps.setLong(1, deviceId);
                    ps.setString(2, kind);
                }, rs -> rs.getBytes(1)));
    }

    // ---- metering mirror

    /** @return the existing MirrorUsagePoint of the device with that mRID, or a new one */
    /** @return how many MirrorUsagePoints a device has (quota, issue #12 item 8) */
    public long mirrorUsagePointCount(long deviceId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_mirror_usage_points WHERE device_id = ?",
                ps -> ps.setLong(1, deviceId), rs -> rs.getLong(1)).orElse(0L));
    }

    /** @return how many MirrorMeterReadings a MirrorUsagePoint has (quota, issue #12 item 8) */
    public long mirrorReadingCount(long mupId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT COUNT(*) FROM sep_mirror_readings WHERE mup_id = ?",
                ps -> ps.setLong(1, mupId), rs -> rs.getLong(1)).orElse(0L));
    }

    public SepRecords.Document mirrorUsagePoint(long deviceId, String mrid, byte[] body, Instant now) {
        return db.inTransactionOrReread(c -> {
            Optional<SepRecords.Document> existing = Jdbc.one(c, "SELECT id, device_id, mrid, created_at, body "
                    + "FROM sep_mirror_usage_points WHERE device_id = ? AND mrid = ?", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setString(2, mrid);
                    }, JdbcSepRecordStore::document);
            if (existing.isPresent()) {
                // the same mRID again replaces the representation (roleFlags, status...; CSIP-AUS S-ALL-07)
                Jdbc.update(c, "UPDATE sep_mirror_usage_points SET body = ? WHERE id = ?", ps -> {
                    ps.setBytes(1, body);
                    ps.setLong(2, existing.get().id());
                });
                SepRecords.Document e = existing.get();
                return new SepRecords.Document(e.id(), e.deviceId(), e.key(), e.time(), body);
            }
            long id = Jdbc.insert(c, "INSERT INTO sep_mirror_usage_points (device_id, mrid, body, created_at) "
                    + "VALUES (?, ?, ?, ?)", ps -> {
                        ps.setLong(1, deviceId);
                        ps.setString(2, mrid);
                        ps.setBytes(3, body);
                        Jdbc.setInstant(ps, 4, now);
                    });
            return new SepRecords.Document(id, deviceId, mrid, now, body);
        });
    }

    /** @return whether another device has a MirrorUsagePoint with that mRID (mRIDs are globally unique) */
    public boolean mirrorUsagePointOfOther(long deviceId, String mrid) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id FROM sep_mirror_usage_points WHERE mrid = ? "
                + "AND device_id <> ? FETCH FIRST 1 ROWS ONLY", ps -> {
                    ps.setString(1, mrid);
                    ps.setLong(2, deviceId);
                }, rs -> rs.getLong(1)).isPresent());
    }

    /** @return whether a MirrorMeterReading with that mRID exists below another MirrorUsagePoint */
    public boolean mirrorReadingElsewhere(long mupId, String mrid) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id FROM sep_mirror_readings WHERE mrid = ? AND mup_id <> ? "
                + "FETCH FIRST 1 ROWS ONLY", ps -> {
                    ps.setString(1, mrid);
                    ps.setLong(2, mupId);
                }, rs -> rs.getLong(1)).isPresent());
    }

    public Optional<SepRecords.Document> findMirrorUsagePoint(long id) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, device_id, mrid, created_at, body "
                + "FROM sep_mirror_usage_points WHERE id = ?", ps -> ps.setLong(1, id), JdbcSepRecordStore::document));
    }

    /** @return a device's MirrorUsagePoints by id */
    public List<SepRecords.Document> mirrorUsagePoints(long deviceId) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, device_id, mrid, created_at, body "
                + "FROM sep_mirror_usage_points WHERE device_id = ? ORDER BY id", ps -> ps.setLong(1, deviceId),
                JdbcSepRecordStore::document));
    }

    private static SepRecords.Document document(ResultSet rs) throws SQLException {
        return new SepRecords.Document(rs.getLong(1), rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4),
                rs.getBytes(5));
    }

    /** Finds or creates the metadata of a MirrorMeterReading (by mRID below its usage point). */
    public SepRecords.MirrorReading mirrorReading(long mupId, String mrid, String description, short powerOfTen,
                                                  Short uom) {
        return db.inTransactionOrReread(c -> {
            Optional<SepRecords.MirrorReading> existing = Jdbc.one(c, "SELECT id, mup_id, mrid, description, "
                    + "power_of_ten, uom FROM sep_mirror_readings WHERE mup_id = ? AND mrid = ?", ps -> {
                        ps.setLong(1, mupId);
                        ps.setString(2, mrid);
                    }, JdbcSepRecordStore::reading);
            if (existing.isPresent()) {
                return existing.get();
            }
            long id = Jdbc.insert(c, "INSERT INTO sep_mirror_readings (mup_id, mrid, description, power_of_ten, "
                    + "uom) VALUES (?, ?, ?, ?, ?)", ps -> {
                        ps.setLong(1, mupId);
                        ps.setString(2, mrid);
                        ps.setString(3, description);
                        ps.setShort(4, powerOfTen);
                        if (uom == null) {
                            ps.setNull(5, Types.SMALLINT);
                        } else {
                            ps.setShort(5, uom);
                        }
                    });
            return new SepRecords.MirrorReading(id, mupId, mrid, description, powerOfTen, uom);
        });
    }

    /** @return the MirrorMeterReadings of a usage point, by index */
    public List<SepRecords.MirrorReading> mirrorReadings(long mupId) {
        return db.inTransactionOrReread(c -> Jdbc.list(c, "SELECT id, mup_id, mrid, description, power_of_ten, uom "
                + "FROM sep_mirror_readings WHERE mup_id = ? ORDER BY id", ps -> ps.setLong(1, mupId),
                JdbcSepRecordStore::reading));
    }

    public Optional<SepRecords.MirrorReading> mirrorReadingById(long mupId, long id) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, mup_id, mrid, description, power_of_ten, uom "
                + "FROM sep_mirror_readings WHERE mup_id = ? AND id = ?", ps -> {
                    ps.setLong(1, mupId);
                    ps.setLong(2, id);
                }, JdbcSepRecordStore::reading));
    }

    public Optional<SepRecords.MirrorReading> findMirrorReading(long mupId, String mrid) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT id, mup_id, mrid, description, power_of_ten, uom "
                + "FROM sep_mirror_readings WHERE mup_id = ? AND mrid = ?", ps -> {
                    ps.setLong(1, mupId);
                    ps.setString(2, mrid);
                }, JdbcSepRecordStore::reading));
    }

    private static SepRecords.MirrorReading reading(ResultSet rs) throws SQLException {
        short u = rs.getShort(6);
        Short uom = rs.wasNull() ? null : u;
        return new SepRecords.MirrorReading(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getShort(5), uom);
    }

    // ---- DefaultDERControl

    /** Stores the settings of a program's DefaultDERControl, bumping its version. */
    public SepRecords.DefaultControl putDefaultControl(String programId, String settings, Instant now) {
        return db.inTransactionOrReread(c -> {
            long version = defaultControl(programId).map(d -> d.version() + 1).orElse(1L);
            Jdbc.update(c, "DELETE FROM sep_default_controls WHERE program_id = ?", ps -> ps.setString(1, programId));
            Jdbc.update(c, "INSERT INTO sep_default_controls (program_id, settings, version, updated_at) "
                    + "VALUES (?, ?, ?, ?)", ps -> {
                        ps.setString(1, programId);
                        ps.setString(2, settings);
                        ps.setLong(3, version);
                        Jdbc.setInstant(ps, 4, now);
                    });
            return new SepRecords.DefaultControl(programId, settings, version, now);
        });
    }

    /** @return true when one was removed */
    public boolean deleteDefaultControl(String programId) {
        return db.inTransactionOrReread(c -> Jdbc.update(c, "DELETE FROM sep_default_controls WHERE program_id = ?",
                ps -> ps.setString(1, programId)) == 1);
    }

    public Optional<SepRecords.DefaultControl> defaultControl(String programId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT program_id, settings, version, updated_at "
                + "FROM sep_default_controls WHERE program_id = ?", ps -> ps.setString(1, programId),
                rs -> new SepRecords.DefaultControl(rs.getString(1), rs.getString(2), rs.getLong(3),
                        Jdbc.instant(rs, 4))));
    }

    /** Sets the primacy (0..255) of a program's 2030.5 view (V11 sep_program_primacy). */
    public void putProgramPrimacy(String programId, int primacy, Instant now) {
        db.inTransactionOrReread(c -> {
            Jdbc.update(c, "DELETE FROM sep_program_primacy WHERE program_id = ?", ps -> ps.setString(1, programId));
            return Jdbc.update(c, "INSERT INTO sep_program_primacy (program_id, primacy, updated_at) VALUES (?, ?, ?)",
                    ps -> {
                        ps.setString(1, programId);
                        ps.setShort(2, (short) primacy);
                        Jdbc.setInstant(ps, 3, now);
                    });
        });
    }

    /** @return the primacy the operator set for the program, if any */
    public Optional<Integer> programPrimacy(String programId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT primacy FROM sep_program_primacy WHERE program_id = ?",
                ps -> ps.setString(1, programId), rs -> (int) rs.getShort(1)));
    }

    // ---- last seen, change log

    public void touch(long deviceId, Instant now) {
        db.inTransactionOrReread(c -> Jdbc.update(c, "UPDATE sep_end_devices SET last_seen = ? WHERE id = ?", ps -> {
            Jdbc.setInstant(ps, 1, now);
            ps.setLong(2, deviceId);
        }));
    }

    public Optional<Instant> lastSeen(long deviceId) {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT last_seen FROM sep_end_devices WHERE id = ?",
                ps -> ps.setLong(1, deviceId), rs -> Jdbc.instant(rs, 1)));
    }

    /** Records a change for the notifier (kind e.g. {@code dderc}, {@code edev}, {@code fsa}). */
    public void recordChange(String kind, Long deviceId, String programId, Instant now) {
        db.inTransactionOrReread(c -> {
            noChangeAfter.set(-1);
            return Jdbc.update(c, "INSERT INTO sep_changes (kind, device_id, program_id, created_at) "
                + "VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, kind);
                    if (deviceId == null) {
                        ps.setNull(2, Types.BIGINT);
                    } else {
                        ps.setLong(2, deviceId);
                    }
                    ps.setString(3, programId);
                    Jdbc.setInstant(ps, 4, now);
                });
        });
    }

    /** @return changes with id &gt; {@code afterId}, oldest first */
    public List<SepRecords.Change> changesAfter(long afterId) {
        boolean cached = db.singleProcess();
        if (cached && noChangeAfter.get() == afterId) {
            return List.of();
        }
        return db.inTransactionOrReread(c -> {
            List<SepRecords.Change> found = Jdbc.list(c, "SELECT id, kind, device_id, program_id FROM sep_changes "
                    + "WHERE id > ? ORDER BY id", ps -> ps.setLong(1, afterId), rs -> {
                        long d = rs.getLong(3);
                        Long dev = rs.wasNull() ? null : d;
                        return new SepRecords.Change(rs.getLong(1), rs.getString(2), dev, rs.getString(4));
                    });
            if (cached && found.isEmpty()) {
                noChangeAfter.set(afterId); // under the Derby lock: no recordChange can interleave
            }
            return found;
        });
    }

    /** @return the newest change id (0 when none) */
    public long lastChangeId() {
        return db.inTransactionOrReread(c -> Jdbc.one(c, "SELECT MAX(id) FROM sep_changes", ps -> { },
                rs -> rs.getLong(1)).orElse(0L));
    }
}
