package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.http.Oadr3Schemas;
import org.openvtn.oadr3.service.Oadr3Clients;
import org.openvtn.oadr3.service.Oadr3Tokens;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * The OpenADR 3.1 REST VTN over real TLS with a real HTTP client (java.net.http), every answer checked against the
 * published openadr3.yaml: the client-credentials token endpoint and its authError codes (RFC 6749 §5.2), bearer
 * tokens (expired / forged -> 401, missing scope -> 403), BL CRUD of programs and events, object privacy between
 * two VEN clients (3.1 Definition, "Object privacy"), skip/limit pagination and the targets / programID filters, and
 * a malformed body -> 400 problem+json.
 */
class Oadr3ApiIT {
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    static final MutableClock CLOCK = new MutableClock(T0);
    static final String ADMIN_TOKEN = "admin-token-for-oadr3-it-0123456789";
    static VtnServer server;
    static Oadr3TestClient anon;
    static Oadr3TestClient bl;
    static Oadr3TestClient venA;
    static Oadr3TestClient venB;
    static Oadr3Schemas schemas;
    static String programId;
    static String venAId;

    @BeforeAll
    static void start() {
        TestPki pki = TestPki.shared();
        server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).clock(CLOCK)
                .tls(pki.oadrServerConfig().build()).inMemory("oadr3-api-it")
                .admin(AdminConfig.builder().port(0).token(ADMIN_TOKEN).build())
                .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).build()).build());
        SSLContext ssl = TlsFactory.of(pki.oadrClientConfig(pki.venEcc()).build()).clientSslContext();
        anon = new Oadr3TestClient(ssl, server.oadr3().orElseThrow().baseUri());
        bl = anon.login("bl-1", adminCreate("bl-1", "BL"));
        venA = anon.login("ven-client-a", adminCreate("ven-client-a", "VEN"));
        venB = anon.login("ven-client-b", adminCreate("ven-client-b", "VEN"));
        schemas = Oadr3Schemas.load();
        venAId = created(venA.post("/vens", """
                {"objectType":"VEN_VEN_REQUEST","venName":"ven-a"}"""), "objectMetadata").get("id").asText();
        created(venB.post("/vens", """
                {"objectType":"VEN_VEN_REQUEST","venName":"ven-b"}"""), "objectMetadata");
        created(venA.post("/resources", """
                {"objectType":"VEN_RESOURCE_REQUEST","resourceName":"meter-a","venID":"%s"}""".formatted(venAId)),
                "objectMetadata");
        programId = created(bl.post("/programs", """
                {"programName":"api-it-program","programDescriptions":[{"URL":"https://utility.example/p"}]}"""),
                "program").get("id").asText();
    }

    /** Creates a 3.1 client through the admin API (POST /api/v1/oadr3/clients) and returns its secret. */
    static String adminCreate(String clientId, String role) {
        HttpResponse<String> r = admin("POST", "/oadr3/clients", """
                {"clientId":"%s","role":"%s"}""".formatted(clientId, role));
        assertEquals(201, r.statusCode(), r.body());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("clientSecret").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HttpResponse<String> admin(String method, String path, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.adminBaseUri().orElseThrow()
                    + path)).header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Admin API: clients are listed without secrets, a duplicate is 409, a deleted client gets no token, and the token it
     * got before is refused at once (revocation honoured, not only at expiry).
     */
    @Test
    void clientsAreManagedThroughTheAdminApi() {
        String secret = adminCreate("short-lived-client", "VEN");
        String issuedBefore = anon.token("short-lived-client", secret);
        assertEquals(200, anon.as(issuedBefore).get("/programs").status());
        assertEquals(409, admin("POST", "/oadr3/clients", """
                {"clientId":"short-lived-client","role":"VEN"}""").statusCode());
        assertEquals(400, admin("POST", "/oadr3/clients", """
                {"clientId":"x","role":"ROOT"}""").statusCode());
        String list = admin("GET", "/oadr3/clients", null).body();
        assertTrue(list.contains("short-lived-client") && !list.contains(secret), list);
        assertEquals(200, admin("DELETE", "/oadr3/clients/short-lived-client", null).statusCode());
        assertEquals(401, anon.tokenRequest("grant_type=client_credentials&client_id=short-lived-client&client_secret="
                + secret, null).status());
        assertProblem(401, anon.as(issuedBefore).get("/programs"));
        adminCreate("short-lived-client", "BL"); // same id again with another role: the old VEN token stays refused
        assertProblem(401, anon.as(issuedBefore).get("/programs"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode created(Oadr3TestClient.Answer a, String schema) {
        assertEquals(201, a.status(), () -> String.valueOf(a.body()));
        assertEquals(List.of(), schemas.errors(schema, a.body()));
        return a.body();
    }

    static String event(String start, String targets) {
        return """
                {"programID":"%s","eventName":"e","targets":%s,"intervalPeriod":{"start":"%s","duration":"PT30M"},
                 "intervals":[{"id":7,"payloads":[{"type":"SIMPLE","values":[2]}]},
                              {"id":9,"payloads":[{"type":"SIMPLE","values":[1]}]}]}""".formatted(programId, targets, start);
    }

    static List<String> ids(Oadr3TestClient.Answer a) {
        assertEquals(200, a.status(), () -> String.valueOf(a.body()));
        List<String> ids = new ArrayList<>();
        a.body().forEach(o -> ids.add(o.get("id").asText()));
        return ids;
    }

    static void assertProblem(int status, Oadr3TestClient.Answer a) {
        assertEquals(status, a.status(), () -> String.valueOf(a.body()));
        assertEquals("application/problem+json", a.contentType());
        assertEquals(List.of(), schemas.errors("problem", a.body()));
        assertEquals(status, a.body().get("status").asInt());
    }

    /** openadr3.yaml getAuthServerInfo and fetchToken: Basic or form credentials; authError codes. */
    @Test
    void tokenEndpointAndDiscovery() {
        JsonNode info = anon.get("/auth/server").body();
        assertEquals(List.of(), schemas.errors("authServerInfo", info));
        assertTrue(info.get("tokenURL").asText().endsWith("/openadr3/3.1.0/auth/token"));
        Oadr3Clients.Created c = server.oadr3().orElseThrow().services().clients().create("basic-client", "VEN");
        String basic = Base64.getEncoder().encodeToString((c.clientId() + ":" + c.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        Oadr3TestClient.Answer ok = anon.tokenRequest("grant_type=client_credentials", basic);
        assertEquals(200, ok.status());
        assertEquals(List.of(), schemas.errors("clientCredentialResponse", ok.body()));
        assertEquals("Bearer", ok.body().get("token_type").asText());
        assertTrue(ok.body().get("scope").asText().contains("write_reports"));
        Oadr3TestClient.Answer wrong = anon.tokenRequest("grant_type=client_credentials&client_id=basic-client"
                + "&client_secret=nope", null);
        assertEquals(401, wrong.status());
        assertEquals("invalid_client", wrong.body().get("error").asText());
        assertEquals("unsupported_grant_type", anon.tokenRequest("grant_type=password&client_id=a&client_secret=b",
                null).body().get("error").asText());
        assertEquals("invalid_request", anon.tokenRequest("grant_type=client_credentials", null).body()
                .get("error").asText());
    }

    /** No token, a forged token (another key), an expired token -> 401; a VEN writing events -> 403. */
    @Test
    void tokensAreCheckedAndScopesEnforced() {
        assertProblem(401, anon.get("/programs"));
        String[] parts = currentToken().split("\\.");
        String zeroSignature = parts[0] + "." + parts[1] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(new byte[64]);
        assertProblem(401, anon.as(zeroSignature).get("/programs"));
        String otherKey = Oadr3Tokens.open(null, CLOCK, Duration.ofHours(1)).issue("bl-1", "BL").accessToken();
        assertProblem(401, anon.as(otherKey).get("/programs"));
        assertProblem(403, venA.post("/events", event("2030-01-02T00:00:00Z", "null")));
        assertProblem(403, venA.post("/programs", """
                {"programName":"not-mine"}"""));
        String shortLived = currentToken();
        CLOCK.advance(Duration.ofHours(2));
        try {
            assertProblem(401, anon.as(shortLived).get("/programs"));
        } finally {
            CLOCK.set(T0);
        }
    }

    private static String currentToken() {
        Oadr3Clients.Created c = server.oadr3().orElseThrow().services().clients()
                .create("tmp-" + System.nanoTime(), "BL");
        return anon.token(c.clientId(), c.clientSecret());
    }

    /** BL CRUD of an event; the 3.1 body (interval ids, eventName) is served back; DELETE then 404. */
    @Test
    void blEventCrud() {
        JsonNode e = created(bl.post("/events", event("2030-01-03T00:00:00Z", "null")), "event");
        String id = e.get("id").asText();
        assertEquals(9, e.get("intervals").get(1).get("id").asInt());
        JsonNode got = bl.get("/events/" + id).body();
        assertEquals(List.of(), schemas.errors("event", got));
        Oadr3TestClient.Answer put = bl.put("/events/" + id, event("2030-01-03T01:00:00Z", "null"));
        assertEquals(200, put.status(), () -> String.valueOf(put.body()));
        assertEquals("2030-01-03T01:00:00Z", put.body().get("intervalPeriod").get("start").asText());
        assertEquals(200, bl.delete("/events/" + id).status());
        assertProblem(404, bl.get("/events/" + id));
    }

    /** A malformed body (not JSON; JSON failing the eventRequest schema) -> 400 problem+json. */
    @Test
    void malformedBodiesAre400() {
        assertProblem(400, bl.post("/events", "{not json"));
        Oadr3TestClient.Answer bad = bl.post("/events", """
                {"programID":"has spaces","intervals":"none"}""");
        assertProblem(400, bad);
        assertTrue(bad.body().get("detail").asText().contains("eventRequest"), bad.body().toString());
        assertProblem(400, bl.get("/events?limit=51"));
    }

    /** Object privacy: each VEN client sees its own VEN, resources, reports and the events targeted at it. */
    @Test
    void twoVensSeeOnlyTheirOwn() {
        String forA = created(bl.post("/events", event("2030-01-04T00:00:00Z", "[\"ven-a\"]")), "event")
                .get("id").asText();
        String forMeterA = created(bl.post("/events", event("2030-01-04T02:00:00Z", "[\"meter-a\"]")), "event")
                .get("id").asText();
        String forB = created(bl.post("/events", event("2030-01-04T04:00:00Z", "[\"ven-b\"]")), "event")
                .get("id").asText();
        List<String> seenByA = ids(venA.get("/events"));
        assertTrue(seenByA.containsAll(List.of(forA, forMeterA)), seenByA.toString());
        assertFalse(seenByA.contains(forB));
        assertFalse(ids(venB.get("/events")).contains(forA));
        assertProblem(404, venB.get("/events/" + forA));
        assertEquals(List.of(venAId), ids(venA.get("/vens")));
        assertProblem(404, venB.get("/vens/" + venAId));
        assertProblem(404, venB.put("/vens/" + venAId, """
                {"objectType":"VEN_VEN_REQUEST","venName":"stolen"}"""));
        assertEquals(0, venB.get("/resources").body().size());
        String report = created(venA.post("/reports", """
                {"eventID":"%s","clientName":"ven-a","resources":[{"resourceName":"meter-a",
                 "intervals":[{"id":0,"payloads":[{"type":"USAGE","values":[1.5]}]}]}]}""".formatted(forA)),
                "report").get("id").asText();
        assertProblem(404, venB.get("/reports/" + report));
        assertEquals(List.of(report), ids(bl.get("/reports?eventID=" + forA)));
        assertTrue(ids(bl.get("/vens")).contains(venAId), "a BL client reads every VEN");
    }

    /** skip/limit pagination and the programID / targets filters of searchAllEvents. */
    @Test
    void paginationAndFilters() {
        JsonNode other = created(bl.post("/programs", """
                {"programName":"filter-program"}"""), "program");
        String p2 = other.get("id").asText();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(created(bl.post("/events", """
                    {"programID":"%s","targets":["group-x"],"intervalPeriod":{"start":"2030-02-0%dT00:00:00Z",
                     "duration":"PT1H"},"intervals":[{"id":0,"payloads":[{"type":"PRICE","values":[0.2]}]}]}"""
                    .formatted(p2, i + 1)), "event").get("id").asText());
        }
        List<String> all = ids(bl.get("/events?programID=" + p2));
        assertEquals(new java.util.HashSet<>(mine), new java.util.HashSet<>(all));
        assertEquals(all.subList(1, 3), ids(bl.get("/events?programID=" + p2 + "&skip=1&limit=5")));
        assertEquals(all.subList(0, 1), ids(bl.get("/events?programID=" + p2 + "&limit=1")));
        assertEquals(List.of(), ids(bl.get("/events?programID=" + p2 + "&skip=3")));
        assertEquals(all, ids(bl.get("/events?targets=group-x")));
        assertEquals(List.of(), ids(bl.get("/events?programID=" + p2 + "&targets=group-y")));
        assertTrue(ids(bl.get("/programs?limit=1")).size() == 1);
        // active=true leaves out events that have transpired (the clock is at 2030-01-01T00:00Z)
        String past = created(bl.post("/events", """
                {"programID":"%s","intervalPeriod":{"start":"2029-12-31T00:00:00Z","duration":"PT1H"},
                 "intervals":[{"id":0,"payloads":[{"type":"PRICE","values":[0.1]}]}]}""".formatted(p2)), "event")
                .get("id").asText();
        assertTrue(ids(bl.get("/events?programID=" + p2)).contains(past));
        // a targets filter keeps only objects that carry one of its targets: the untargeted event is left out
        assertFalse(ids(bl.get("/events?targets=group-x")).contains(past));
        assertEquals(all, ids(bl.get("/events?programID=" + p2 + "&targets=group-x")));
        assertEquals(all, ids(bl.get("/events?programID=" + p2 + "&active=true")));
        assertProblem(400, bl.get("/events?active=maybe"));
    }
}
