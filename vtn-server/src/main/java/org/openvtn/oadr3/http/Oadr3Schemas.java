package org.openvtn.oadr3.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.oadr3.service.Oadr3Exception;
import org.openvtn.oadr3.service.Oadr3Json;
import org.openvtn.schemas.PublishedSchemas;

/**
 * The published OpenADR 3.1 OpenAPI document (openadr3.yaml, bundled by the schemas module from the operator's
 * schema folder, SHA-256 checked again here against {@code published-schemas.sha256}) as the judge of every request
 * and response body: its {@code components/schemas} are compiled with networknt json-schema-validator in its
 * OpenAPI 3.0 dialect (which knows {@code nullable}; {@code discriminator} is informative there). Nothing about the
 * shapes is written by hand.
 */
public final class Oadr3Schemas {
    /** Path of the document inside the published-schema bundle. */
    public static final String DOCUMENT = "openadr-3.1/openadr3.yaml";
    private static final String BASE = "https://openvtn.invalid/openadr3.json";

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private Oadr3Schemas(String json) {
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(),
                b -> b.schemas(Map.of(BASE, json)));
    }

    /**
     * Loads the bundled document after checking its SHA-256 against the project's digest list.
     *
     * @throws IllegalStateException when the document is missing or its digest differs
     */
    public static Oadr3Schemas load() {
        byte[] yaml;
        try (InputStream in = PublishedSchemas.resource(DOCUMENT).openStream()) {
            yaml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
        String expected = expectedDigest();
        String actual = sha256(yaml);
        if (!actual.equalsIgnoreCase(expected)) {
            throw new IllegalStateException(DOCUMENT + " has SHA-256 " + actual + ", the digest list says " + expected);
        }
        try {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return new Oadr3Schemas(Oadr3Json.MAPPER.writeValueAsString(doc));
        } catch (IOException e) {
            throw new IllegalStateException(DOCUMENT + " is not YAML: " + e.getMessage(), e);
        }
    }

    private static String expectedDigest() {
        try (InputStream in = PublishedSchemas.resource("published-schemas.sha256").openStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] parts = line.strip().split("\\s+");
                if (parts.length == 2 && parts[1].equals(DOCUMENT)) {
                    return parts[0];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the digest list", e);
        }
        throw new IllegalStateException(DOCUMENT + " is not in published-schemas.sha256");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the validation errors of {@code node} against {@code components/schemas/<name>} (empty = valid) */
    public List<String> errors(String component, JsonNode node) {
        Schema schema = compiled.computeIfAbsent(component,
                c -> registry.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + c)));
        return schema.validate(node).stream().map(Error::toString).toList();
    }

    /**
     * Validates a request body.
     *
     * @throws Oadr3Exception 400 listing (up to five of) the schema's complaints
     */
    public void request(String component, JsonNode body) {
        List<String> errors = errors(component, body);
        if (!errors.isEmpty()) {
            throw Oadr3Exception.badRequest("the body is not a valid " + component + ": "
                    + String.join("; ", errors.subList(0, Math.min(5, errors.size()))));
        }
    }

    /**
     * Validates a response body before it is sent: a failure is the VTN's own bug.
     *
     * @throws IllegalStateException naming the schema's complaints
     */
    public void response(String component, JsonNode body) {
        List<String> errors = errors(component, body);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("response is not a valid " + component + ": " + errors);
        }
    }
}
