package org.openvtn.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Collection;
import java.util.List;
import java.util.TimeZone;

/** Small JDBC helpers: UTC timestamps, ISO durations, JSON string lists. */
final class Jdbc {
    static final ObjectMapper JSON = new ObjectMapper();

    private Jdbc() {
    }

    private static Calendar utc() {
        return Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    }

    static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP);
        } else {
            ps.setTimestamp(i, Timestamp.from(v), utc());
        }
    }

    static Instant getInstant(ResultSet rs, String col) throws SQLException {
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
