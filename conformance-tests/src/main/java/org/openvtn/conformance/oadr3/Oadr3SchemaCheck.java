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

    /** @return the complaints of {@code components/schemas/<component>} about {@code node} (empty: valid) */
    public List<String> errors(String component, JsonNode node) {
        Schema schema = compiled.computeIfAbsent(component,
                c -> registry.getSchema(SchemaLocation.of(BASE + "#/components/schemas/" + c)));
        return schema.validate(node).stream().map(Error::toString).toList();
    }
}
