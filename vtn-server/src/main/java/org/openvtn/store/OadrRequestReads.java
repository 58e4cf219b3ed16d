package org.openvtn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.PollItem;
import org.openvtn.core.Registration;

/**
 * Issue #19 (docs/deployment.md "Read caches on PostgreSQL"): on PostgreSQL the three reads an OpenADR 2.0b request
 * starts with (the caller's enrolment row, its registration by certificate fingerprint, and its VEN's poll queue) in
 * one statement, so an idle oadrPoll (OpenADR 2.0b 8.7) costs one round trip instead of three.
 *
 * <p>No cache: the rows are read at the start of every request, from the current committed state, exactly as the
 * three separate reads did (one statement sees one snapshot, so they are even mutually consistent). They are kept
 * only for the rest of that request on its thread, inside a {@link #scope} the listener opens around the request, and
 * dropped by the first transaction the request starts (any claim or write reads through again). Outside a scope, and
 * on Derby (which keeps its read caches), nothing changes.
 */
public final class OadrRequestReads {
    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    private final Database db;
    private final String sql;

    private OadrRequestReads(Database db) {
        this.db = db;
        StringBuilder regCols = new StringBuilder();
        for (String c : JdbcRegistrationStore.COLS.split(",\\s*")) {
            regCols.append("r.").append(c).append(", ");
        }
        this.sql = "SELECT p.state AS p_state, p.label AS p_label, p.changed_at AS p_changed_at, " + regCols
                + "q.seq AS q_seq, q.kind AS q_kind, q.reference AS q_reference, q.created_at AS q_created_at, "
                + "q.sent_at AS q_sent_at, q.deliveries AS q_deliveries "
                + "FROM (SELECT CAST(? AS VARCHAR(255)) AS fp) k "
                + "LEFT JOIN participants p ON p.kind = ? AND p.id = k.fp "
                + "LEFT JOIN registrations r ON r.fingerprint = k.fp "
                + "LEFT JOIN poll_items q ON q.ven_id = r.ven_id ORDER BY q.seq";
    }

    /** @param store the core store */
    public static OadrRequestReads on(VtnStore store) {
        return new OadrRequestReads(store.database());
    }

    /**
     * The rows of one OpenADR caller as read at the start of a request.
     *
     * @param fingerprint  the caller's certificate fingerprint
     * @param participant  its enrolment row ({@link ParticipantId#oadr}), if any
     * @param registration its registration by fingerprint, active or not, if any
     * @param items        the poll queue of that registration's VEN, oldest first (empty without a registration)
     */
    public record Rows(String fingerprint, Optional<Participant> participant, Optional<Registration> registration,
                       List<PollItem> items) {
    }

    /**
     * Opens a request scope on this thread (the OpenADR listener, around one request). Close it when the request
     * is answered.
     */
    public static Scope scope() {
        Scope s = new Scope();
        SCOPE.set(s);
        return s;
    }

    /** One request's scope; {@link #close()} drops whatever it holds. */
    public static final class Scope implements AutoCloseable {
        private Database db;
        private Rows rows;

        @Override
        public void close() {
            if (SCOPE.get() == this) {
                SCOPE.remove();
            }
        }
    }

    /**
     * The caller's enrolment row, read with its registration and poll queue in one statement when a request scope is
     * open on this thread on PostgreSQL (the other two are then served from it for the rest of the request, until it
     * starts a transaction); otherwise empty, and the caller reads as before.
     *
     * @return empty when no scope applies; else the row, if any
     */
    Optional<Optional<Participant>> participant(ParticipantId id) {
        Scope s = SCOPE.get();
        if (s == null || db.singleProcess() || id.kind() != ParticipantId.Kind.OADR20B_VEN) {
            return Optional.empty();
        }
        Rows rows = read(id.id());
        s.db = db;
        s.rows = rows;
        return Optional.of(rows.participant());
    }

    /** @return the rows read in this request for this database and fingerprint, if still held */
    static Optional<Rows> held(Database db, String fingerprint) {
        Scope s = SCOPE.get();
        if (s == null || s.db != db || s.rows == null || !s.rows.fingerprint().equals(fingerprint)) {
            return Optional.empty();
        }
        return Optional.of(s.rows);
    }

    /** @return the poll queue read in this request for this database and VEN, if still held */
    static Optional<List<PollItem>> heldItems(Database db, String venId) {
        Scope s = SCOPE.get();
        if (s == null || s.db != db || s.rows == null || s.rows.registration().isEmpty()
                || !s.rows.registration().get().participantId().equals(venId)) {
            return Optional.empty();
        }
        return Optional.of(s.rows.items());
    }

    /** Drops this thread's rows: a transaction starts, so whatever follows reads the database (called by it). */
    static void release() {
        Scope s = SCOPE.get();
        if (s != null) {
            s.rows = null;
            s.db = null;
        }
    }

    /** The one statement: enrolment, registration and poll queue of one fingerprint. */
    public Rows read(String fingerprint) {
        return db.inTransaction(c -> {
            Participant participant = null;
            Registration registration = null;
            List<PollItem> items = new ArrayList<>();
            try (var ps = c.prepareStatement(sql)) {
                ps.setString(1, fingerprint);
                ps.setString(2, ParticipantId.Kind.OADR20B_VEN.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (participant == null && rs.getString("p_state") != null) {
                            participant = new Participant(ParticipantId.oadr(fingerprint),
                                    Participant.State.valueOf(rs.getString("p_state")), rs.getString("p_label"),
                                    Jdbc.getInstant(rs, "p_changed_at"));
                        }
                        if (registration == null && rs.getString("ven_id") != null) {
                            registration = JdbcRegistrationStore.map(rs);
                        }
                        if (rs.getObject("q_seq") != null) {
                            items.add(item(rs));
                        }
                    }
                }
            }
            return new Rows(fingerprint, Optional.ofNullable(participant), Optional.ofNullable(registration),
                    List.copyOf(items));
        });
    }

    private static PollItem item(ResultSet rs) throws SQLException {
        return new PollItem(rs.getLong("q_seq"), rs.getString("ven_id"), PollItem.Kind.valueOf(rs.getString("q_kind")),
                rs.getString("q_reference"), Jdbc.getInstant(rs, "q_created_at"), Jdbc.getInstant(rs, "q_sent_at"),
                rs.getInt("q_deliveries"));
    }
}
