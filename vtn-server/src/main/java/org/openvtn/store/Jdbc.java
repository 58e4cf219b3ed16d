package org.openvtn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The one JDBC helper of every store (core and IEEE 2030.5, issue #13): statements prepared with bound parameters and
 * closed, rows mapped, generated keys read, UTC timestamps, ISO durations, JSON string lists. Run inside
 * {@link Database#inTransaction(SqlWork)} for the connection and the transaction.
 *
 * <pre>{@code
 * List<String> ids = db.inTransaction(c -> Jdbc.list(c, "SELECT id FROM t WHERE owner = ?",
 *         ps -> ps.setString(1, owner), rs -> rs.getString(1)));
 * }</pre>
 */
public final class Jdbc {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jdbc() {
    }

    /** Binds statement parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** @return every row of the query, mapped */
    public static <T> List<T> list(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
            return out;
        }
    }

    /** @return the first row of the query, mapped */
    public static <T> Optional<T> one(Connection c, String sql, Binder binder, Row<T> row) throws SQLException {
        List<T> l = list(c, sql, binder, row);
        return l.isEmpty() ? Optional.empty() : Optional.ofNullable(l.get(0));
    }

    /** @return the generated key of the inserted row */
    public static long insert(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            binder.bind(ps);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** @return the update count */
    public static int update(Connection c, String sql, Binder binder) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        }
    }

    /**
     * Replaces one row by its key: an update, else an insert. {@code row} binds the value columns, then the key columns,
     * in the order named (the same order serves both statements). Run it in {@link Database#inTransactionOrReread}: on
     * PostgreSQL a writer that meets the key another node inserted first runs again, as an update.
     *
     * @param table  the table
     * @param values its value columns, comma separated
     * @param keys   its key columns, comma separated
     */
    public static void replace(Connection c, String table, String values, String keys, Binder row)
            throws SQLException {
        String[] v = values.split(",\\s*");
        String[] k = keys.split(",\\s*");
        String set = String.join(" = ?, ", v) + " = ?";
        String where = String.join(" = ? AND ", k) + " = ?";
        if (update(c, "UPDATE " + table + " SET " + set + " WHERE " + where, row) == 0) {
            String marks = String.join(", ", java.util.Collections.nCopies(v.length + k.length, "?"));
            update(c, "INSERT INTO " + table + " (" + values + ", " + keys + ") VALUES (" + marks + ")", row);
        }
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    /** Binds a UTC timestamp (null as SQL NULL). */
    public static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(i, Timestamp.from(v), utc());
        }
    }

    /** @return a UTC timestamp column by name (null for SQL NULL) */
    public static Instant getInstant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col, utc());
        return t == null ? null : t.toInstant();
    }

    /** @return a UTC timestamp column by index (null for SQL NULL) */
    public static Instant instant(ResultSet rs, int col) throws SQLException {
        Timestamp t = rs.getTimestamp(col, utc());
        return t == null ? null : t.toInstant();
    }

    static String duration(Duration d) {
        return d == null ? null : d.toString();
    }

    static Duration duration(String s) {
        return s == null ? null : Duration.parse(s);
    }

    static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, v);
        }
    }

    static Long getLong(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    static String stringList(Collection<String> values) {
        try {
            return JSON.writeValueAsString(new ArrayList<>(values));
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot encode list", e);
        }
    }

    static List<String> stringList(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new StoreException("corrupt JSON list in database", e);
        }
    }
}
