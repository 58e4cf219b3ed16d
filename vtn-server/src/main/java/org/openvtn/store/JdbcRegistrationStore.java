package org.openvtn.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.Protocol;
import org.openvtn.core.Registration;

/** JDBC {@link RegistrationStore}. */
final class JdbcRegistrationStore extends JdbcSupport implements RegistrationStore {
    /** The columns of a registration row, in insert order (also read by {@link OadrRequestReads}). */
    static final String COLS = "ven_id, registration_id, fingerprint, ven_name, party_id, kind, transport, "
            + "transport_address, http_pull_model, report_only, xml_signature, poll_freq, group_ids, resource_ids, "
            + "registered_at, active";

    /*
     * Read-through cache of registrations by fingerprint and by venID (issue 8: every oadrPoll looks the caller up
     * by its certificate fingerprint). Filled and invalidated only under the database lock (inside a transaction);
     * read without it. save() is the only writer of the table: it drops the entries of the VEN it writes before
     * writing, so a reader either sees the committed old value or blocks on the lock and reads the new one.
     * Cleared on rollback. Derby only ({@link Database#singleProcess()}): on PostgreSQL other nodes write the table,
     * so lookups read through.
     */
    private final java.util.concurrent.ConcurrentHashMap<String, Registration> byFingerprint =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Registration> byVenId =
            new java.util.concurrent.ConcurrentHashMap<>();

    JdbcRegistrationStore(Database db) {
        super(db);
        db.onRollback(() -> {
            byFingerprint.clear();
            byVenId.clear();
        });
    }

    private void forget(String venId, String fingerprint) {
        Registration old = byVenId.remove(venId);
        if (old != null) {
            byFingerprint.remove(old.fingerprint());
        }
        Registration other = byFingerprint.remove(fingerprint);
        if (other != null) {
            byVenId.remove(other.participantId());
        }
    }

    private Optional<Registration> cached(java.util.Map<String, Registration> cache, String column, String value) {
        if (!db.singleProcess()) { // PostgreSQL: another node may have changed the row; read through
            if ("fingerprint".equals(column)) { // unless this request read it already (issue #19, one statement)
                Optional<OadrRequestReads.Rows> held = OadrRequestReads.held(db, value);
                if (held.isPresent()) {
                    return held.get().registration();
                }
            }
            return by(column, value);
        }
        Registration hit = cache.get(value);
        if (hit != null) {
            return Optional.of(hit);
        }
        return db.inTransaction(c -> {
            Optional<Registration> r = by(column, value);
            r.ifPresent(x -> {
                byVenId.put(x.participantId(), x);
                byFingerprint.put(x.fingerprint(), x);
            });
            return r;
        });
    }

    @Override
    public void save(Registration r) {
        db.inTransaction(c -> {
            forget(r.participantId(), r.fingerprint());
            java.time.Instant contact = lastContact(r.participantId()).orElse(null); // kept across the rewrite
            update("DELETE FROM registrations WHERE ven_id = ?", ps -> ps.setString(1, r.participantId()));
            update("INSERT INTO registrations (" + COLS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ps -> {
                        Registration.OadrTerms o = r.oadr();
                        ps.setString(1, r.participantId());
                        ps.setString(2, r.registrationId());
                        ps.setString(3, r.fingerprint());
                        ps.setString(4, r.name());
                        ps.setString(5, r.partyId());
                        ps.setString(6, r.protocol().name());
                        ps.setString(7, o == null ? null : o.transport());
                        ps.setString(8, o == null ? null : o.transportAddress());
                        ps.setBoolean(9, o != null && o.httpPullModel());
                        ps.setBoolean(10, o != null && o.reportOnly());
                        ps.setBoolean(11, o != null && o.xmlSignature());
                        ps.setString(12, Jdbc.duration(r.pollFreq()));
                        ps.setString(13, Jdbc.stringList(r.groupIds()));
                        ps.setString(14, Jdbc.stringList(r.resourceIds()));
                        Jdbc.setInstant(ps, 15, r.registeredAt());
                        ps.setBoolean(16, r.active());
                    });
            if (contact != null) {
                touch(r.participantId(), contact);
            }
            return null;
        });
    }

    @Override
    public Optional<Registration> findByVenId(String venId) {
        return venId == null ? Optional.empty() : cached(byVenId, "ven_id", venId);
    }

    @Override
    public Optional<Registration> findByFingerprint(String fingerprint) {
        return fingerprint == null ? Optional.empty() : cached(byFingerprint, "fingerprint", fingerprint);
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

    @Override
    public void touch(String venId, java.time.Instant at) {
        update("UPDATE registrations SET last_contact_at = ? WHERE ven_id = ? AND (last_contact_at IS NULL "
                + "OR last_contact_at < ?)", ps -> {
                    Jdbc.setInstant(ps, 1, at);
                    ps.setString(2, venId);
                    Jdbc.setInstant(ps, 3, at);
                });
    }

    @Override
    public java.util.Map<String, java.time.Instant> lastContacts() {
        java.util.Map<String, java.time.Instant> out = new java.util.HashMap<>();
        query("SELECT ven_id, last_contact_at FROM registrations WHERE last_contact_at IS NOT NULL", ps -> { },
                rs -> out.put(rs.getString(1), Jdbc.getInstant(rs, "last_contact_at")));
        return out;
    }

    @Override
    public Optional<java.time.Instant> lastContact(String venId) {
        return query("SELECT last_contact_at FROM registrations WHERE ven_id = ? AND last_contact_at IS NOT NULL",
                ps -> ps.setString(1, venId), rs -> Jdbc.getInstant(rs, "last_contact_at")).stream().findFirst();
    }

    static Registration map(ResultSet rs) throws SQLException {
        Protocol protocol = Protocol.fromStored(rs.getString("kind"));
        Registration.OadrTerms oadr = protocol != Protocol.OADR20B ? null : new Registration.OadrTerms(
                rs.getString("transport"), rs.getString("transport_address"), rs.getBoolean("http_pull_model"),
                rs.getBoolean("report_only"), rs.getBoolean("xml_signature"));
        return new Registration(rs.getString("registration_id"), rs.getString("ven_id"), rs.getString("ven_name"),
                rs.getString("party_id"), rs.getString("fingerprint"), protocol, oadr,
                Jdbc.duration(rs.getString("poll_freq")),
                new java.util.TreeSet<>(Jdbc.stringList(rs.getString("group_ids"))),
                new java.util.TreeSet<>(Jdbc.stringList(rs.getString("resource_ids"))),
                Jdbc.getInstant(rs, "registered_at"), rs.getBoolean("active"));
    }
}
