package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;

/**
 * Issue #19 (operator console: VENs with last contact): an OpenADR 2.0b VEN's authorised requests record its last
 * contact (migration V28), written at most once a minute per VEN (an oadrPoll is no database write), shown by
 * {@code GET /vens} and {@code GET /vens/{venId}}. The test clock moves; nothing sleeps.
 */
class VenLastContactIT {
    private static final String TOKEN = "last-contact-token-0123456789";

    @Test
    void pollsRecordLastContactAtMostOnceAMinute() throws Exception {
        try (OadrHarness vtn = OadrHarness.with(null,
                b -> b.admin(AdminConfig.builder().port(0).token(TOKEN).build()))) {
            String base = vtn.server.adminBaseUri().orElseThrow();
            ScriptedVen ven = vtn.newVen();
            ven.register();
            ScriptedVen silent = vtn.newVen();
            silent.register();

            Instant first = vtn.clock.instant();
            ven.poll();
            assertEquals(first.toString(), contact(base, "/vens/" + ven.venId));

            vtn.clock.advance(Duration.ofSeconds(30));
            ven.poll();
            assertEquals(first.toString(), contact(base, "/vens/" + ven.venId), "written again within a minute");

            vtn.clock.advance(Duration.ofSeconds(31));
            Instant later = vtn.clock.instant();
            ven.poll();
            assertEquals(later.toString(), contact(base, "/vens/" + ven.venId));

            JsonNode list = get(base, "/vens");
            for (JsonNode v : list) {
                if (v.get("venId").asText().equals(ven.venId)) {
                    assertEquals(later.toString(), v.get("lastContactAt").asText());
                } else {
                    assertTrue(v.path("lastContactAt").isNull() || v.path("lastContactAt").isMissingNode(), "a VEN that never polled has no contact: " + v);
                }
            }
        }
    }

    private static String contact(String base, String path) throws Exception {
        return get(base, path).get("lastContactAt").asText();
    }

    private static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return new ObjectMapper().readTree(r.body());
    }
}
