package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.oadr20b.AdminVtnFixture.Reply;
import org.openvtn.server.VtnServer;

/**
 * R1_3050 (OpenADR 2.0b 8.3 EiReport, VTN-initiated oadrCancelReport) driven by the operator: {@code POST
 * /api/v1/vens/{venId}/report-requests/{id}/cancel} over real HTTP, the cancellation reaching a scripted VEN over
 * mutual TLS through its poll, the final report after {@code reportToFollow} accepted (rule 345) and data for a request
 * cancelled without it refused 452; 404 for an unknown or foreign request, 409 for a second cancel, 400 for a bad
 * body; the endpoint is in the served OpenAPI document.
 */
class AdminReportCancelIT {
    private static final ObjectMapper JSON = AdminVtnFixture.JSON;
    private static AdminVtnFixture vtn;
    private static VtnServer server;
    private static HttpClient HTTP;

    @BeforeAll
    static void start() {
        vtn = new AdminVtnFixture("report-cancel", "report-cancel-it-token-0123456789");
        server = vtn.server();
        HTTP = vtn.http();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static Reply admin(String method, String path, String body) throws Exception {
        return vtn.admin(method, path, body);
    }

    private static ScriptedVen registeredVenWithMetadata() {
        ScriptedVen ven = vtn.registeredVen("cancel-ven-");
        ven.poll(); // the initial oadrDistributeEvent
        OadrRegisteredReportType r = assertInstanceOf(OadrRegisteredReportType.class,
                ven.post("EiReport", OadrXml.registerReport(ven.venId, true)).message());
        assertEquals("200", r.getEiResponse().getResponseCode());
        return ven;
    }

    private static String requestTelemetry(String venId) throws Exception {
        Reply r = admin("POST", "/vens/" + venId + "/report-requests",
                "{\"reportName\":\"TELEMETRY_USAGE\",\"granularity\":\"PT1M\",\"reportBackDuration\":\"PT1M\"}");
        assertEquals(201, r.status(), r.body().toString());
        return r.body().get("reportRequestId").asText();
    }

    private static String code(ScriptedVen.Reply r) {
        assertEquals(200, r.status());
        return ScriptedVen.code(r);
    }

    /** R1_3050, rule 345: two requests cancelled by the operator, with and without reportToFollow. */
    @Test
    void r1_3050_operatorCancelReachesTheVenByPoll() throws Exception {
        ScriptedVen ven = registeredVenWithMetadata();
        String follow = requestTelemetry(ven.venId);
        String drop = requestTelemetry(ven.venId);
        List<String> created = new ArrayList<>();
        created.add(ven.pollFor(OadrCreateReportType.class).getOadrReportRequest().get(0).getReportRequestID());
        created.add(ven.pollFor(OadrCreateReportType.class).getOadrReportRequest().get(0).getReportRequestID());
        assertEquals(List.of(follow, drop), created);
        assertEquals("200", code(ven.post("EiReport", OadrXml.createdReport(ven.venId, follow, drop))));

        Reply c1 = admin("POST", "/vens/" + ven.venId + "/report-requests/" + follow + "/cancel",
                "{\"reportToFollow\":true}");
        assertEquals(200, c1.status(), c1.body().toString());
        assertEquals("cancelled", c1.body().get("status").asText());
        assertTrue(c1.body().get("reportToFollow").asBoolean());
        Reply c2 = admin("POST", "/vens/" + ven.venId + "/report-requests/" + drop + "/cancel", null);
        assertEquals(200, c2.status(), c2.body().toString());
        assertFalse(c2.body().get("reportToFollow").asBoolean(), "reportToFollow defaults to false");

        OadrCancelReportType m1 = ven.pollFor(OadrCancelReportType.class);
        assertEquals(List.of(follow), m1.getReportRequestID());
        assertTrue(m1.isReportToFollow());
        assertEquals(ven.venId, m1.getVenID());
        OadrCancelReportType m2 = ven.pollFor(OadrCancelReportType.class);
        assertEquals(List.of(drop), m2.getReportRequestID());
        assertFalse(m2.isReportToFollow());
        assertInstanceOf(OadrResponseType.class, ven.poll(), "each cancel is delivered once");
        assertEquals("200", code(ven.post("EiReport", OadrXml.canceledReport(ven.venId))));

        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, follow, "spec-usage",
                "TELEMETRY_USAGE", "power-1"))), "the final report after reportToFollow (rule 345)");
        assertEquals("452", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, drop, "spec-usage",
                "TELEMETRY_USAGE", "power-1"))), "data for a request cancelled without reportToFollow");
        Reply rows = admin("GET", "/reports?venId=" + ven.venId, null);
        assertEquals(200, rows.status());
        assertEquals(2, rows.body().size(), rows.body().toString());
        rows.body().forEach(r -> assertEquals(follow, r.get("reportRequestId").asText()));

        Reply again = admin("POST", "/vens/" + ven.venId + "/report-requests/" + follow + "/cancel", null);
        assertEquals(409, again.status(), again.body().toString());
        assertEquals("reportRequestId", again.body().get("field").asText());
        assertInstanceOf(OadrResponseType.class, ven.poll(), "a refused cancel queues nothing");
    }

    /** 404 for unknown or foreign IDs, 400 naming the field for a bad body; nothing is cancelled. */
    @Test
    void refusedCancels() throws Exception {
        ScriptedVen ven = registeredVenWithMetadata();
        ScriptedVen other = registeredVenWithMetadata();
        String id = requestTelemetry(ven.venId);

        assertEquals(404, admin("POST", "/vens/" + ven.venId + "/report-requests/no-such-request/cancel", null)
                .status());
        assertEquals(404, admin("POST", "/vens/" + other.venId + "/report-requests/" + id + "/cancel", null).status(),
                "another VEN's request");
        assertEquals(404, admin("POST", "/vens/no-such-ven/report-requests/" + id + "/cancel", null).status());
        Reply badType = admin("POST", "/vens/" + ven.venId + "/report-requests/" + id + "/cancel",
                "{\"reportToFollow\":\"yes\"}");
        assertEquals(400, badType.status());
        assertEquals("reportToFollow", badType.body().get("field").asText());
        Reply unknownField = admin("POST", "/vens/" + ven.venId + "/report-requests/" + id + "/cancel",
                "{\"reportToFolow\":true}");
        assertEquals(400, unknownField.status(), unknownField.body().toString());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(server.adminBaseUri().orElseThrow() + "/vens/"
                + ven.venId + "/report-requests/" + id + "/cancel")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());

        Reply list = admin("GET", "/vens/" + ven.venId + "/report-requests", null);
        assertEquals("pending", list.body().get(0).get("status").asText(), "nothing was cancelled");
        assertInstanceOf(OadrCreateReportType.class, ven.poll());
        assertInstanceOf(OadrResponseType.class, ven.poll());
    }

    /** The served OpenAPI document describes the endpoint. */
    @Test
    void openApiDocumentsTheEndpoint() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.adminBaseUri().orElseThrow()
                + "/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode op = JSON.readTree(r.body()).path("paths").path("/vens/{venId}/report-requests/{reportRequestId}/cancel")
                .path("post");
        assertFalse(op.isMissingNode(), "path missing from openapi.json");
        assertTrue(op.path("responses").has("404") && op.path("responses").has("409"));
        assertTrue(op.path("requestBody").path("content").path("application/json").path("schema").path("properties")
                .has("reportToFollow"));
    }
}
