package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The security matrix of the admin API (issue #12, docs/security.md): no or a wrong bearer token, a token in the
 * query, oversize, deeply nested and malformed JSON, unknown fields and paths, each answered with its 4xx and a JSON
 * error naming the problem, never a 5xx, and followed by a check that the API still lists programs.
 */
class AdminSecurityMatrixIT {
    private static final String TOKEN = "matrix-admin-token-0123456789";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static AdminVtnFixture vtn;
    private static String base;

    @BeforeAll
    static void start() {
        vtn = new AdminVtnFixture("adminmatrix", TOKEN);
        base = vtn.server().adminBaseUri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static HttpResponse<String> call(String method, String path, String auth, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static DynamicTest row(String name, int expected, String method, String path, String auth, String body) {
        return DynamicTest.dynamicTest(name + " -> " + expected, () -> {
            HttpResponse<String> r = call(method, path, auth, body);
            assertEquals(expected, r.statusCode(), r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains(TOKEN), r.body());
            assertEquals(200, call("GET", "/programs", "Bearer " + TOKEN, null).statusCode(), "still serving");
        });
    }

    @TestFactory
    List<DynamicTest> matrix() {
        String ok = "Bearer " + TOKEN;
        return List.of(
                row("no token", 401, "GET", "/programs", null, null),
                row("wrong token", 401, "GET", "/programs", "Bearer " + TOKEN.substring(1) + "x", null),
                row("token prefix only", 401, "GET", "/programs", "Bearer " + TOKEN.substring(0, 8), null),
                row("basic instead of bearer", 401, "GET", "/programs", "Basic " + TOKEN, null),
                row("token in the query is not accepted", 401, "GET", "/programs?access_token=" + TOKEN, null, null),
                row("malformed JSON", 400, "POST", "/programs", ok, "{\"name\":"),
                row("JSON array instead of object", 400, "POST", "/programs", ok, "[1,2,3]"),
                row("unknown field", 400, "POST", "/programs", ok, "{\"name\":\"a\",\"marketContext\":\"http://m\",\"x\":1}"),
                row("deeply nested JSON", 400, "POST", "/programs", ok, "[".repeat(100_000) + "]".repeat(100_000)),
                DynamicTest.dynamicTest("body over the limit -> 413, or closed while sending (RFC 9110 §15.5.14)", () -> {
                    try {
                        HttpResponse<String> r = call("POST", "/programs", ok,
                                "{\"name\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}");
                        assertEquals(413, r.statusCode(), r.body());
                    } catch (java.io.IOException closedWhileSending) {
                        // the server answered from Content-Length and closed before the body was sent
                    }
                    assertEquals(200, call("GET", "/programs", ok, null).statusCode(), "still serving");
                }),
                row("unknown resource", 404, "GET", "/nothing", ok, null),
                row("unknown event", 404, "GET", "/events/no-such-event", ok, null),
                row("encoded path traversal (Jetty refuses the ambiguous URI)", 400, "GET", "/programs/..%2f..%2fetc%2fpasswd", ok, null));
    }
}
