package org.openvtn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.Registration;

/** JDBC {@link RegistrationStore}. */
final class JdbcRegistrationStore extends JdbcSupport implements RegistrationStore {
    private static final String COLS = "ven_id, registration_id, fingerprint, ven_name, party_id, kind, transport, "
            + "transport_address, http_pull_model, report_only, xml_signature, poll_freq, group_ids, resource_ids, "
            + "registered_at, active";

    JdbcRegistrationStore(Database db) {
        super(db);
    }

    @Override
    public void save(Registration r) {
        db.inTransaction(c -> {
            update("DELETE FROM registrations WHERE ven_id = ?", ps -> ps.setString(1, r.venId()));
            update("INSERT INTO registrations (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ps -> {
                        ps.setString(1, r.venId());
                        ps.setString(2, r.registrationId());
                        ps.setString(3, r.fingerprint());
                        ps.setString(4, r.venName());
                        ps.setString(5, r.partyId());
                        ps.setString(6, r.kind());
                        ps.setString(7, r.transport());
                        ps.setString(8, r.transportAddress());
                        ps.setBoolean(9, r.httpPullModel());
                        ps.setBoolean(10, r.reportOnly());
                        ps.setBoolean(11, r.xmlSignature());
                        ps.setString(12, Jdbc.duration(r.pollFreq()));
                        ps.setString(13, Jdbc.stringList(r.groupIds()));
                        ps.setString(14, Jdbc.stringList(r.resourceIds()));
                        Jdbc.setInstant(ps, 15, r.registeredAt());
                        ps.setBoolean(16, r.active());
                    });
            return null;
        });
    }

    @Override
    public Optional<Registration> findByVenId(String venId) {
        return by("ven_id", venId);
    }

    @Override
    public Optional<Registration> findByFingerprint(String fingerprint) {
        return by("fingerprint", fingerprint);
    }

    @Override
    public Optional<Registration> findByRegistrationId(String registrationId) {
        return by("registration_id", registrationId);
    }

    private Optional<Registration> by(String column, String value) {
        return queryOne("SELECT " + COLS + " FROM registrations WHERE " + column + " = ?", ps -> ps.setString(1, value),
                JdbcRegistrationStore::map);
    }

    @Override
    public List<Registration> list() {
        return query("SELECT " + COLS + " FROM registrations ORDER BY ven_id", ps -> { }, JdbcRegistrationStore::map);
    }

    private static Registration map(ResultSet rs) throws SQLException {
        return new Registration(rs.getString("registration_id"), rs.getString("ven_id"), rs.getString("ven_name"),
                rs.getString("party_id"), rs.getString("fingerprint"), rs.getString("kind"), rs.getString("transport"),
                rs.getString("transport_address"), rs.getBoolean("http_pull_model"), rs.getBoolean("report_only"),
                rs.getBoolean("xml_signature"), Jdbc.duration(rs.getString("poll_freq")),
                new java.util.TreeSet<>(Jdbc.stringList(rs.getString("group_ids"))),
                new java.util.TreeSet<>(Jdbc.stringList(rs.getString("resource_ids"))),
                Jdbc.getInstant(rs, "registered_at"), rs.getBoolean("active"));
    }
}
