package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md, operator row: the admin token "is written owner-only and never logged" (issue #13: every "never
 * leaks a secret" claim has a test that fails when the secret is written). Captures everything the server logs
 * (slf4j-simple writes to System.err) from start to stop, through accepted and refused admin calls (right token,
 * wrong token, the token in the query, a token one character off), and looks for the token and its halves.
 */
class AdminTokenNotLoggedIT {

    private static final String TOKEN = "never-logged-admin-token-5f3a9c27d1";

    private static int call(String url, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void theAdminTokenIsNeverLogged() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try (AdminVtnFixture vtn = new AdminVtnFixture("tokenlog", TOKEN)) {
            String base = vtn.server().adminBaseUri().orElseThrow();
            assertEquals(200, call(base + "/programs", "Bearer " + TOKEN));
            assertEquals(401, call(base + "/programs", "Bearer " + TOKEN.substring(1) + "x"));
            assertEquals(401, call(base + "/programs", "Basic " + TOKEN));
            call(base + "/programs?token=" + TOKEN, null);
            call(base + "/no-such-path", "Bearer " + TOKEN);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("INFO") || log.contains("WARN"), "the server's log was captured: " + log);
        String half = TOKEN.substring(TOKEN.length() / 2);
        assertFalse(log.contains(TOKEN) || log.contains(half) || log.contains(TOKEN.substring(1) + "x"), log);
    }
}
