package org.openvtn.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.openvtn.yaml.StrictYaml;

/**
 * Binds the {@code openvtn serve} YAML onto the {@link ServeYaml} records with the shared strict setup
 * ({@link StrictYaml}: no polymorphic typing, no coercion between types, unknown keys refused, one document only,
 * duplicate keys and aliases refused). Every failure names the key path ({@code oadr.push.concurrency}), the line
 * and the problem in the words {@code docs/configuration.md} uses. This file adds the typed values of the serve
 * configuration: whole numbers, switches and ISO-8601 durations.
 */
final class ServeYamlReader {

    private static final StrictYaml YAML = StrictYaml.builder(ServeYaml.SECTIONS)
            .listExample("[\"10.20.0.0/16\", \"ems.example\"]")
            .scalar(Integer.class, scalar("must be a whole number", p -> p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() == JsonParser.NumberType.INT ? p.getIntValue() : null))
            .scalar(Long.class, scalar("must be a whole number", p -> p.currentToken() == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER ? p.getLongValue() : null))
            .scalar(Boolean.class, scalar("must be true or false", ServeYamlReader::bool))
            .scalar(Duration.class, new StrictYaml.Scalar<>("must be an ISO-8601 duration such as PT10S",
                    "must be a single value") {
                @Override
                protected Duration parse(JsonParser p) throws IOException {
                    if (!StrictYaml.scalar(p)) {
                        p.skipChildren();
                        throw new StrictYaml.BadValue(p, "must be a single value");
                    }
                    try {
                        return Duration.parse(p.getText());
                    } catch (DateTimeParseException e) {
                        return null;
                    }
                }
            })
            .build();

    /** The YAML 1.1 words the earlier reader took as switches keep their meaning. */
    private static final Set<String> YAML11_TRUE = Set.of("yes", "Yes", "YES", "on", "On", "ON");
    private static final Set<String> YAML11_FALSE = Set.of("no", "No", "NO", "off", "Off", "OFF");

    /** Reads a token as T, or answers null when it is not one. */
    private interface Parse<T> {
        T parse(JsonParser p) throws IOException;
    }

    private static <T> StrictYaml.Scalar<T> scalar(String expected, Parse<T> parse) {
        return new StrictYaml.Scalar<>(expected, expected + ", was 'null'") {
            @Override
            protected T parse(JsonParser p) throws IOException {
                return parse.parse(p);
            }
        };
    }

    private static Boolean bool(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
            return t == JsonToken.VALUE_TRUE;
        }
        if (t == JsonToken.VALUE_STRING && YAML11_TRUE.contains(p.getText())) {
            return true;
        }
        return t == JsonToken.VALUE_STRING && YAML11_FALSE.contains(p.getText()) ? false : null;
    }

    /** Reads one document; an empty document is an empty root. */
    ServeYaml.Root read(InputStream in) throws StrictYaml.Failure, IOException {
        return YAML.read(in, ServeYaml.Root.class, ServeYaml.Root.EMPTY);
    }
}
