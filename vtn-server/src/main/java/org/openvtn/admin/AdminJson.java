package org.openvtn.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openvtn.core.VtnException;

/**
 * Jackson binding of the admin API's bodies to the records of {@link org.openvtn.admin.api}: strict (unknown fields,
 * wrong JSON types and coercions are refused with a {@link VtnException} naming the field's path, e.g.
 * {@code signals[0].intervals[1].value}) plus the checks of values Jackson leaves as text (ISO-8601 times and
 * durations). Mapping between the records and core types is in {@link AdminViews} and {@link AdminInputs}.
 */
final class AdminJson {
    /** Writes responses; reads request bodies as trees (size and nesting bounded by Jackson's constraints). */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ObjectMapper STRICT = strict();

    private AdminJson() {
    }

    private static ObjectMapper strict() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        return m;
    }

    /**
     * Binds a request body to a DTO record.
     *
     * @throws VtnException invalid data naming the offending field's path
     */
    static <T> T read(JsonNode body, Class<T> type) {
        if (body == null || !body.isObject()) {
            throw VtnException.invalidData("body", "body must be a JSON object");
        }
        try {
            return STRICT.treeToValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String f = path(e);
            throw VtnException.invalidData(f, "unknown field " + f);
        } catch (MismatchedInputException e) {
            String f = path(e);
            throw VtnException.invalidData(f, f + " must be " + kind(e.getTargetType()));
        } catch (JsonMappingException e) {
            String f = path(e);
            throw VtnException.invalidData(f, f + ": invalid value");
        } catch (JsonProcessingException e) {
            throw VtnException.invalidData("body", "cannot bind JSON: " + e.getOriginalMessage());
        }
    }

    /** The path of the failing field, e.g. {@code signals[0].intervals[1].value}; {@code body} for the root. */
    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    private static String kind(Class<?> t) {
        if (t == null) {
            return "of another JSON type";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == Boolean.class || t == boolean.class) {
            return "true or false";
        }
        if (t == Long.class || t == Integer.class || t == long.class || t == int.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(t) || t.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        return "a JSON object";
    }

    // ------------------------------------------------------------- values Jackson keeps as text

    static String required(String value, String field) {
        if (value == null) {
            throw VtnException.invalidData(field, field + " is required");
        }
        return value;
    }

    static Instant instant(String s, String field, boolean required) {
        if (s == null) {
            required(null, field);
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 date-time with offset, e.g. "
                    + "2030-01-01T12:00:00Z");
        }
    }

    static Instant instant(String s, String field) {
        return s == null ? null : instant(s, field, false);
    }

    static Duration duration(String s, String field, Duration dflt) {
        if (s == null) {
            return dflt;
        }
        try {
            return Duration.parse(s);
        } catch (DateTimeParseException e) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 duration, e.g. PT30M");
        }
    }

    /** A signed duration given as ISO-8601 text ("-PT5M") or as a JSON integer of seconds (IEEE 2030.5 style). */
    static Duration secondsOrDuration(JsonNode v, String field) {
        if (v == null || v.isNull()) {
            return Duration.ZERO;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return Duration.ofSeconds(v.longValue());
        }
        if (!v.isTextual()) {
            throw VtnException.invalidData(field, field + " must be an ISO-8601 duration or an integer of seconds");
        }
        return duration(v.asText(), field, Duration.ZERO);
    }

    static boolean bool(Boolean b) {
        return b != null && b;
    }

    /** A list of non-blank strings as a sorted set; null gives the empty set. */
    static Set<String> strings(List<String> v, String field) {
        Set<String> out = new TreeSet<>();
        if (v == null) {
            return out;
        }
        for (int i = 0; i < v.size(); i++) {
            if (v.get(i) == null || v.get(i).isBlank()) {
                throw VtnException.invalidData(field + "[" + i + "]", "must be a non-empty string");
            }
            out.add(v.get(i));
        }
        return out;
    }
}
