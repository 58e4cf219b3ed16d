package org.openvtn.sep.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/** Flow reservations (table {@code sep_flow_reservations}, migration {@code V36__sep_flow_reservations.sql}). */
public final class JdbcFlowReservationStore {
    private static final String COLUMNS = "id, device_id, mrid, description, request_created, interval_start, "
            + "interval_s, duration_requested, energy_wh, power_w, request_status, status_time, decision, "
            + "energy_available_wh, power_available_w, decided_at";

    private final Database db;

    private JdbcFlowReservationStore(Database db) {
        this.db = db;
    }

    /** @return a store on the core store's database */
    public static JdbcFlowReservationStore on(VtnStore store) {
        return new JdbcFlowReservationStore(store.database());
    }

    /**
     * A FlowReservationRequest and the server's answer.
     *
     * @param id                the {n} of {@code /edev/{e}/frq/{n}} and {@code /edev/{e}/frp/{n}}
     * @param deviceId          the EndDevice that posted it
     * @param mrid              the request's mRID (32 hex digits; the response's subject)
     * @param description       description or null
     * @param requestCreated    the request's creationTime (epoch seconds)
     * @param start             intervalRequested start
     * @param interval          intervalRequested duration
     * @param durationRequested durationRequested (s) or null
     * @param energyWh          energyRequested in Wh
     * @param powerW            powerRequested in W
     * @param requestStatus     RequestStatus 0 requested, 1 cancelled
     * @param statusTime        RequestStatus.dateTime
     * @param decision          {@code accepted}, {@code adjusted} or {@code rejected}
     * @param energyAvailableWh energyAvailable in Wh
     * @param powerAvailableW   powerAvailable in W
     * @param decidedAt         when the answer was (last) given: the response's creationTime
     */
    public record Reservation(long id, long deviceId, String mrid, String description, long requestCreated,
                              Instant start, Duration interval, Integer durationRequested, long energyWh, long powerW,
                              int requestStatus, Instant statusTime, String decision, long energyAvailableWh,
                              long powerAvailableW, Instant decidedAt) {
        /** @return the end of the requested interval */
        public Instant end() {
            return start.plus(interval);
        }
    }

    /** Stores a new reservation; returns it with its id. */
    public Reservation insert(Reservation r) {
        long id = db.inTransaction(c -> Jdbc.insert(c, "INSERT INTO sep_flow_reservations (device_id, mrid, "
                + "description, request_created, interval_start, interval_s, duration_requested, energy_wh, power_w, "
                + "request_status, status_time, decision, energy_available_wh, power_available_w, decided_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setLong(1, r.deviceId());
                    ps.setString(2, r.mrid());
                    ps.setString(3, r.description());
                    ps.setLong(4, r.requestCreated());
                    Jdbc.setInstant(ps, 5, r.start());
                    ps.setLong(6, r.interval().toSeconds());
                    if (r.durationRequested() == null) {
                        ps.setNull(7, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(7, r.durationRequested());
                    }
                    ps.setLong(8, r.energyWh());
                    ps.setLong(9, r.powerW());
                    ps.setShort(10, (short) r.requestStatus());
                    Jdbc.setInstant(ps, 11, r.statusTime());
                    ps.setString(12, r.decision());
                    ps.setLong(13, r.energyAvailableWh());
                    ps.setLong(14, r.powerAvailableW());
                    Jdbc.setInstant(ps, 15, r.decidedAt());
                }));
        return list("id = ?", id).get(0);
    }

    /** @return the device's reservations by id */
    public List<Reservation> ofDevice(long deviceId) {
        return list("device_id = ?", deviceId);
    }

    /** @return every reservation by id */
    public List<Reservation> all() {
        return list("id >= ?", 0);
    }

    /** Sets the request's status (a device cancels its request). */
    public void requestStatus(long id, int status, Instant now) {
        db.inTransaction(c -> Jdbc.update(c, "UPDATE sep_flow_reservations SET request_status = ?, status_time = ? "
                + "WHERE id = ?", ps -> {
                    ps.setShort(1, (short) status);
                    Jdbc.setInstant(ps, 2, now);
                    ps.setLong(3, id);
                }));
    }

    /** Records the operator's answer. */
    public void decide(long id, String decision, long energyWh, long powerW, Instant now) {
        db.inTransaction(c -> Jdbc.update(c, "UPDATE sep_flow_reservations SET decision = ?, energy_available_wh = ?, "
                + "power_available_w = ?, decided_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, decision);
                    ps.setLong(2, energyWh);
                    ps.setLong(3, powerW);
                    Jdbc.setInstant(ps, 4, now);
                    ps.setLong(5, id);
                }));
    }

    private List<Reservation> list(String where, long arg) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT " + COLUMNS + " FROM sep_flow_reservations WHERE " + where
                + " ORDER BY id", ps -> ps.setLong(1, arg), rs -> new Reservation(rs.getLong(1), rs.getLong(2),
                rs.getString(3), rs.getString(4), rs.getLong(5), Jdbc.instant(rs, 6), Duration.ofSeconds(rs.getLong(7)),
                rs.getObject(8) == null ? null : (Integer) rs.getInt(8), rs.getLong(9), rs.getLong(10), rs.getShort(11),
                Jdbc.instant(rs, 12), rs.getString(13), rs.getLong(14), rs.getLong(15), Jdbc.instant(rs, 16))));
    }
}
