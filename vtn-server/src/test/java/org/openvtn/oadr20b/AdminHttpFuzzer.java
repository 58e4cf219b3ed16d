package org.openvtn.oadr20b;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import com.code_intelligence.jazzer.api.BugDetectors;

/**
 * Jazzer target: the admin API entry point of a real VTN (issue #12, fuzzing of each handler entry point). Byte 0
 * picks the method, byte 1 a resource (with the ids of a real program, event and VEN substituted), the rest is the
 * JSON body. A finding is any 5xx, or an API that stops listing programs.
 */
public final class AdminHttpFuzzer {
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final Logger QUIET_TLS = Logger.getLogger("org.bouncycastle");
    private static final String TOKEN = "fuzz-admin-token-0123456789";
    private static AdminVtnFixture vtn;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static List<String> paths;
    private static String base;
    private static long count;

    /** Called by Jazzer once before the first input (not counted in the per-input timeout). */
    public static void fuzzerInitialize() {
        QUIET_TLS.setLevel(Level.WARNING);
        try {
            vtn = new AdminVtnFixture("adminfuzz", TOKEN);
            base = vtn.server().adminBaseUri().orElseThrow().toString();
            int admin = java.net.URI.create(base).getPort();
            int oadr = vtn.server().oadrBaseUri().getPort();
            BugDetectors.allowNetworkConnections((host, p) -> p == admin || p == oadr);
            ScriptedVen ven = vtn.registeredVen("fuzz-ven-");
            AdminVtnFixture.Reply p = vtn.admin("POST", "/programs",
                    "{\"name\":\"fuzz\",\"marketContext\":\"http://MarketContext1\"}");
            String program = p.body().get("id").asText();
            AdminVtnFixture.Reply e = vtn.admin("POST", "/events", "{\"programId\":\"" + program
                    + "\",\"start\":\"2030-01-01T14:00:00Z\",\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\","
                    + "\"intervals\":[{\"duration\":\"PT30M\",\"value\":1}]}],\"targets\":{\"venIds\":[\""
                    + ven.venId + "\"]}}");
            String event = e.body().get("id").asText();
            paths = List.of("/programs", "/programs/" + program, "/events", "/events/" + event,
                    "/events/" + event + "/cancel", "/events/" + event + "/history", "/events/" + event + "/responses",
                    "/vens", "/vens/" + ven.venId, "/vens/" + ven.venId + "/report-requests", "/reports", "/metrics",
                    "/sep/devices", "/sep/groups", "/sep/default-control", "/sep/subscriptions", "/sep/delivery",
                    "/sep/responses", "/events/unknown", "/programs/%2e%2e", "/vens/x/report-requests/y/cancel", "");
        } catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private AdminHttpFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] input) throws Exception {
        if (input.length < 2) {
            return;
        }
        String method = METHODS.get((input[0] & 0xff) % METHODS.size());
        String path = paths.get((input[1] & 0xff) % paths.size());
        byte[] body = Arrays.copyOfRange(input, 2, input.length);
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpResponse<String> r;
        try {
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedKeepAlive) {
            // the server may close a kept-alive connection after an answer that left the body unread; a client
            // retries on a new connection, and only a second failure is a finding
            r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (r.statusCode() >= 500) {
            throw new IllegalStateException(method + " " + path + " " + new String(body, StandardCharsets.UTF_8)
                    + " answered HTTP " + r.statusCode() + ": " + r.body());
        }
        if (++count % 256 == 0 && vtn.admin("GET", "/programs", null).status() != 200) {
            throw new IllegalStateException("the admin API no longer lists programs");
        }
    }
}
