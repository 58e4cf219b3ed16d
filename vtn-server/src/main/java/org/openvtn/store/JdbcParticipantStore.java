package org.openvtn.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.core.Participant;
import org.openvtn.core.ParticipantId;

/** JDBC/Derby store of participant enrolment (table {@code participants}, migration V7; issue #12 item 5). */
public final class JdbcParticipantStore {

    private final Database db;

    private JdbcParticipantStore(Database db) {
        this.db = db;
    }

    /** @param store the core store (must be the JDBC one) */
    public static JdbcParticipantStore on(VtnStore store) {
        if (!(store instanceof JdbcVtnStore jdbc)) {
            throw new IllegalArgumentException("store: participant enrolment needs the JDBC store");
        }
        return new JdbcParticipantStore(jdbc.database());
    }

    /** @return every participant */
    public List<Participant> all() {
        return db.inTransaction(c -> {
            List<Participant> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT kind, id, state, label, changed_at FROM participants ORDER BY kind, id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Participant(new ParticipantId(ParticipantId.Kind.valueOf(rs.getString("kind")),
                            rs.getString("id")), Participant.State.valueOf(rs.getString("state")),
                            rs.getString("label"), Jdbc.getInstant(rs, "changed_at")));
                }
            }
            return out;
        });
    }

    /** Inserts or replaces the participant's row. */
    public void save(Participant p) {
        db.inTransaction(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE participants SET state = ?, label = ?, changed_at = ? WHERE kind = ? AND id = ?")) {
                ps.setString(1, p.state().name());
                ps.setString(2, p.label());
                Jdbc.setInstant(ps, 3, p.changedAt());
                ps.setString(4, p.id().kind().name());
                ps.setString(5, p.id().id());
                n = ps.executeUpdate();
            }
            if (n == 0) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO participants (kind, id, state, label, changed_at) VALUES (?, ?, ?, ?, ?)")) {
                    ps.setString(1, p.id().kind().name());
                    ps.setString(2, p.id().id());
                    ps.setString(3, p.state().name());
                    ps.setString(4, p.label());
                    Jdbc.setInstant(ps, 5, p.changedAt());
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }
}
