package org.openvtn.oadr3.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON helpers of the 3.1 adapter: RFC 3339 date-times (openadr3.yaml {@code dateTime}) and ISO 8601 durations
 * (openadr3.yaml {@code duration}, whose pattern allows years, months and weeks).
 */
public final class Oadr3Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();
    /** "P9999Y" means an unbounded duration (3.1 User Guide, intervalPeriod). */
    public static final String INFINITE = "P9999Y";
    private static final Pattern DURATION = Pattern.compile(
            "^(-?)P(?=\\d|T\\d)(?:(\\d+)Y)?(?:(\\d+)M)?(?:(\\d+)([DW]))?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+(?:\\.\\d+)?)S)?)?$");

    private Oadr3Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ObjectNode parse(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw Oadr3Exception.badRequest("the body must be a JSON object");
            }
            return (ObjectNode) n;
        } catch (JsonProcessingException e) {
            throw Oadr3Exception.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(JsonNode n) {
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the RFC 3339 text of an instant, UTC */
    public static String time(Instant t) {
        return t.toString();
    }

    /**
     * @return the instant, or null when absent; {@code 0001-01-01} (any time of that day) means "now" (User Guide)
     * @throws Oadr3Exception 400 when not RFC 3339
     */
    public static Instant instant(JsonNode n, String field, Instant now) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.asText();
        if (s.startsWith("0001-01-01")) {
            return now;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw Oadr3Exception.badRequest(field + ": not an RFC 3339 date-time: " + s);
        }
    }

    /**
     * @return the duration, or null when absent
     * @throws Oadr3Exception 400 for calendar durations (years, months) or {@value #INFINITE}, which have no fixed
     *                        length the core could schedule
     */
    public static Duration duration(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.asText();
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            throw Oadr3Exception.badRequest(field + ": not an ISO 8601 duration: " + s);
        }
        if (m.group(2) != null || m.group(3) != null) {
            throw Oadr3Exception.badRequest(field + ": durations in years or months (" + s
                    + ") have no fixed length; this VTN schedules fixed durations only (docs/openadr-3.md)");
        }
        Duration d = Duration.ZERO;
        if (m.group(4) != null) {
            long v = Long.parseLong(m.group(4));
            d = d.plusDays("W".equals(m.group(5)) ? v * 7 : v);
        }
        if (m.group(6) != null) {
            d = d.plusHours(Long.parseLong(m.group(6)));
        }
        if (m.group(7) != null) {
            d = d.plusMinutes(Long.parseLong(m.group(7)));
        }
        if (m.group(8) != null) {
            d = d.plusNanos(new java.math.BigDecimal(m.group(8)).movePointRight(9).longValueExact());
        }
        return "-".equals(m.group(1)) ? d.negated() : d;
    }

    /** @return the strings of a JSON array (null or absent = empty) */
    public static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }

    public static ArrayNode array(Collection<String> values) {
        ArrayNode a = MAPPER.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** skip/limit pagination (openadr3.yaml: skip >= 0, 0 <= limit <= 50; absent limit = 50). */
    public static <T> List<T> page(List<T> all, int skip, int limit) {
        if (skip >= all.size()) {
            return List.of();
        }
        return new ArrayList<>(all.subList(skip, Math.min(all.size(), skip + limit)));
    }

    /**
     * The JSON text of an object to store; 413 when it is longer than the stored body may be
     * ({@link org.openvtn.oadr3.store.Oadr3Store#MAX_BODY_CHARS}).
     */
    static String writeStored(JsonNode n) {
        String text = write(n);
        if (text.length() > org.openvtn.oadr3.store.Oadr3Store.MAX_BODY_CHARS) {
            throw new Oadr3Exception(413, "Payload Too Large", "a stored 3.1 object is limited to "
                    + org.openvtn.oadr3.store.Oadr3Store.MAX_BODY_CHARS + " characters of JSON; this one has "
                    + text.length());
        }
        return text;
    }
}
