package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * 3.1 webhook notifiers over real TLS (3.1 Definition "Subscriptions", "Webhooks"): the echo challenge on
 * subscription create and update (an answer without the echo value, or an http callback, is refused with 400),
 * notifications POSTed with the subscription's bearerToken in the {@code notification} shape, object privacy of a
 * VEN client's subscription (Definition "Object privacy"), per-subscriber isolation (a subscriber that never
 * answers does not delay another), deleteProgram. The test clients present no certificate: without
 * {@code mutualTls} the listener asks for none (docs/openadr-3.md), and it refuses the 2.0b-only
 * TLS_RSA_WITH_AES_128_CBC_SHA256 suite.
 */
class Oadr3WebhookIT {
    static VtnServer server;
    static Oadr3TestClient anon;
    static Oadr3TestClient bl;
    static Oadr3TestClient venA;
    static WebhookReceiver healthy;
    static WebhookReceiver dead;
    static SSLContext trustOnly;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.shared();
        List<X509Certificate> anchors = pki.oadrServerConfig().build().trustAnchors();
        // the dead subscriber hangs: a 60 s timeout shows that nobody else waits for it
        Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults().withTrustAnchors(anchors)
                .withTimeout(Duration.ofSeconds(60)).withPrivateCallbacks(true);
        server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .tls(pki.oadrServerConfig().build()).inMemory("oadr3-webhook-it")
                .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).notifiers(notifiers).build())
                .build());
        trustOnly = trusting(anchors);
        anon = new Oadr3TestClient(trustOnly, server.oadr3().orElseThrow().baseUri());
        var clients = server.oadr3().orElseThrow().services().clients();
        bl = anon.login("bl", clients.create("bl", "BL").clientSecret());
        venA = anon.login("ven-a", clients.create("ven-a", "VEN").clientSecret());
        Oadr3TestClient venB = anon.login("ven-b", clients.create("ven-b", "VEN").clientSecret());
        assertEquals(201, venA.post("/vens", "{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\"ven-a\"}").status());
        assertEquals(201, venB.post("/vens", "{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\"ven-b\"}").status());
        healthy = new WebhookReceiver(pki.vtnEcc());
        dead = new WebhookReceiver(pki.vtnEcc());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (healthy != null) {
            healthy.close();
        }
        if (dead != null) {
            dead.close();
        }
    }

    static SSLContext trusting(List<X509Certificate> anchors) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        for (int i = 0; i < anchors.size(); i++) {
            ks.setCertificateEntry("a" + i, anchors.get(i));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    static String subscription(String name, String url, String token, String objects, String operations) {
        return """
                {"clientName":"%s","objectOperations":[{"callbackUrl":"%s","bearerToken":%s,
                 "objects":[%s],"operations":[%s]}]}""".formatted(name, url,
                token == null ? "null" : "\"" + token + "\"", objects, operations);
    }

    static String event(String programId, String name, String targets, String day) {
        return """
                {"programID":"%s","eventName":"%s","targets":%s,
                 "intervalPeriod":{"start":"%sT00:00:00Z","duration":"PT1H"},
                 "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[1]}]}]}"""
                .formatted(programId, name, targets, day);
    }

    /** Definition "Webhooks": the VTN MUST NOT allow creation when the echo check fails; HTTPS is required. */
    @Test
    void echoChallengeGuardsCreateAndUpdate() throws Exception {
        try (WebhookReceiver liar = new WebhookReceiver(TestPki.shared().vtnEcc())) {
            liar.mode(WebhookReceiver.Mode.WRONG_ECHO);
            var a = bl.post("/subscriptions", subscription("liar", liar.url("/x"), null, "\"PROGRAM\"", "\"CREATE\""));
            assertEquals(400, a.status(), String.valueOf(a.body()));
            assertEquals("application/problem+json", a.contentType());
            assertTrue(a.body().get("detail").asText().contains("echo"), a.body().toString());
            assertEquals(1, liar.echoes);
            var http = bl.post("/subscriptions", subscription("plain", "http://127.0.0.1:9/x", null, "\"PROGRAM\"",
                    "\"CREATE\""));
            assertEquals(400, http.status());
            assertTrue(http.body().get("detail").asText().contains("https"), http.body().toString());
            liar.mode(WebhookReceiver.Mode.OK);
            var ok = bl.post("/subscriptions", subscription("honest", liar.url("/x"), null, "\"PROGRAM\"",
                    "\"CREATE\""));
            assertEquals(201, ok.status(), String.valueOf(ok.body()));
            liar.mode(WebhookReceiver.Mode.WRONG_ECHO);
            var upd = bl.put("/subscriptions/" + ok.body().get("id").asText(), subscription("honest",
                    liar.url("/y"), null, "\"PROGRAM\"", "\"CREATE\""));
            assertEquals(400, upd.status());
            assertEquals(200, bl.delete("/subscriptions/" + ok.body().get("id").asText()).status());
        }
    }

    /**
     * Definition "Subscriptions" and "Object privacy": the notification carries objectType, operation and the object,
     * with the subscription's bearerToken; a VEN client's subscription is not told of an event targeted at another
     * VEN; a subscriber that never answers does not delay another one (per-subscriber lanes).
     */
    @Test
    void notificationsAreDeliveredPrivatelyAndIndependently() throws Exception {
        dead.mode(WebhookReceiver.Mode.OK);
        assertEquals(201, bl.post("/subscriptions", subscription("dead", dead.url("/dead"), null, "\"EVENT\"",
                "\"CREATE\"")).status());
        dead.mode(WebhookReceiver.Mode.HANG);
        assertEquals(201, venA.post("/subscriptions", subscription("ven-a-sub", healthy.url("/a"), "tok-a",
                "\"EVENT\",\"PROGRAM\"", "\"CREATE\",\"DELETE\"")).status());
        var program = bl.post("/programs", "{\"programName\":\"hooks-program\"}");
        assertEquals(201, program.status());
        String programId = program.body().get("id").asText();
        WebhookReceiver.Received p = healthy.next(20);
        assertNotNull(p, "program CREATE notification");
        assertEquals("Bearer tok-a", p.authorization());
        assertEquals("PROGRAM", p.body().get("objectType").asText());
        assertEquals("CREATE", p.body().get("operation").asText());
        assertEquals(programId, p.body().get("object").get("id").asText());

        assertEquals(201, bl.post("/events", event(programId, "for-b", "[\"ven-b\"]", "2031-01-01")).status());
        var forAll = bl.post("/events", event(programId, "for-all", "null", "2031-01-02"));
        assertEquals(201, forAll.status());
        WebhookReceiver.Received e = healthy.next(20);
        assertNotNull(e, "event CREATE notification while another subscriber hangs");
        assertEquals("EVENT", e.body().get("objectType").asText());
        assertEquals("for-all", e.body().get("object").get("eventName").asText(),
                "the event targeted at ven-b is not notified to ven-a's subscription");
        assertEquals(forAll.body().get("id").asText(), e.body().get("object").get("id").asText());

        // deleteProgram: a program with events is a 409; one without is deleted and notified
        assertEquals(409, bl.delete("/programs/" + programId).status());
        var lone = bl.post("/programs", "{\"programName\":\"lone-program\"}");
        assertEquals("CREATE", healthy.next(20).body().get("operation").asText());
        String loneId = lone.body().get("id").asText();
        var deleted = bl.delete("/programs/" + loneId);
        assertEquals(200, deleted.status());
        assertEquals("lone-program", deleted.body().get("programName").asText());
        assertEquals(404, bl.get("/programs/" + loneId).status());
        WebhookReceiver.Received d = healthy.next(20);
        assertEquals("DELETE", d.body().get("operation").asText());
        assertEquals(loneId, d.body().get("object").get("id").asText());

        // one model: an event written outside the 3.1 API (admin API, 2.0b tooling: the core) is notified too,
        // once; a 3.1 write is notified once, not again by the core's change listener
        var core = server.core().events().create(org.openvtn.core.EventSpec.builder().programId(programId)
                .start(java.time.Instant.parse("2031-03-01T00:00:00Z")).targets(org.openvtn.core.Targets.everyone())
                .signal("SIMPLE", "level", null, List.of(java.util.Map.entry(Duration.ofHours(1), 1.0))).build());
        WebhookReceiver.Received c = healthy.next(20);
        assertNotNull(c, "core event CREATE notification");
        assertEquals("CREATE", c.body().get("operation").asText());
        assertEquals(core.id(), c.body().get("object").get("id").asText());
        server.core().events().cancel(core.id());
        WebhookReceiver.Received x = healthy.next(20);
        assertEquals("DELETE", x.body().get("operation").asText());
        assertEquals(core.id(), x.body().get("object").get("id").asText());
        // a program created outside the 3.1 API (the admin API's POST /api/v1/programs is this core call) too
        var adminProgram = server.core().programs().create("admin-program", "http://admin.example/program");
        WebhookReceiver.Received ap = healthy.next(20);
        assertNotNull(ap, "admin program CREATE notification");
        assertEquals("PROGRAM", ap.body().get("objectType").asText());
        assertEquals("CREATE", ap.body().get("operation").asText());
        assertEquals(adminProgram.id(), ap.body().get("object").get("id").asText());
        assertEquals("admin-program", ap.body().get("object").get("programName").asText());
        assertEquals(0, healthy.pending(), "no duplicate of the 3.1 writes");
    }

    /**
     * searchSubscriptions {@code objects} (openadr3.yaml: array of objectTypes, form style, exploded): keeps the
     * subscriptions with an objectOperations entry listing one of the types; a value outside the enum is 400.
     */
    @Test
    void searchSubscriptionsByObjects() throws Exception {
        try (WebhookReceiver r = new WebhookReceiver(TestPki.shared().vtnEcc())) {
            String reports = bl.post("/subscriptions", subscription("obj-reports", r.url("/r"), null,
                    "\"REPORT\",\"RESOURCE\"", "\"CREATE\"")).body().get("id").asText();
            String vens = bl.post("/subscriptions", subscription("obj-vens", r.url("/v"), null, "\"VEN\"",
                    "\"UPDATE\"")).body().get("id").asText();
            var one = bl.get("/subscriptions?objects=RESOURCE&clientName=obj-reports");
            assertEquals(200, one.status());
            assertEquals(1, one.body().size(), one.body().toString());
            assertEquals(reports, one.body().get(0).get("id").asText());
            assertEquals(0, bl.get("/subscriptions?objects=RESOURCE&clientName=obj-vens").body().size());
            var both = bl.get("/subscriptions?objects=VEN&objects=REPORT");
            List<String> ids = new java.util.ArrayList<>();
            both.body().forEach(n -> ids.add(n.get("id").asText()));
            assertTrue(ids.contains(reports) && ids.contains(vens), ids.toString());
            both.body().forEach(n -> assertTrue(n.toString().contains("\"VEN\"")
                    || n.toString().contains("\"REPORT\""), n.toString()));
            var bad = bl.get("/subscriptions?objects=BOGUS");
            assertEquals(400, bad.status());
            assertEquals("application/problem+json", bad.contentType());
            assertEquals(200, bl.delete("/subscriptions/" + reports).status());
            assertEquals(200, bl.delete("/subscriptions/" + vens).status());
        }
    }

    /** GET /notifiers without an MQTT notifier: WEBHOOK only; the topic operations answer 404. */
    @Test
    void notifiersWithoutMqtt() {
        var n = venA.get("/notifiers");
        assertEquals(200, n.status());
        assertTrue(n.body().get("WEBHOOK").asBoolean());
        assertTrue(n.body().get("MQTT") == null);
        assertEquals(404, venA.get("/notifiers/mqtt/topics/programs").status());
    }

    /** A stored object longer than its column (32000 characters) is a 413 problem, not a 500. */
    @Test
    void oversizedObjectIs413() {
        String big = "x".repeat(33000);
        var a = bl.post("/programs", "{\"programName\":\"big\",\"programLongName\":\"" + big + "\"}");
        assertEquals(413, a.status(), String.valueOf(a.body()));
        assertEquals("application/problem+json", a.contentType());
        assertEquals(200, bl.get("/programs?limit=50").status());
    }

    /** The 3.1 listener needs no client certificate (mutualTls off) and offers no 2.0b-only TLS_RSA suite. */
    @Test
    void tlsProfile() throws Exception {
        var uri = java.net.URI.create(server.oadr3().orElseThrow().baseUri());
        try (SSLSocket s = (SSLSocket) trustOnly.getSocketFactory().createSocket("127.0.0.1", uri.getPort())) {
            s.startHandshake();
            assertTrue(s.getSession().getCipherSuite().contains("GCM")
                    || s.getSession().getCipherSuite().contains("CHACHA20"), s.getSession().getCipherSuite());
        }
        try (SSLSocket s = (SSLSocket) trustOnly.getSocketFactory().createSocket("127.0.0.1", uri.getPort())) {
            s.setEnabledProtocols(new String[] {"TLSv1.2"});
            s.setEnabledCipherSuites(new String[] {"TLS_RSA_WITH_AES_128_CBC_SHA256"});
            assertThrows(SSLHandshakeException.class, s::startHandshake);
        }
    }
}
