package org.openvtn.store;

import java.util.List;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;

/** JDBC/Derby store of participant enrolment (table {@code participants}, migration V7; issue #12 item 5). */
public final class JdbcParticipantStore {

    private final Database db;
    private final OadrRequestReads requestReads;

    private JdbcParticipantStore(VtnStore store) {
        this.db = store.database();
        this.requestReads = OadrRequestReads.on(store);
    }

    /** @param store the core store (its database carries migration V7) */
    public static JdbcParticipantStore on(VtnStore store) {
        return new JdbcParticipantStore(store);
    }

    /** @return every participant */
    public List<Participant> all() {
        return db.inTransaction(c -> Jdbc.list(c,
                "SELECT kind, id, state, label, changed_at FROM participants ORDER BY kind, id", ps -> { },
                rs -> new Participant(new ParticipantId(ParticipantId.Kind.valueOf(rs.getString("kind")),
                        rs.getString("id")), Participant.State.valueOf(rs.getString("state")),
                        rs.getString("label"), Jdbc.getInstant(rs, "changed_at"))));
    }

    /**
     * @return the participant's row, if any. Inside an OpenADR request scope on PostgreSQL, read together with the
     *         caller's registration and poll queue in one statement ({@link OadrRequestReads}, issue #19).
     */
    public java.util.Optional<Participant> find(ParticipantId id) {
        java.util.Optional<java.util.Optional<Participant>> withRequest = requestReads.participant(id);
        if (withRequest.isPresent()) {
            return withRequest.get();
        }
        return db.inTransaction(c -> Jdbc.one(c,
                "SELECT kind, id, state, label, changed_at FROM participants WHERE kind = ? AND id = ?", ps -> {
                    ps.setString(1, id.kind().name());
                    ps.setString(2, id.id());
                }, rs -> new Participant(id, Participant.State.valueOf(rs.getString("state")),
                        rs.getString("label"), Jdbc.getInstant(rs, "changed_at"))));
    }

    /** Inserts or replaces the participant's row. */
    public void save(Participant p) {
        db.inTransaction(c -> {
            int n = Jdbc.update(c,
                    "UPDATE participants SET state = ?, label = ?, changed_at = ? WHERE kind = ? AND id = ?", ps -> {
                        ps.setString(1, p.state().name());
                        ps.setString(2, p.label());
                        Jdbc.setInstant(ps, 3, p.changedAt());
                        ps.setString(4, p.id().kind().name());
                        ps.setString(5, p.id().id());
                    });
            if (n == 0) {
                Jdbc.update(c, "INSERT INTO participants (kind, id, state, label, changed_at) VALUES (?, ?, ?, ?, ?)",
                        ps -> {
                            ps.setString(1, p.id().kind().name());
                            ps.setString(2, p.id().id());
                            ps.setString(3, p.state().name());
                            ps.setString(4, p.label());
                            Jdbc.setInstant(ps, 5, p.changedAt());
                        });
            }
            return null;
        });
    }
}
