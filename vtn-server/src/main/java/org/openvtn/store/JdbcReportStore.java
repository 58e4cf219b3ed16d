package org.openvtn.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;

/** JDBC {@link ReportStore}. */
final class JdbcReportStore extends JdbcSupport implements ReportStore {
    private static final String REQ_COLS = "report_request_id, ven_id, report_name, report_specifier_id, r_ids, "
            + "granularity, report_back_duration, start_at, duration, status, report_to_follow, created_at";

    /*
     * Telemetry rows per VEN (quota, issue #12 item 8), so a report needs no COUNT over the VEN's rows: committed
     * counts, and the rows the current transaction added (applied on commit, forgotten on rollback). Both are
     * read and changed under the database lock only. Derby only ({@link Database#singleProcess()}); on PostgreSQL
     * the count is read through.
     */
    private final java.util.Map<String, Long> counts = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Long> added = new java.util.HashMap<>();

    JdbcReportStore(Database db) {
        super(db);
        db.onRollback(added::clear);
        db.onCommit(() -> {
            added.forEach((venId, n) -> counts.computeIfPresent(venId, (k, c) -> c + n));
            added.clear();
        });
    }

    @Override
    public void replaceCapabilities(String venId, List<ReportCapability> caps) {
        db.inTransaction(c -> {
            update("DELETE FROM report_capabilities WHERE ven_id = ?", ps -> ps.setString(1, venId));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_capabilities (ven_id, "
                    + "report_specifier_id, r_id, position, report_name, resource_id, report_type, reading_type, "
                    + "units, min_sampling, max_sampling) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int pos = 0;
                for (ReportCapability cap : caps) {
                    ps.setString(1, venId);
                    ps.setString(2, cap.reportSpecifierId());
                    ps.setString(3, cap.rId());
                    ps.setInt(4, pos++);
                    ps.setString(5, cap.reportName());
                    ps.setString(6, cap.resourceId());
                    ps.setString(7, cap.reportType());
                    ps.setString(8, cap.readingType());
                    ps.setString(9, cap.units());
                    ps.setString(10, Jdbc.duration(cap.minSampling()));
                    ps.setString(11, Jdbc.duration(cap.maxSampling()));
                    ps.addBatch();
                }
                if (!caps.isEmpty()) {
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public List<ReportCapability> capabilities(String venId) {
        return query("SELECT * FROM report_capabilities WHERE ven_id = ? ORDER BY position",
                ps -> ps.setString(1, venId),
                rs -> new ReportCapability(rs.getString("ven_id"), rs.getString("report_specifier_id"),
                        rs.getString("report_name"), rs.getString("r_id"), rs.getString("resource_id"),
                        rs.getString("report_type"), rs.getString("reading_type"), rs.getString("units"),
                        Jdbc.duration(rs.getString("min_sampling")), Jdbc.duration(rs.getString("max_sampling"))));
    }

    @Override
    public void saveRequest(ReportRequest r) {
        db.inTransaction(c -> {
            update("DELETE FROM report_requests WHERE report_request_id = ?", ps -> ps.setString(1, r.reportRequestId()));
            update("INSERT INTO report_requests (" + REQ_COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, r.reportRequestId());
                ps.setString(2, r.participantId());
                ps.setString(3, r.reportName());
                ps.setString(4, r.reportSpecifierId());
                ps.setString(5, Jdbc.stringList(r.rIds()));
                ps.setString(6, Jdbc.duration(r.granularity()));
                ps.setString(7, Jdbc.duration(r.reportBackDuration()));
                Jdbc.setInstant(ps, 8, r.start());
                ps.setString(9, Jdbc.duration(r.duration()));
                ps.setString(10, r.status().name());
                ps.setBoolean(11, r.reportToFollow());
                Jdbc.setInstant(ps, 12, r.createdAt());
            });
            return null;
        });
    }

    @Override
    public Optional<ReportRequest> findRequest(String id) {
        return queryOne("SELECT " + REQ_COLS + " FROM report_requests WHERE report_request_id = ?",
                ps -> ps.setString(1, id), JdbcReportStore::mapRequest);
    }

    @Override
    public List<ReportRequest> requestsByVen(String venId) {
        return query("SELECT " + REQ_COLS + " FROM report_requests WHERE ven_id = ? ORDER BY created_at, "
                + "report_request_id", ps -> ps.setString(1, venId), JdbcReportStore::mapRequest);
    }

    @Override
    public void deleteRequestsByVen(String venId) {
        update("DELETE FROM report_requests WHERE ven_id = ?", ps -> ps.setString(1, venId));
    }

    private static ReportRequest mapRequest(ResultSet rs) throws SQLException {
        return new ReportRequest(rs.getString("report_request_id"), rs.getString("ven_id"),
                rs.getString("report_name"), rs.getString("report_specifier_id"),
                Jdbc.stringList(rs.getString("r_ids")), Jdbc.duration(rs.getString("granularity")),
                Jdbc.duration(rs.getString("report_back_duration")), Jdbc.getInstant(rs, "start_at"),
                Jdbc.duration(rs.getString("duration")), ReportRequestStatus.valueOf(rs.getString("status")),
                rs.getBoolean("report_to_follow"), Jdbc.getInstant(rs, "created_at"));
    }

    @Override
    public int insertTelemetry(List<TelemetryPoint> points) {
        // last write wins within one report too: one value per (VEN, reportRequestID, rID, dtstart)
        java.util.Map<List<Object>, TelemetryPoint> unique = new java.util.LinkedHashMap<>();
        for (TelemetryPoint p : points) {
            unique.put(List.of(p.participantId(), p.reportRequestId(), p.rId(), p.timestamp()), p);
        }
        return db.inTransaction(c -> {
            List<TelemetryPoint> fresh = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("UPDATE telemetry SET val = ?, quality = ? "
                    + "WHERE ven_id = ? AND report_request_id = ? AND r_id = ? AND ts = ?")) {
                for (TelemetryPoint p : unique.values()) {
                    ps.setDouble(1, p.value());
                    ps.setString(2, p.quality());
                    ps.setString(3, p.participantId());
                    ps.setString(4, p.reportRequestId());
                    ps.setString(5, p.rId());
                    Jdbc.setInstant(ps, 6, p.timestamp());
                    if (ps.executeUpdate() == 0) {
                        fresh.add(p);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO telemetry (ven_id, r_id, report_request_id, "
                    + "ts, val, quality) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (TelemetryPoint p : fresh) {
                    ps.setString(1, p.participantId());
                    ps.setString(2, p.rId());
                    ps.setString(3, p.reportRequestId());
                    Jdbc.setInstant(ps, 4, p.timestamp());
                    ps.setDouble(5, p.value());
                    ps.setString(6, p.quality());
                    ps.addBatch();
                }
                if (!fresh.isEmpty()) {
                    ps.executeBatch();
                }
            }
            for (TelemetryPoint p : db.singleProcess() ? fresh : List.<TelemetryPoint>of()) {
                added.merge(p.participantId(), 1L, Long::sum);
            }
            return fresh.size();
        });
    }

    @Override
    public long telemetryCount(String venId) {
        if (!db.singleProcess()) { // PostgreSQL: other nodes add rows too, count them (no cache)
            return queryOne("SELECT COUNT(*) FROM telemetry WHERE ven_id = ?", ps -> ps.setString(1, venId),
                    rs -> rs.getLong(1)).orElse(0L);
        }
        return db.inTransaction(c -> {
            long mine = added.getOrDefault(venId, 0L);
            Long committed = counts.get(venId);
            if (committed == null) {
                long n = queryOne("SELECT COUNT(*) FROM telemetry WHERE ven_id = ?", ps -> ps.setString(1, venId),
                        rs -> rs.getLong(1)).orElse(0L);
                committed = n - mine; // the COUNT sees this transaction's own rows
                counts.put(venId, committed);
            }
            return committed + mine;
        });
    }

    @Override
    public List<TelemetryPoint> telemetry(TelemetryQuery q) {
        StringBuilder sql = new StringBuilder(
                "SELECT ven_id, r_id, report_request_id, ts, val, quality FROM telemetry WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (q.venId() != null) {
            sql.append(" AND ven_id = ?");
            args.add(q.venId());
        }
        if (q.from() != null) {
            sql.append(" AND ts >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            sql.append(" AND ts < ?");
            args.add(q.to());
        }
        sql.append(" ORDER BY ts, id");
        int limit = q.limit() > 0 ? q.limit() : 1000;
        // FETCH FIRST is SQL:2008 (Derby, PostgreSQL); setMaxRows as a belt-and-braces bound.
        sql.append(" FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return query(sql.toString(), ps -> {
            ps.setMaxRows(limit);
            for (int i = 0; i < args.size(); i++) {
                Object a = args.get(i);
                if (a instanceof java.time.Instant t) {
                    Jdbc.setInstant(ps, i + 1, t);
                } else {
                    ps.setString(i + 1, (String) a);
                }
            }
        }, rs -> new TelemetryPoint(rs.getString("ven_id"), rs.getString("r_id"), rs.getString("report_request_id"),
                Jdbc.getInstant(rs, "ts"), rs.getDouble("val"), rs.getString("quality")));
    }
}
