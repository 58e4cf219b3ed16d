package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.PollItem;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;

/**
 * Admin REST API over real HTTP on 127.0.0.1 port 0 (issue 4 "Admin REST API"): auth, validation
 * errors naming the field, and the event life cycle of OpenADR conformance rules 4 and 5.
 */
class AdminApiIT {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private VtnCore core;
    private AdminServer server;
    private HttpClient http;
    private String token;
    private String base;

    @BeforeEach
    void start(@TempDir Path dir) {
        token = AdminTokens.loadOrCreate(dir);
        core = VtnCore.open(CoreConfig.builder().inMemory("admin" + UUID.randomUUID().toString().replace("-", ""))
                .clock(new MutableClock(T0)).build());
        server = AdminServer.start(AdminConfig.builder().port(0).token(token).maxBodyBytes(4096).build(), core);
        base = server.baseUri();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    private HttpResponse<String> call(String method, String path, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode ok(int status, HttpResponse<String> r) throws Exception {
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        return ok(status, call(method, path, body, token));
    }

    private static String event(String programId, String extra) {
        return "{\"programId\":\"" + programId + "\",\"start\":\"2030-01-01T14:00:00Z\","
                + "\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\",\"intervals\":["
                + "{\"duration\":\"PT30M\",\"value\":1},{\"duration\":\"PT30M\",\"value\":2}]}],"
                + "\"targets\":{\"venIds\":[\"ven1\"]}" + extra + "}";
    }

    /** 401 without a token, with a wrong token and with a non-bearer scheme; the token file exists. */
    @Test
    void unauthorized(@TempDir Path other) throws Exception {
        assertEquals(401, call("GET", "/programs", null, null).statusCode());
        assertEquals(401, call("GET", "/programs", null, token + "x").statusCode());
        HttpResponse<String> basic = http.send(HttpRequest.newBuilder(URI.create(base + "/vens"))
                .header("Authorization", "Basic " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, basic.statusCode());
        String fresh = AdminTokens.loadOrCreate(other);
        assertEquals(fresh, Files.readString(other.resolve(AdminTokens.FILE_NAME)).strip());
        assertEquals(fresh, AdminTokens.loadOrCreate(other), "token is stable across restarts");
    }

    /** Rules 4 and 5: create -> modificationNumber 0, PUT -> 1, cancel -> 2 with status cancelled. */
    @Test
    void eventLifeCycle() throws Exception {
        JsonNode program = call("POST", "/programs", "{\"name\":\"CPP\",\"marketContext\":\"http://MarketContext1\"}", 201);
        String pid = program.get("id").asText();
        assertEquals(1, call("GET", "/programs", null, 200).size());

        JsonNode created = call("POST", "/events", event(pid, ",\"priority\":1,\"responseRequired\":\"always\","
                + "\"randomizeStart\":\"PT5M\",\"rampUp\":\"PT10M\",\"recovery\":\"PT5M\",\"testEvent\":false"), 201);
        String id = created.get("id").asText();
        assertEquals(0, created.get("modificationNumber").asInt());
        assertEquals("far", created.get("status").asText());
        assertEquals("PT1H", created.get("duration").asText());
        assertEquals("http://MarketContext1", created.get("marketContext").asText());

        JsonNode got = call("GET", "/events/" + id, null, 200);
        assertEquals(0, got.get("modificationNumber").asInt());
        assertEquals(1, got.at("/signals/0/intervals/1/uid").asInt());

        JsonNode put = call("PUT", "/events/" + id, event(pid, ",\"priority\":2"), 200);
        assertEquals(1, put.get("modificationNumber").asInt());
        assertEquals(2, put.get("priority").asInt());

        JsonNode cancelled = call("POST", "/events/" + id + "/cancel", null, 200);
        assertEquals(2, cancelled.get("modificationNumber").asInt());
        assertEquals("cancelled", cancelled.get("status").asText());
        assertEquals("cancelled", call("GET", "/events/" + id, null, 200).get("status").asText());
        assertEquals(3, call("GET", "/events/" + id + "/history", null, 200).size());

        JsonNode conflict = call("PUT", "/events/" + id, event(pid, ""), 409);
        assertEquals("id", conflict.get("field").asText());
        call("POST", "/events/" + id + "/cancel", null, 409);
        call("GET", "/events/nope", null, 404);
        assertEquals(1, call("GET", "/events", null, 200).size());
    }

    /** Validation errors are 400 with a JSON body naming the field; nothing is stored. */
    @Test
    void validationNamesTheField() throws Exception {
        String pid = call("POST", "/programs", "{\"name\":\"P\",\"marketContext\":\"http://mc\"}", 201)
                .get("id").asText();
        assertEquals("name", call("POST", "/programs", "{\"name\":\"P\",\"marketContext\":\"http://mc\"}", 400)
                .get("field").asText());
        assertEquals("marketContext", call("POST", "/programs", "{\"name\":\"Q\"}", 400).get("field").asText());
        assertEquals("signals[0].intervals[1].value", call("POST", "/events",
                event(pid, "").replace("\"value\":2", "\"value\":7"), 400).get("field").asText());
        assertEquals("signals[0].intervals[0].duration", call("POST", "/events",
                event(pid, "").replace("\"duration\":\"PT30M\",\"value\":1", "\"duration\":\"soon\",\"value\":1"), 400)
                .get("field").asText());
        assertEquals("start", call("POST", "/events", event(pid, "").replace("2030-01-01T14:00:00Z", "tomorrow"),
                400).get("field").asText());
        assertEquals("targets", call("POST", "/events",
                event(pid, "").replace("\"venIds\":[\"ven1\"]", ""), 400).get("field").asText());
        assertEquals("programId", call("POST", "/events", event("nope", ""), 400).get("field").asText());
        assertEquals("priorty", call("POST", "/events", event(pid, ",\"priorty\":1"), 400).get("field").asText());
        assertEquals("body", call("POST", "/events", "{not json", 400).get("field").asText());
        assertEquals(0, call("GET", "/events", null, 200).size());
        // body size bounded
        String big = event(pid, ",\"vtnComment\":\"" + "x".repeat(5000) + "\"");
        assertEquals(413, call("POST", "/events", big, token).statusCode());
    }

    /** VEN endpoints: list, get, reregister and DELETE via the poll queue, opts, report requests, telemetry. */
    @Test
    void vensAndReports() throws Exception {
        core.registrations().register(RegistrationRequest.simple("fp1", "ven1", "Ven One"));
        core.pollQueue().next("ven1");
        assertEquals("ven1", call("GET", "/vens", null, 200).get(0).get("venId").asText());
        assertTrue(call("GET", "/vens/ven1", null, 200).get("active").asBoolean());
        call("GET", "/vens/ghost", null, 404);
        assertEquals(0, call("GET", "/vens/ven1/opts", null, 200).size());

        // Before the VEN's METADATA the request waits for it (it rides on the oadrRegisteredReport, R1_3060).
        JsonNode waiting = call("POST", "/vens/ven1/report-requests", "{\"reportName\":\"TELEMETRY_USAGE\"}", 201);
        assertEquals("pending", waiting.get("status").asText());
        assertEquals("", waiting.get("reportSpecifierId").asText());
        assertEquals("reportName", call("POST", "/vens/ven1/report-requests",
                "{\"reportName\":\"NO_SUCH_REPORT\"}", 400).get("field").asText());
        core.reports().registerCapabilities("ven1", List.of(new ReportCapability("ven1", "RS1",
                "METADATA_TELEMETRY_USAGE", "power", null, "usage", "Direct Read", "W", null, null)));
        JsonNode rr = call("POST", "/vens/ven1/report-requests", "{\"reportName\":\"TELEMETRY_USAGE\","
                + "\"granularity\":\"PT1M\",\"reportBackDuration\":\"PT5M\"}", 201);
        String rrId = rr.get("reportRequestId").asText();
        assertEquals("pending", rr.get("status").asText());
        core.reports().recordTelemetry("ven1", List.of(new TelemetryPoint("ven1", "power", rrId, T0, 12.5, null),
                new TelemetryPoint("ven1", "power", rrId, T0.plusSeconds(3600), 13.5, null)));
        JsonNode tel = call("GET", "/reports?venId=ven1&from=2030-01-01T12:00:00Z&to=2030-01-01T12:30:00Z", null, 200);
        assertEquals(1, tel.size());
        assertEquals(12.5, tel.get(0).get("value").asDouble());
        assertEquals("from", call("GET", "/reports?from=yesterday", null, 400).get("field").asText());

        call("POST", "/vens/ven1/reregister", null, 200);
        call("PUT", "/vens/ven1/membership", "{\"groupIds\":[\"north\"]}", 200);
        call("DELETE", "/vens/ven1", null, 200);
        assertEquals(List.of(PollItem.Kind.REGISTRATION_CANCELLED),
                core.pollQueue().pending("ven1").stream().map(PollItem::kind).toList());
        assertTrue(!call("GET", "/vens/ven1", null, 200).get("active").asBoolean());
        call("DELETE", "/vens/ven1", null, 404);
    }

    /**
     * IEEE 2030.5 RandomizableEvent.randomizeDuration (sep.xsd OneHourRangeType, -3600..3600 s; CSIP CORE-021): a
     * signed ISO-8601 duration or integer seconds; outside +-PT1H, fractional or malformed -> 400 naming the field.
     */
    @Test
    void randomizeDuration() throws Exception {
        String pid = call("POST", "/programs", "{\"name\":\"R\",\"marketContext\":\"http://mc-r\"}", 201)
                .get("id").asText();
        JsonNode created = call("POST", "/events", event(pid, ",\"randomizeDuration\":\"-PT5M\""), 201);
        assertEquals("PT-5M", created.get("randomizeDuration").asText());
        String id = created.get("id").asText();
        assertEquals("PT1H", call("PUT", "/events/" + id, event(pid, ",\"randomizeDuration\":3600"), 200)
                .get("randomizeDuration").asText());
        assertEquals("PT0S", call("PUT", "/events/" + id, event(pid, ""), 200).get("randomizeDuration").asText());
        for (String bad : List.of("3601", "-3601", "\"PT1H0.5S\"", "\"PT2H\"", "\"-PT61M\"", "\"soon\"", "1.5",
                "true")) {
            assertEquals("randomizeDuration", call("POST", "/events",
                    event(pid, ",\"randomizeDuration\":" + bad), 400).get("field").asText(), bad);
        }
        assertEquals(1, call("GET", "/events", null, 200).size());
        JsonNode doc = ok(200, call("GET", "/openapi.json", null, null));
        assertTrue(doc.at("/components/schemas/EventInput/properties").has("randomizeDuration"));
    }

    /** The OpenAPI document is served at /api/v1/openapi.json. */
    @Test
    void openApi() throws Exception {
        JsonNode doc = ok(200, call("GET", "/openapi.json", null, null));
        assertEquals("3.0.3", doc.get("openapi").asText());
        assertTrue(doc.get("paths").has("/events/{id}/cancel"));
    }
}
