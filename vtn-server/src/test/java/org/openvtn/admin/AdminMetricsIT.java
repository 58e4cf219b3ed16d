package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.service.OadrCaller;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.schemas.oadr20b.OadrPollType;

/**
 * {@code GET /api/v1/metrics} (issue 8): bearer token required, JVM figures present, and the oadrPoll counter
 * counts the polls the 2.0b poll service answered.
 */
class AdminMetricsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void metricsNeedTheTokenAndCountPolls(@TempDir Path dir) throws Exception {
        String token = AdminTokens.loadOrCreate(dir);
        try (VtnCore core = VtnCore.open(CoreConfig.builder()
                .inMemory("metrics" + UUID.randomUUID().toString().replace("-", "")).build());
             AdminServer server = AdminServer.start(AdminConfig.builder().port(0).token(token).build(), core)) {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest anonymous = HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            assertEquals(401, http.send(anonymous, HttpResponse.BodyHandlers.ofString()).statusCode());

            String fp = "AA:BB:CC:DD:EE:FF:00:11:22:33";
            String venId = core.registrations().register(RegistrationRequest.simple(fp, null, "m")).participantId();
            OadrServices services = OadrServices.of(core);
            OadrPollType poll = new OadrPollType();
            poll.setSchemaVersion("2.0b");
            poll.setVenID(venId);
            services.poll().poll(new OadrCaller(fp, "CN=m"), poll);
            services.poll().poll(new OadrCaller(fp, "CN=m"), poll);

            HttpRequest req = HttpRequest.newBuilder(URI.create(server.baseUri() + "/metrics"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
            HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode m = JSON.readTree(r.body());
            assertEquals(2, m.path("oadrPolls").asLong());
            assertTrue(m.path("heapUsedBytes").asLong() > 0, r.body());
            assertTrue(m.path("availableProcessors").asInt() >= 1, r.body());
            assertTrue(m.has("processCpuLoad"), r.body());
            assertTrue(m.path("threads").asInt() > 0, r.body());
        }
    }
}
