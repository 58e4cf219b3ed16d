package org.openvtn.oadr3.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.openvtn.store.Database;
import org.openvtn.store.Jdbc;
import org.openvtn.store.VtnStore;

/**
 * JDBC persistence of the OpenADR 3.1 adapter's own data (migration V10) on the core's database, so a 3.1 write and
 * the core write it causes share one transaction ({@link Database#inTransaction(java.util.function.Supplier)}).
 */
public final class Oadr3Store {
    private static final String COLUMNS = "object_type, id, client_id, parent_id, name, core_mod, body, created_at, "
            + "modified_at";
    /** The body column's size (V10 {@code VARCHAR(32000)}): a longer 3.1 object is refused with 413. */
    public static final int MAX_BODY_CHARS = 32000;
    private final Database db;

    private Oadr3Store(Database db) {
        this.db = db;
    }

    /** @return a store on the core's database */
    public static Oadr3Store on(VtnStore store) {
        return new Oadr3Store(store.database());
    }

    /** @return the database, for transactions spanning the core and this store */
    public Database database() {
        return db;
    }

    public void insert(Oadr3Object o) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO oadr3_objects (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, o.type());
                    ps.setString(2, o.id());
                    ps.setString(3, o.clientId());
                    ps.setString(4, o.parentId());
                    ps.setString(5, o.name());
                    if (o.coreModification() == null) {
                        ps.setNull(6, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(6, o.coreModification());
                    }
                    ps.setString(7, o.body());
                    Jdbc.setInstant(ps, 8, o.createdAt());
                    Jdbc.setInstant(ps, 9, o.modifiedAt());
                }));
    }

    /** Replaces body, name, parent, owner and core modification of an existing object. */
    public boolean update(Oadr3Object o) {
        return db.inTransaction(c -> Jdbc.update(c, "UPDATE oadr3_objects SET client_id = ?, parent_id = ?, name = ?,"
                + " core_mod = ?, body = ?, modified_at = ? WHERE object_type = ? AND id = ?", ps -> {
                    ps.setString(1, o.clientId());
                    ps.setString(2, o.parentId());
                    ps.setString(3, o.name());
                    if (o.coreModification() == null) {
                        ps.setNull(4, java.sql.Types.BIGINT);
                    } else {
                        ps.setLong(4, o.coreModification());
                    }
                    ps.setString(5, o.body());
                    Jdbc.setInstant(ps, 6, o.modifiedAt());
                    ps.setString(7, o.type());
                    ps.setString(8, o.id());
                })) == 1;
    }

    public boolean delete(String type, String id) {
        return db.inTransaction(c -> Jdbc.update(c, "DELETE FROM oadr3_objects WHERE object_type = ? AND id = ?",
                ps -> {
                    ps.setString(1, type);
                    ps.setString(2, id);
                })) == 1;
    }

    public Optional<Oadr3Object> find(String type, String id) {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT " + COLUMNS
                + " FROM oadr3_objects WHERE object_type = ? AND id = ?", ps -> {
                    ps.setString(1, type);
                    ps.setString(2, id);
                }, Oadr3Store::row));
    }

    public Optional<Oadr3Object> findByName(String type, String name) {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT " + COLUMNS
                + " FROM oadr3_objects WHERE object_type = ? AND name = ?", ps -> {
                    ps.setString(1, type);
                    ps.setString(2, name);
                }, Oadr3Store::row));
    }

    /** @return the objects of a type, oldest first */
    public List<Oadr3Object> list(String type) {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT " + COLUMNS
                + " FROM oadr3_objects WHERE object_type = ? ORDER BY created_at, id",
                ps -> ps.setString(1, type), Oadr3Store::row));
    }

    public void insertClient(Oadr3Client client) {
        db.inTransaction(c -> Jdbc.update(c, "INSERT INTO oadr3_clients (client_id, secret_hash, role, created_at)"
                + " VALUES (?, ?, ?, ?)", ps -> {
                    ps.setString(1, client.clientId());
                    ps.setString(2, client.secretHash());
                    ps.setString(3, client.role());
                    Jdbc.setInstant(ps, 4, client.createdAt());
                }));
    }

    public Optional<Oadr3Client> client(String clientId) {
        return db.inTransaction(c -> Jdbc.one(c, "SELECT client_id, secret_hash, role, created_at FROM oadr3_clients"
                + " WHERE client_id = ?", ps -> ps.setString(1, clientId), Oadr3Store::client));
    }

    public List<Oadr3Client> clients() {
        return db.inTransaction(c -> Jdbc.list(c, "SELECT client_id, secret_hash, role, created_at FROM oadr3_clients"
                + " ORDER BY client_id", ps -> { }, Oadr3Store::client));
    }

    public boolean deleteClient(String clientId) {
        return db.inTransaction(c -> Jdbc.update(c, "DELETE FROM oadr3_clients WHERE client_id = ?",
                ps -> ps.setString(1, clientId))) == 1;
    }

    private static Oadr3Client client(ResultSet rs) throws SQLException {
        return new Oadr3Client(rs.getString(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4));
    }

    private static Oadr3Object row(ResultSet rs) throws SQLException {
        long mod = rs.getLong(6);
        Long coreMod = rs.wasNull() ? null : mod;
        return new Oadr3Object(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                coreMod, rs.getString(7), Jdbc.instant(rs, 8), Jdbc.instant(rs, 9));
    }
}
