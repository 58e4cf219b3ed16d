package org.openvtn.oadr3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.MutableClock;

/**
 * The 3.1 BL and VEN clients against a real VtnServer with its OpenADR 3.1 listener (TLS, tokens, schema-checked
 * answers): Definition "Authentication" (client-credentials token, discovered with GET /auth/server, fetched again
 * before expiry and after a 401), BL CRUD of programs/events and reading reports, the VEN's own VEN/resource/report
 * CRUD, "Object privacy" (a VEN sees only its own objects and the events targeted at it), "Response Filtering"
 * (skip/limit pages, programID filter, every page fetched), problem+json errors as typed exceptions, and the polling
 * fallback reporting new / modified / cancelled events to the listener.
 */
class Oadr3ClientIT {
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    static Oadr3VtnFixture vtn;
    static Oadr3BlClient bl;
    static String programId;

    @BeforeAll
    static void start() {
        vtn = new Oadr3VtnFixture("oadr3-client-it", CLOCK, Duration.ofMinutes(10));
        bl = Oadr3BlClient.connect(vtn.client("it-bl", "BL").build());
        programId = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"client-it\"}")).get("id").asText();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    static JsonNode event(String program, String name, String targets) {
        return event(program, name, targets, 0);
    }

    /** An event of two 30-minute intervals starting {@code hour} hours after 2030-01-02T10:00Z. */
    static JsonNode event(String program, String name, String targets, int hour) {
        return Oadr3BlClient.json("""
                {"programID":"%s","eventName":"%s","targets":%s,
                 "intervalPeriod":{"start":"%s","duration":"PT30M"},
                 "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[2]}]},
                              {"id":1,"payloads":[{"type":"SIMPLE","values":[1]}]}]}""".formatted(program, name,
                targets, Instant.parse("2030-01-02T10:00:00Z").plus(Duration.ofHours(hour))));
    }

    /** Authentication: the token is fetched before it expires (client clock) and again after a 401 (VTN clock ahead). */
    @Test
    void tokensAreRefreshedBeforeExpiryAndAfter401() {
        MutableClock clientClock = new MutableClock(CLOCK.instant());
        Oadr3BlClient c = Oadr3BlClient.connect(vtn.client("it-refresh", "BL").clock(clientClock).build());
        c.programs().search(Oadr3Query.all().limit(1));
        c.programs().search(Oadr3Query.all().limit(1));
        assertEquals(1, c.tokenFetches(), "one token for two calls");
        clientClock.advance(Duration.ofMinutes(9).plusSeconds(1)); // past lifetime (10 min) minus margin (60 s)
        c.programs().search(Oadr3Query.all().limit(1));
        assertEquals(2, c.tokenFetches(), "fetched again before expiry");
        CLOCK.advance(Duration.ofMinutes(30)); // the VTN now sees the token as expired; the client does not know
        try {
            assertEquals(programId, c.programs().get(programId).get("id").asText());
            assertEquals(3, c.tokenFetches(), "a 401 made the client fetch a new token and retry");
        } finally {
            clientClock.set(CLOCK.instant());
        }
    }

    /** Problem details (RFC 7807) become a typed exception: a VEN may not write programs (scope), a bad id is 404. */
    @Test
    void problemsAreTypedExceptions() {
        Oadr3BlClient asVen = Oadr3BlClient.connect(vtn.client("it-ven-problem", "VEN").build());
        Oadr3ClientException e = assertThrows(Oadr3ClientException.class,
                () -> asVen.programs().create(Oadr3BlClient.json("{\"programName\":\"nope\"}")));
        assertEquals(403, e.status());
        assertNotNull(e.title());
        assertEquals(404, assertThrows(Oadr3ClientException.class, () -> bl.events().get("no-such-event")).status());
        assertEquals(400, assertThrows(Oadr3ClientException.class,
                () -> bl.programs().create(Oadr3BlClient.json("{\"programName\":\"\"}"))).status());
        Oadr3ClientException bad = assertThrows(Oadr3ClientException.class, () -> Oadr3BlClient.connect(
                Oadr3ClientConfig.builder().baseUrl(vtn.baseUri()).clientId("it-bl").clientSecret("wrong")
                        .trustAnchorFile(vtn.pki.pki().caFile()).keyStore(vtn.pki.venEcc().toKeyStore(
                                vtn.pki.password()), vtn.pki.password()).build()).programs().search(Oadr3Query.all()));
        assertEquals(401, bad.status());
        assertEquals("invalid_client", bad.title());
    }

    /** BL CRUD of programs and events, VEN CRUD of its resources and reports, the BL reading the VEN's report. */
    @Test
    void crudThroughBothClients() throws Exception {
        JsonNode p = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"crud-it\"}"));
        JsonNode p2 = bl.programs().update(p.get("id").asText(), Oadr3BlClient.json("""
                {"programName":"crud-it","programLongName":"CRUD through the BL client"}"""));
        assertEquals("CRUD through the BL client",
                bl.programs().get(p.get("id").asText()).get("programLongName").asText());
        JsonNode e = bl.events().create(event(p2.get("id").asText(), "crud", "null"));
        String eventId = e.get("id").asText();
        assertEquals(2, Oadr3Event.of(bl.events().get(eventId)).intervals().size());

        RecordingOadr3Listener l = new RecordingOadr3Listener();
        try (Oadr3VenClient ven = Oadr3VenClient.builder().config(vtn.client("it-ven-crud", "VEN").build())
                .venName("ven-crud").listener(l).pollInterval(Duration.ofHours(1)).build()) {
            String venId = ven.start().get("id").asText();
            assertEquals(venId, ven.venId());
            JsonNode r = ven.createResource("meter-1");
            assertEquals(venId, r.get("venID").asText());
            JsonNode report = ven.reports().create(Oadr3BlClient.json("""
                    {"eventID":"%s","clientName":"ven-crud","resources":[{"resourceName":"meter-1",
                     "intervals":[{"id":0,"intervalPeriod":{"start":"2030-01-02T10:00:00Z","duration":"PT15M"},
                      "payloads":[{"type":"USAGE","values":[1.5]}]}]}]}""".formatted(eventId)));
            String reportId = report.get("id").asText();
            ven.reports().update(reportId, Oadr3BlClient.json("""
                    {"eventID":"%s","clientName":"ven-crud","reportName":"second","resources":[{"resourceName":"meter-1",
                     "intervals":[{"id":0,"payloads":[{"type":"USAGE","values":[2.5]}]}]}]}""".formatted(eventId)));
            JsonNode seen = bl.reports().get(reportId);
            assertEquals("second", seen.get("reportName").asText());
            assertTrue(bl.reports().searchAll(Oadr3Query.all().eventId(eventId)).stream()
                    .anyMatch(x -> x.get("id").asText().equals(reportId)));
            // the same venName after a restart finds the VEN instead of creating another
            try (Oadr3VenClient again = Oadr3VenClient.builder().config(vtn.client("it-ven-crud2", "VEN").build())
                    .venName("ven-crud-2").pollInterval(Duration.ofHours(1)).build()) {
                again.start();
            }
            assertEquals(venId, ven.vens().searchAll(Oadr3Query.all().venName("ven-crud")).get(0).get("id").asText());
            ven.resources().delete(r.get("id").asText());
            assertEquals(List.of(), ven.resources().searchAll(Oadr3Query.all()));
        }
        bl.events().delete(eventId);
        assertEquals(404, assertThrows(Oadr3ClientException.class, () -> bl.events().get(eventId)).status());
    }

    /** Object privacy: each VEN client sees its own VEN and the events targeted at it, nothing of the other VEN. */
    @Test
    void aVenSeesOnlyItsOwn() {
        try (Oadr3VenClient a = Oadr3VenClient.builder().config(vtn.client("it-priv-a", "VEN").build())
                .venName("priv-a").pollInterval(Duration.ofHours(1)).build();
             Oadr3VenClient b = Oadr3VenClient.builder().config(vtn.client("it-priv-b", "VEN").build())
                .venName("priv-b").pollInterval(Duration.ofHours(1)).build()) {
            a.start();
            b.start();
            String forA = bl.events().create(event(programId, "for-a", "[\"priv-a\"]")).get("id").asText();
            Set<String> aSees = ids(a.events().searchAll(Oadr3Query.all()));
            Set<String> bSees = ids(b.events().searchAll(Oadr3Query.all()));
            assertTrue(aSees.contains(forA));
            assertFalse(bSees.contains(forA));
            assertEquals(404, assertThrows(Oadr3ClientException.class, () -> b.events().get(forA)).status());
            assertEquals(Set.of(b.venId()), ids(b.vens().searchAll(Oadr3Query.all())));
            assertEquals(404, assertThrows(Oadr3ClientException.class, () -> b.vens().get(a.venId())).status());
            assertTrue(ids(bl.vens().searchAll(Oadr3Query.all())).containsAll(Set.of(a.venId(), b.venId())));
        }
    }

    /** Response Filtering: skip/limit pages, the programID filter, and searchAll walking more than one page of 50. */
    @Test
    void pagingAndFilters() {
        String pid = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"paging-it\"}")).get("id").asText();
        int n = Oadr3Collection.MAX_PAGE + 3;
        for (int i = 0; i < n; i++) {
            bl.events().create(event(pid, "page-" + i, "null", i));
        }
        Oadr3Query q = Oadr3Query.all().programId(pid);
        List<JsonNode> first = bl.events().search(q.limit(2));
        List<JsonNode> second = bl.events().search(q.skip(2).limit(2));
        assertEquals(1, bl.events().search(q.skip(n - 1).limit(5)).size());
        List<JsonNode> all = bl.events().searchAll(q);
        assertEquals(n, all.size());
        assertEquals(n, ids(all).size(), "no duplicates across pages");
        // the VTN's order is stable: the pages are consecutive slices of the whole list
        assertEquals(names(all.subList(0, 2)), names(first));
        assertEquals(names(all.subList(2, 4)), names(second));
        assertEquals(Set.of(), ids(first).stream().filter(ids(second)::contains).collect(Collectors.toSet()));
        assertTrue(all.stream().allMatch(x -> x.get("programID").asText().equals(pid)));
    }

    /** Polling fallback: a new event, a modification and a deletion reach the listener, off the caller's thread. */
    @Test
    void pollingFallbackReportsEventChanges() throws Exception {
        RecordingOadr3Listener l = new RecordingOadr3Listener();
        try (Oadr3VenClient ven = Oadr3VenClient.builder().config(vtn.client("it-poll", "VEN").build())
                .venName("poll-ven").listener(l).mqtt(false).pollInterval(Duration.ofMillis(200)).build()) {
            ven.start();
            String id = bl.events().create(event(programId, "polled", "[\"poll-ven\"]")).get("id").asText();
            assertEquals("new " + id, l.await("new " + id));
            bl.events().update(id, event(programId, "polled-2", "[\"poll-ven\"]"));
            assertEquals("modified " + id + " polled-2 was polled", l.await("modified " + id));
            bl.events().delete(id);
            assertEquals("cancelled " + id, l.await("cancelled " + id));
            assertTrue(l.threads.stream().allMatch(t -> t.startsWith("openvtn-oadr3-callback-")), l.threads::toString);
        }
    }

    /**
     * Definition "Webhooks": the VEN's receiver answers the VTN's {@code GET ?echo=} challenge with the value as the
     * body, refuses a notification without the subscription's bearer token (401), and a notification posted over real
     * HTTPS reaches the listener after the VEN re-read the event with its own token: CREATE -> onEvent, DELETE ->
     * onEventCancelled; a notification naming another VEN's event does not (object privacy holds for notifications).
     */
    @Test
    void webhookReceiverAnswersTheEchoAndDispatchesNotifications() throws Exception {
        RecordingOadr3Listener l = new RecordingOadr3Listener();
        char[] pw = vtn.pki.password();
        try (Oadr3VenClient ven = Oadr3VenClient.builder().config(vtn.client("it-hook", "VEN").build())
                .venName("hook-ven").listener(l).mqtt(false).pollInterval(Duration.ofHours(1))
                .webhook("127.0.0.1", 0, null, vtn.pki.vtnEcc().toKeyStore(pw), pw).build()) {
            ven.start();
            JsonNode op = ven.subscriptions().searchAll(Oadr3Query.all()).stream()
                    .filter(s -> s.path("clientName").asText().equals("hook-ven")).findFirst().orElseThrow()
                    .path("objectOperations").get(0);
            String url = op.path("callbackUrl").asText();
            String bearer = op.path("bearerToken").asText();
            assertEquals("https://127.0.0.1:" + ven.webhookPort() + "/openadr3/notifications", url);
            java.net.http.HttpClient https = java.net.http.HttpClient.newBuilder().sslContext(
                    Oadr3Tls.clientContext(org.openvtn.certs.pki.PemFiles.readCertificates(vtn.pki.pki().caFile()),
                            null, null)).build();
            var echo = https.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "?echo=c4a1-z9"))
                    .GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, echo.statusCode());
            assertEquals("c4a1-z9", echo.body());
            assertEquals(400, https.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode());

            JsonNode mine = bl.events().create(event(programId, "hooked", "[\"hook-ven\"]", 3));
            JsonNode other = bl.events().create(event(programId, "not-mine", "[\"someone-else\"]", 4));
            String notification = "{\"objectType\":\"EVENT\",\"operation\":\"%s\",\"object\":%s}";
            assertEquals(401, post(https, url, null, notification.formatted("CREATE", mine)));
            assertEquals(200, post(https, url, bearer, notification.formatted("CREATE", other)));
            assertEquals(200, post(https, url, bearer, notification.formatted("CREATE", mine)));
            String id = mine.get("id").asText();
            assertEquals("new " + id, l.await("new " + id));
            assertEquals(200, post(https, url, bearer, notification.formatted("DELETE", mine)));
            assertEquals("cancelled " + id, l.await("cancelled " + id));
            assertTrue(l.all.contains("notification EVENT CREATE " + other.get("id").asText()), l.all::toString);
            assertFalse(l.all.contains("new " + other.get("id").asText()), l.all::toString);
            assertEquals(400, post(https, url, bearer, "{\"not\":\"a notification\"}"));
        }
    }

    static int post(java.net.http.HttpClient https, String url, String bearer, String body) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return https.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static Set<String> ids(List<JsonNode> list) {
        return list.stream().map(x -> x.get("id").asText()).collect(Collectors.toSet());
    }

    static List<String> names(List<JsonNode> list) {
        return list.stream().map(x -> x.get("eventName").asText()).toList();
    }
}
