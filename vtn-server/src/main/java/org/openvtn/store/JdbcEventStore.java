package org.openvtn.store;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.core.Event;
import org.openvtn.core.EventChange;
import org.openvtn.core.EventHistoryEntry;
import org.openvtn.core.EventResponse;
import org.openvtn.core.EventStatus;
import org.openvtn.core.OptType;
import org.openvtn.core.ResponseOutcome;

/** JDBC {@link EventStore}. */
final class JdbcEventStore extends JdbcSupport implements EventStore {
    private static final String COLS = "id, program_id, modification_number, cancelled, market_context, start_at, "
            + "end_at, created_at, modified_at, spec";

    /*
     * Issue 8 profile: every 2030.5 DERControlList GET and every notification render lists all events, and the
     * JSON decoding of each spec dominated. Two caches, both safe under the database lock discipline of
     * JdbcRegistrationStore: decoded specs by their JSON text (a spec is immutable, the text is its identity;
     * bounded), and the full list(), dropped by every write to the events table and on rollback. The spec cache is
     * safe on PostgreSQL with several nodes too (content-addressed, immutable); the list cache is Derby only
     * ({@link Database#singleProcess()}).
     */
    private static final int MAX_SPECS = 20_000;
    private final java.util.concurrent.ConcurrentHashMap<String, org.openvtn.core.EventSpec> specs =
            new java.util.concurrent.ConcurrentHashMap<>();
    private volatile List<Event> all;

    JdbcEventStore(Database db) {
        super(db);
        db.onRollback(() -> all = null);
    }

    @Override
    public void insert(Event e) {
        all = null;
        update("INSERT INTO events (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, e.id());
            ps.setString(2, e.programId());
            ps.setLong(3, e.modificationNumber());
            ps.setBoolean(4, e.cancelled());
            ps.setString(5, e.marketContext());
            Jdbc.setInstant(ps, 6, e.start());
            Jdbc.setInstant(ps, 7, e.end());
            Jdbc.setInstant(ps, 8, e.createdAt());
            Jdbc.setInstant(ps, 9, e.modifiedAt());
            ps.setString(10, EventCodec.encodeSpec(e.spec()));
        });
    }

    @Override
    public void update(Event e) {
        all = null;
        int n = update("UPDATE events SET program_id = ?, modification_number = ?, cancelled = ?, market_context = ?, "
                + "start_at = ?, end_at = ?, modified_at = ?, spec = ? WHERE id = ?", ps -> {
                    ps.setString(1, e.programId());
                    ps.setLong(2, e.modificationNumber());
                    ps.setBoolean(3, e.cancelled());
                    ps.setString(4, e.marketContext());
                    Jdbc.setInstant(ps, 5, e.start());
                    Jdbc.setInstant(ps, 6, e.end());
                    Jdbc.setInstant(ps, 7, e.modifiedAt());
                    ps.setString(8, EventCodec.encodeSpec(e.spec()));
                    ps.setString(9, e.id());
                });
        if (n != 1) {
            throw new StoreException("event " + e.id() + " not found");
        }
    }

    @Override
    public Optional<Event> find(String id) {
        return queryOne("SELECT " + COLS + " FROM events WHERE id = ?", ps -> ps.setString(1, id), this::map);
    }

    @Override
    public List<Event> list() {
        List<Event> cached = all;
        if (!db.singleProcess()) { // PostgreSQL: other nodes write events; read through
            return List.copyOf(query("SELECT " + COLS + " FROM events ORDER BY created_at DESC, id", ps -> { },
                    this::map));
        }
        if (cached != null) {
            return cached;
        }
        return db.inTransaction(c -> {
            List<Event> l = List.copyOf(query("SELECT " + COLS + " FROM events ORDER BY created_at DESC, id",
                    ps -> { }, this::map));
            all = l;
            return l;
        });
    }

    @Override
    public List<Event> listEndingAfter(Instant cutoff) {
        return query("SELECT " + COLS + " FROM events WHERE end_at > ? ORDER BY start_at, id",
                ps -> Jdbc.setInstant(ps, 1, cutoff), this::map);
    }

    private Event map(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Event(rs.getString("id"), rs.getLong("modification_number"), rs.getBoolean("cancelled"),
                rs.getString("market_context"), Jdbc.getInstant(rs, "created_at"),
                Jdbc.getInstant(rs, "modified_at"), spec(rs.getString("spec")));
    }

    private org.openvtn.core.EventSpec spec(String json) {
        org.openvtn.core.EventSpec s = specs.get(json);
        if (s == null) {
            s = EventCodec.decodeSpec(json);
            if (specs.size() >= MAX_SPECS) {
                specs.clear();
            }
            specs.put(json, s);
        }
        return s;
    }

    @Override
    public void appendHistory(EventHistoryEntry h) {
        update("INSERT INTO event_history (event_id, modification_number, change_kind, changed_at, snapshot) "
                + "VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, h.eventId());
                    ps.setLong(2, h.modificationNumber());
                    ps.setString(3, h.kind().name());
                    Jdbc.setInstant(ps, 4, h.at());
                    ps.setString(5, EventCodec.encodeEvent(h.snapshot()));
                });
    }

    @Override
    public List<EventHistoryEntry> history(String eventId) {
        return query("SELECT event_id, modification_number, change_kind, changed_at, snapshot FROM event_history "
                + "WHERE event_id = ? ORDER BY modification_number", ps -> ps.setString(1, eventId),
                rs -> new EventHistoryEntry(rs.getString("event_id"), rs.getLong("modification_number"),
                        EventChange.Kind.valueOf(rs.getString("change_kind")), Jdbc.getInstant(rs, "changed_at"),
                        EventCodec.decodeEvent(rs.getString("snapshot"))));
    }

    @Override
    public Map<String, EventDelivery> deliveries(String venId) {
        Map<String, EventDelivery> out = new LinkedHashMap<>();
        query("SELECT event_id, modification_number, status, delivered_at FROM event_deliveries WHERE ven_id = ?",
                ps -> ps.setString(1, venId),
                rs -> out.put(rs.getString("event_id"), new EventDelivery(rs.getLong("modification_number"),
                        EventStatus.valueOf(rs.getString("status")), Jdbc.getInstant(rs, "delivered_at"))));
        return out;
    }

    @Override
    public void recordDelivery(String eventId, String venId, EventDelivery d) {
        db.inTransaction(c -> {
            int n = update("UPDATE event_deliveries SET modification_number = ?, status = ?, delivered_at = ? "
                    + "WHERE event_id = ? AND ven_id = ?", ps -> {
                        ps.setLong(1, d.modificationNumber());
                        ps.setString(2, d.status().name());
                        Jdbc.setInstant(ps, 3, d.deliveredAt());
                        ps.setString(4, eventId);
                        ps.setString(5, venId);
                    });
            if (n == 0) {
                update("INSERT INTO event_deliveries (event_id, ven_id, modification_number, status, delivered_at) "
                        + "VALUES (?, ?, ?, ?, ?)", ps -> {
                            ps.setString(1, eventId);
                            ps.setString(2, venId);
                            ps.setLong(3, d.modificationNumber());
                            ps.setString(4, d.status().name());
                            Jdbc.setInstant(ps, 5, d.deliveredAt());
                        });
            }
            return null;
        });
    }

    @Override
    public void insertResponse(EventResponse r) {
        db.inTransaction(c -> {
            int n = update("UPDATE event_responses SET opt_type = ?, outcome = ?, protocol_code = ?, "
                    + "response_description = ?, received_at = ? WHERE ven_id = ? AND event_id = ? "
                    + "AND modification_number = ?", ps -> {
                        ps.setString(1, r.optType().name());
                        ps.setString(2, r.outcome().name());
                        ps.setString(3, r.protocolCode());
                        ps.setString(4, r.description());
                        Jdbc.setInstant(ps, 5, r.receivedAt());
                        ps.setString(6, r.participantId());
                        ps.setString(7, r.eventId());
                        ps.setLong(8, r.modificationNumber());
                    });
            if (n == 0) {
                update("INSERT INTO event_responses (event_id, ven_id, modification_number, opt_type, outcome, "
                        + "protocol_code, response_description, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                            ps.setString(1, r.eventId());
                            ps.setString(2, r.participantId());
                            ps.setLong(3, r.modificationNumber());
                            ps.setString(4, r.optType().name());
                            ps.setString(5, r.outcome().name());
                            ps.setString(6, r.protocolCode());
                            ps.setString(7, r.description());
                            Jdbc.setInstant(ps, 8, r.receivedAt());
                        });
            }
            return null;
        });
    }

    @Override
    public int trimResponses(String venId, int keep) {
        return db.inTransaction(c -> {
            // the id of the newest row beyond the quota, if any; every row of the VEN up to it goes
            Optional<Long> cut = queryOne("SELECT id FROM event_responses WHERE ven_id = ? ORDER BY id DESC "
                    + "OFFSET " + keep + " ROWS FETCH NEXT 1 ROWS ONLY", ps -> ps.setString(1, venId),
                    rs -> rs.getLong(1));
            if (cut.isEmpty()) {
                return 0;
            }
            return update("DELETE FROM event_responses WHERE ven_id = ? AND id <= ?", ps -> {
                ps.setString(1, venId);
                ps.setLong(2, cut.get());
            });
        });
    }

    @Override
    public boolean hasResponse(String venId, String eventId, long modificationNumber) {
        return queryOne("SELECT 1 FROM event_responses WHERE ven_id = ? AND event_id = ? AND modification_number = ?",
                ps -> {
                    ps.setString(1, venId);
                    ps.setString(2, eventId);
                    ps.setLong(3, modificationNumber);
                }, rs -> Boolean.TRUE).isPresent();
    }

    @Override
    public List<EventResponse> responsesByEvent(String eventId) {
        return responses("event_id", eventId);
    }

    @Override
    public List<EventResponse> responsesByVen(String venId) {
        return responses("ven_id", venId);
    }

    private List<EventResponse> responses(String column, String value) {
        return query("SELECT event_id, ven_id, modification_number, opt_type, outcome, protocol_code, "
                + "response_description, received_at FROM event_responses WHERE " + column + " = ? ORDER BY id",
                ps -> ps.setString(1, value),
                rs -> new EventResponse(rs.getString("ven_id"), rs.getString("event_id"),
                        rs.getLong("modification_number"), OptType.valueOf(rs.getString("opt_type")),
                        ResponseOutcome.valueOf(rs.getString("outcome")), rs.getString("protocol_code"),
                        rs.getString("response_description"), Jdbc.getInstant(rs, "received_at")));
    }
}
