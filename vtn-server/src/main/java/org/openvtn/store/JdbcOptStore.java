package org.openvtn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.OptRecord;
import org.openvtn.core.OptType;

/** JDBC {@link OptStore}. */
final class JdbcOptStore extends JdbcSupport implements OptStore {
    private static final String COLS = "ven_id, opt_id, opt_type, reason, market_context, event_id, "
            + "modification_number, resource_ids, windows, created_at, cancelled";

    JdbcOptStore(Database db) {
        super(db);
    }

    @Override
    public void save(OptRecord o) {
        db.inTransaction(c -> {
            update("DELETE FROM opts WHERE ven_id = ? AND opt_id = ?", ps -> {
                ps.setString(1, o.participantId());
                ps.setString(2, o.optId());
            });
            update("INSERT INTO opts (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                ps.setString(1, o.participantId());
                ps.setString(2, o.optId());
                ps.setString(3, o.optType().name());
                ps.setString(4, o.reason());
                ps.setString(5, o.marketContext());
                ps.setString(6, o.eventId());
                Jdbc.setLong(ps, 7, o.modificationNumber());
                ps.setString(8, Jdbc.stringList(o.resourceIds()));
                ps.setString(9, windows(o.windows()));
                Jdbc.setInstant(ps, 10, o.createdAt());
                ps.setBoolean(11, o.cancelled());
            });
            return null;
        });
    }

    @Override
    public Optional<OptRecord> find(String venId, String optId) {
        return queryOne("SELECT " + COLS + " FROM opts WHERE ven_id = ? AND opt_id = ?", ps -> {
            ps.setString(1, venId);
            ps.setString(2, optId);
        }, JdbcOptStore::map);
    }

    @Override
    public List<OptRecord> listByVen(String venId) {
        return query("SELECT " + COLS + " FROM opts WHERE ven_id = ? ORDER BY created_at, opt_id",
                ps -> ps.setString(1, venId), JdbcOptStore::map);
    }

    @Override
    public int count(String venId) {
        return queryOne("SELECT COUNT(*) FROM opts WHERE ven_id = ?", ps -> ps.setString(1, venId),
                rs -> rs.getInt(1)).orElse(0);
    }

    @Override
    public int trimCancelled(String venId, int keep) {
        return db.inTransaction(c -> {
            int excess = count(venId) - keep;
            if (excess <= 0) {
                return 0;
            }
            List<String> victims = query("SELECT opt_id FROM opts WHERE ven_id = ? AND cancelled = TRUE "
                    + "ORDER BY created_at, opt_id FETCH FIRST " + excess + " ROWS ONLY", ps -> ps.setString(1, venId),
                    rs -> rs.getString(1));
            for (String optId : victims) {
                update("DELETE FROM opts WHERE ven_id = ? AND opt_id = ?", ps -> {
                    ps.setString(1, venId);
                    ps.setString(2, optId);
                });
            }
            return victims.size();
        });
    }

    @Override
    public void deleteByVen(String venId) {
        update("DELETE FROM opts WHERE ven_id = ?", ps -> ps.setString(1, venId));
    }

    private static OptRecord map(ResultSet rs) throws SQLException {
        return new OptRecord(rs.getString("opt_id"), rs.getString("ven_id"), OptType.valueOf(rs.getString("opt_type")),
                rs.getString("reason"), rs.getString("market_context"), rs.getString("event_id"),
                Jdbc.getLong(rs, "modification_number"), Jdbc.stringList(rs.getString("resource_ids")),
                windows(rs.getString("windows")), Jdbc.getInstant(rs, "created_at"), rs.getBoolean("cancelled"));
    }

    private static String windows(List<AvailabilityWindow> ws) {
        ArrayNode a = Jdbc.JSON.createArrayNode();
        for (AvailabilityWindow w : ws) {
            a.addObject().put("start", w.start().toString()).put("duration", w.duration().toString());
        }
        return a.toString();
    }

    private static List<AvailabilityWindow> windows(String json) {
        try {
            List<AvailabilityWindow> out = new ArrayList<>();
            for (JsonNode n : Jdbc.JSON.readTree(json)) {
                out.add(new AvailabilityWindow(Instant.parse(n.get("start").asText()),
                        Duration.parse(n.get("duration").asText())));
            }
            return out;
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt opt windows in database", e);
        }
    }
}
