package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.api.ApiSchema;
import org.openvtn.admin.api.EventJson;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.service.SepServices;

/**
 * Issue #13 "a test that the served OpenAPI document matches the routes and DTOs": the document served at
 * {@code /api/v1/openapi.json} lists exactly the route table's paths and methods, and each
 * {@code components/schemas} entry has exactly the properties of the DTO record named after it by
 * {@link ApiSchema} (and every such record has an entry). The comparison itself is shown to catch a route, a DTO
 * field or a documented property that is missing on one side.
 */
class AdminOpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private VtnCore core;
    private AdminServer server;

    @BeforeEach
    void start() {
        core = VtnCore.open(CoreConfig.builder().inMemory("openapi" + UUID.randomUUID().toString().replace("-", ""))
                .build());
        server = AdminServer.start(AdminConfig.builder().port(0).token("t".repeat(32)).build(), core);
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    /** The served document against the running route table and the DTO records: no difference. */
    @Test
    void servedDocumentMatchesRoutesAndDtos() throws Exception {
        JsonNode doc = served();
        List<AdminRoute> routes = new AdminHandler(core, SepServices.builder(core).build(), "t".repeat(32), 4096).routes();
        assertEquals(List.of(), differences(doc, routes, dtoSchemas()));
        assertTrue(routes.size() >= 38, "the whole table: " + routes.size());
    }

    /** A route without its document entry, and a documented path without its route, are both reported. */
    @Test
    void routeAndDocumentDifferencesAreReported() throws Exception {
        JsonNode doc = served();
        List<AdminRoute> routes = new ArrayList<>(new AdminHandler(core, SepServices.builder(core).build(), "t".repeat(32), 4096).routes());
        routes.add(AdminRoute.get("/events/{id}/audit", c -> null));
        ObjectNode edited = doc.deepCopy();
        ((ObjectNode) edited.get("paths")).remove("/metrics");
        List<String> diff = differences(edited, routes, dtoSchemas());
        assertEquals(List.of("route GET /events/{id}/audit is not in the document",
                "route GET /metrics is not in the document"), diff);
        ((ObjectNode) edited.get("paths")).putObject("/events/{id}/undo").putObject("post");
        assertTrue(differences(edited, routes, dtoSchemas())
                .contains("document path POST /events/{id}/undo has no route"));
    }

    /** A DTO field the document does not list, and a documented property without a DTO field, are both reported. */
    @Test
    void schemaDifferencesAreReported() throws Exception {
        JsonNode doc = served();
        List<AdminRoute> routes = new AdminHandler(core, SepServices.builder(core).build(), "t".repeat(32), 4096).routes();
        Map<String, Set<String>> dtos = dtoSchemas();
        dtos.get("Event").add("baselineKw");
        ObjectNode edited = doc.deepCopy();
        ((ObjectNode) edited.at("/components/schemas/Program/properties")).putObject("owner");
        assertEquals(List.of("schema Event: DTO field baselineKw is not in the document",
                "schema Program: document property owner is not a DTO field"), differences(edited, routes, dtos));
        assertFalse(dtoSchemas().get("Event").contains("baselineKw"), "a fresh scan");
    }

    private JsonNode served() throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(server.baseUri() + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    /** Differences between the document and the routes and DTO schemas, in a stable order; empty when they agree. */
    static List<String> differences(JsonNode doc, List<AdminRoute> routes, Map<String, Set<String>> dtos) {
        Set<String> documented = new TreeSet<>();
        doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                documented.add(m.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
            }
        }));
        Set<String> routed = new TreeSet<>();
        routes.forEach(r -> routed.add(r.method() + " " + r.template()));
        List<String> out = new ArrayList<>();
        routed.stream().filter(r -> !documented.contains(r)).forEach(r -> out.add("route " + r
                + " is not in the document"));
        documented.stream().filter(d -> !routed.contains(d)).forEach(d -> out.add("document path " + d
                + " has no route"));
        JsonNode schemas = doc.at("/components/schemas");
        Set<String> names = new TreeSet<>(dtos.keySet());
        schemas.fieldNames().forEachRemaining(names::add);
        for (String name : names) {
            if (!dtos.containsKey(name)) {
                out.add("schema " + name + " has no @ApiSchema DTO");
                continue;
            }
            if (!schemas.has(name)) {
                out.add("schema " + name + " of a DTO is not in the document");
                continue;
            }
            Set<String> props = new TreeSet<>();
            Iterator<String> it = schemas.get(name).path("properties").fieldNames();
            it.forEachRemaining(props::add);
            dtos.get(name).stream().filter(f -> !props.contains(f)).forEach(f -> out.add("schema " + name
                    + ": DTO field " + f + " is not in the document"));
            props.stream().filter(p -> !dtos.get(name).contains(p)).forEach(p -> out.add("schema " + name
                    + ": document property " + p + " is not a DTO field"));
        }
        return out;
    }

    /**
     * Every {@link ApiSchema} record of the api package (listed from the class path: the admin-api module's classes
     * directory or jar) with its JSON property names as Jackson sees them.
     */
    static Map<String, Set<String>> dtoSchemas() throws IOException, URISyntaxException, ClassNotFoundException {
        URI uri = EventJson.class.getResource("EventJson.class").toURI();
        Map<String, Set<String>> out = new TreeMap<>();
        if (uri.getScheme().equals("jar")) {
            try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                scan(jar.provider().getPath(uri).getParent(), out);
            }
        } else {
            scan(Path.of(uri).getParent(), out);
        }
        return out;
    }

    private static void scan(Path dir, Map<String, Set<String>> out) throws IOException, ClassNotFoundException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String simple = f.getFileName().toString().replace(".class", "");
                Class<?> c = Class.forName(EventJson.class.getPackageName() + "." + simple);
                ApiSchema s = c.getAnnotation(ApiSchema.class);
                if (s != null) {
                    Set<String> props = new TreeSet<>();
                    JSON.getSerializationConfig().introspect(JSON.constructType(c)).findProperties()
                            .forEach(p -> props.add(p.getName()));
                    out.put(s.value(), props);
                }
            }
        }
    }
}
