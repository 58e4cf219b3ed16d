package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;

/**
 * Issue #13 "the admin API gets a route table like SepRoutes (405 with Allow for a wrong method)": over real HTTP,
 * a known path with another method is 405 with {@code Allow} listing the table's methods (RFC 9110 §15.5.6), an
 * unknown path 404, authentication comes before both, and every error has the one JSON shape
 * {@code {"error", "field"?, "code"}}.
 */
class AdminRoutesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "r".repeat(32);

    private VtnCore core;
    private AdminServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        core = VtnCore.open(CoreConfig.builder().inMemory("routes" + UUID.randomUUID().toString().replace("-", ""))
                .build());
        server = AdminServer.start(AdminConfig.builder().port(0).token(TOKEN).build(), core);
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    private HttpResponse<String> call(String method, String path, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (auth) {
            b.header("Authorization", "Bearer " + TOKEN);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every error body has exactly error, code and optionally field; code is the HTTP status. */
    private static void errorShape(HttpResponse<String> r, int status) throws Exception {
        errorShape(r, status, status);
    }

    /** As above with the code a core rule gives (OpenADR 450..469 family for a 400 from the core). */
    private static void errorShape(HttpResponse<String> r, int status, int code) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode n = JSON.readTree(r.body());
        Set<String> fields = new TreeSet<>();
        n.fieldNames().forEachRemaining(fields::add);
        fields.remove("field");
        assertEquals(Set.of("code", "error"), fields, r.body());
        assertEquals(code, n.get("code").asInt());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
    }

    /** A wrong method on each kind of known path: 405 with the table's methods in Allow. */
    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        for (String[] row : new String[][] {
                {"DELETE", "/programs", "GET, POST"},
                {"PUT", "/events/e1/cancel", "POST"},
                {"POST", "/events/e1", "GET, PUT"},
                {"PATCH", "/vens/v1", "DELETE, GET"},
                {"GET", "/vens/v1/report-requests/r1/cancel", "POST"},
                {"POST", "/sep/programs/p1/default-control", "DELETE, GET, PUT"},
                {"DELETE", "/participants/oadr:ab/approve", "POST"},
                {"POST", "/openapi.json", "GET"}}) {
            HttpResponse<String> r = call(row[0], row[1], true);
            errorShape(r, 405);
            assertEquals(row[2], r.headers().firstValue("Allow").orElse(null), row[0] + " " + row[1]);
        }
    }

    /** An unknown path is 404 without Allow; a path one segment off a route is unknown too. */
    @Test
    void unknownPathIs404() throws Exception {
        for (String path : new String[] {"/nothing", "/events/e1/cancel/now", "/vens/v1/push", "/sep", ""}) {
            HttpResponse<String> r = call("GET", path, true);
            errorShape(r, 404);
            assertNull(r.headers().firstValue("Allow").orElse(null), path);
        }
    }

    /** Without the token, 401 comes before 404 and 405 (nothing about the table leaks); the document is public. */
    @Test
    void authenticationBeforeRouting() throws Exception {
        for (String[] row : new String[][] {{"GET", "/nothing"}, {"DELETE", "/programs"}, {"GET", "/programs"}}) {
            HttpResponse<String> r = call(row[0], row[1], false);
            errorShape(r, 401);
            assertFalse(r.headers().firstValue("Allow").isPresent());
        }
        assertEquals(200, call("GET", "/openapi.json", false).statusCode());
    }

    /** Errors from binding (core code 454 invalid data), core rules and unknown resources share the shape. */
    @Test
    void oneErrorShape() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + "/programs"))
                .header("Authorization", "Bearer " + TOKEN).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":5,\"marketContext\":\"http://m\"}")).build(), HttpResponse.BodyHandlers.ofString());
        errorShape(r, 400, 454);
        assertEquals("name", JSON.readTree(r.body()).get("field").asText());
        errorShape(call("GET", "/events/none", true), 404);
        errorShape(call("GET", "/vens/none/opts", true), 404);
    }
}
