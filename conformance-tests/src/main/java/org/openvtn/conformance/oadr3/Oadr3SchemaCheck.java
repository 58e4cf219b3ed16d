package org.openvtn.conformance.oadr3;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.schemas.PublishedSchemas;

/**
 * The judge of every body the suite receives: the {@code components/schemas} of the published OpenADR 3.1.0 OpenAPI
 * document ({@code openadr-3.1/openadr3.yaml} in the schemas jar, whose digest the report header lists), compiled
 * with networknt json-schema-validator in its OpenAPI 3.0 dialect. Nothing about shapes is written by hand.
 */
public final class Oadr3SchemaCheck {
    /** Path of the document inside the published-schema bundle. */
    public static final String DOCUMENT = "openadr-3.1/openadr3.yaml";
    private static final String BASE = "https://openvtn.invalid/conformance/openadr3.json";

    private final SchemaRegistry registry;
    private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

    private Oadr3SchemaCheck(String json) {
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30(), b -> b.schemas(Map.of(BASE, json)));
    }

    /** Loads the bundled document. */
    public static Oadr3SchemaCheck load() {
        try (InputStream in = PublishedSchemas.resource(DOCUMENT).openStream()) {
            JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(in.readAllBytes());
            return new Oadr3SchemaCheck(new ObjectMapper().writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DOCUMENT, e);
        }
    }

    /**
     * The complaints about a {@code notification}. Its {@code object} is judged by the component its
     * {@code objectType} names ({@code EVENT} -> {@code event}; VEN and RESOURCE -> {@code objectMetadata}, see
     * {@code CrudCases}), not through the published {@code oneOf} + {@code discriminator}: the discriminator's implicit
     * mapping points at components named {@code EVENT}, {@code PROGRAM}..., which the document does not define, so no
     * notification could pass it. The envelope is judged by {@code objectTypes} and the operation enum.
     */
    public List<String> notificationErrors(JsonNode n) {
        if (n == null || !n.isObject()) {
            return List.of("not a JSON object");
        }
        List<String> out = new java.util.ArrayList<>();
        String type = n.path("objectType").asText("");
        out.addAll(errors("objectTypes", n.path("objectType")).stream().map(e -> "/objectType: " + e).toList());
        if (!List.of("CREATE", "READ", "UPDATE", "DELETE").contains(n.path("operation").asText(""))) {
            out.add("/operation: " + n.get("operation") + " is not CREATE, READ, UPDATE or DELETE");
        }
        JsonNode object = n.get("object");
        if (object == null || !object.isObject()) {
            out.add("/object: missing or not an object");
        } else if (out.isEmpty()) {
            String component = switch (type) {
                case "VEN", "RESOURCE" -> "objectMetadata";
                default -> type.toLowerCase(java.util.Locale.ROOT);
            };
            out.addAll(errors(component, object).stream().map(e -> "/object (" + component + "): " + e).toList());
            if (!type.equals(object.path("objectType").asText(""))) {
                out.add("/object/objectType " + object.get("objectType") + " differs from objectType " + type);
            }
        }
        JsonNode targets = n.get("targets");
        if (targets != null && !targets.isNull() && !targets.isArray()) {
            out.add("/targets: not an array");
        }
        return out;
    }

    /** @return the complaints of {@code components/schemas/<component>} about {@code node} (empty: valid) */
    public List<String> errors(String component, JsonNode node) {
        Schema schema = compiled.computeIfAbsent(component,
                c -> registry.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + c)));
        return schema.validate(node).stream().map(Error::toString).toList();
    }
}
