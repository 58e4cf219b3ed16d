package org.openvtn.sep.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.openvtn.store.Database;
import org.openvtn.store.StoreException;
import org.openvtn.store.VtnStore;

/** JDBC/Derby {@link SepStore} on the core's database (table {@code sep_end_devices}). */
public final class JdbcSepStore implements SepStore {
    private static final String COLUMNS = "id, lfdi, sfdi, changed_at, pin, registered_at, group_ids";

    private final Database db;

    private JdbcSepStore(Database db) {
        this.db = db;
    }

    /**
     * @param store the core store (its database carries migration V2)
     * @return a store on the same database
     */
    public static JdbcSepStore on(VtnStore store) {
        return new JdbcSepStore(store.database());
    }

    @Override
    public SepEndDevice insert(String lfdi, long sfdi, Instant changedTime) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sep_end_devices (lfdi, sfdi, changed_at, "
                    + "group_ids) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, lfdi);
                ps.setLong(2, sfdi);
                ps.setTimestamp(3, Timestamp.from(changedTime), utc());
                ps.setString(4, "");
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return new SepEndDevice(keys.getLong(1), lfdi, sfdi, changedTime, null, null, Set.of());
                }
            }
        });
    }

    @Override
    public Optional<SepEndDevice> find(long id) {
        return db.inTransaction(c -> one(c, "id = ?", id));
    }

    @Override
    public Optional<SepEndDevice> findByLfdi(String lfdi) {
        return db.inTransaction(c -> one(c, "lfdi = ?", lfdi));
    }

    @Override
    public List<SepEndDevice> list() {
        return db.inTransaction(c -> {
            List<SepEndDevice> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT " + COLUMNS + " FROM sep_end_devices ORDER BY id")) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    @Override
    public void updatePin(long id, int pin, Instant registeredAt) {
        update("UPDATE sep_end_devices SET pin = ?, registered_at = ?, changed_at = ? WHERE id = ?", ps -> {
            ps.setInt(1, pin);
            ps.setTimestamp(2, Timestamp.from(registeredAt), utc());
            ps.setTimestamp(3, Timestamp.from(registeredAt), utc());
            ps.setLong(4, id);
        });
    }

    @Override
    public void updateGroups(long id, Set<String> groupIds) {
        update("UPDATE sep_end_devices SET group_ids = ? WHERE id = ?", ps -> {
            ps.setString(1, String.join("\n", new TreeSet<>(groupIds)));
            ps.setLong(2, id);
        });
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return db.inTransaction(work);
    }

    private static java.util.Calendar utc() {
        return java.util.Calendar.getInstance(java.util.TimeZone.getTimeZone("UTC"));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                binder.bind(ps);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("no EndDevice row updated");
                }
            }
            return null;
        });
    }

    private static Optional<SepEndDevice> one(Connection c, String where, Object key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM sep_end_devices WHERE " + where)) {
            ps.setObject(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static SepEndDevice row(ResultSet rs) throws SQLException {
        int pin = rs.getInt(5);
        Integer pinOrNull = rs.wasNull() ? null : pin;
        Timestamp reg = rs.getTimestamp(6, utc());
        String groups = rs.getString(7);
        return new SepEndDevice(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getTimestamp(4, utc()).toInstant(),
                pinOrNull, reg == null ? null : reg.toInstant(),
                groups.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(groups.split("\n"))));
    }
}
