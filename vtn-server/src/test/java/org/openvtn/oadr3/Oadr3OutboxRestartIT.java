package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * Durable webhook delivery (issue #20; 3.1 Definition "Webhooks", "Error handling and backing off"): a notification
 * whose subscriber fails stays in the outbox (V15) with its attempts counted, survives a stop of the VTN, and is
 * delivered by the next start on the same database once the subscriber answers.
 */
class Oadr3OutboxRestartIT {
    @TempDir
    Path data;

    private VtnServer start(List<X509Certificate> anchors) {
        TestPki pki = TestPki.shared();
        Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults().withTrustAnchors(anchors)
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(400), 1000).withPrivateCallbacks(true);
        return VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0).dataDir(data)
                .tls(pki.oadrServerConfig().build())
                .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).notifiers(notifiers).build())
                .build());
    }

    @Test
    void undeliveredNotificationSurvivesRestart() throws Exception {
        TestPki pki = TestPki.shared();
        List<X509Certificate> anchors = pki.oadrServerConfig().build().trustAnchors();
        try (WebhookReceiver receiver = new WebhookReceiver(pki.vtnEcc())) {
            VtnServer first = start(anchors);
            String secret;
            try {
                var services = first.oadr3().orElseThrow().services();
                secret = services.clients().create("bl", "BL").clientSecret();
                Oadr3TestClient bl = new Oadr3TestClient(Oadr3WebhookIT.trusting(anchors),
                        first.oadr3().orElseThrow().baseUri()).login("bl", secret);
                assertEquals(201, bl.post("/subscriptions", Oadr3WebhookIT.subscription("bl-sub",
                        receiver.url("/hook"), "secret-token", "\"PROGRAM\"", "\"CREATE\"")).status());
                receiver.mode(WebhookReceiver.Mode.FAIL);
                assertEquals(201, bl.post("/programs", "{\"programName\":\"survivor\"}").status());
                assertEquals(1, services.notifications().outbox().size(), "queued, not delivered");
            } finally {
                first.close();
            }
            assertEquals(0, receiver.pending());
            receiver.mode(WebhookReceiver.Mode.OK);
            VtnServer second = start(anchors);
            try {
                WebhookReceiver.Received r = receiver.next(30);
                assertNotNull(r, "delivered after the restart");
                assertEquals("survivor", r.body().get("object").get("programName").asText());
                assertEquals("Bearer secret-token", r.authorization());
                assertTrue(r.body().get("operation").asText().equals("CREATE"));
            } finally {
                second.close();
            }
        }
    }

    /**
     * Writes outside the 3.1 API (admin API, 2.0b tooling: the core services) queue their notifications in their own
     * transaction (3.1 Definition "Webhooks": delivery of committed changes): the outbox row exists when the write
     * returns, a rolled-back program creation queues nothing, and what was queued is delivered after a restart.
     */
    @Test
    void coreWritesAreQueuedInTheirTransaction() throws Exception {
        TestPki pki = TestPki.shared();
        List<X509Certificate> anchors = pki.oadrServerConfig().build().trustAnchors();
        try (WebhookReceiver receiver = new WebhookReceiver(pki.vtnEcc())) {
            VtnServer first = start(anchors);
            String programId;
            String eventId;
            try {
                var services = first.oadr3().orElseThrow().services();
                Oadr3TestClient bl = new Oadr3TestClient(Oadr3WebhookIT.trusting(anchors),
                        first.oadr3().orElseThrow().baseUri()).login("bl", services.clients().create("bl", "BL")
                        .clientSecret());
                assertEquals(201, bl.post("/subscriptions", Oadr3WebhookIT.subscription("core-sub",
                        receiver.url("/hook"), null, "\"PROGRAM\",\"EVENT\"", "\"CREATE\"")).status());
                receiver.mode(WebhookReceiver.Mode.FAIL);
                var core = first.core();
                programId = core.programs().create("admin-made", "http://admin.example/made").id();
                assertEquals(1, services.notifications().outbox().size(), "queued when the write returns");
                assertThrows(IllegalStateException.class, () -> core.store().inTransaction((Runnable) () -> {
                    core.programs().create("rolled-back", "http://admin.example/rolled-back");
                    throw new IllegalStateException("abort");
                }));
                assertEquals(1, services.notifications().outbox().size(), "a rolled-back write queues nothing");
                eventId = core.events().create(org.openvtn.core.EventSpec.builder().programId(programId)
                        .start(java.time.Instant.parse("2031-05-01T00:00:00Z"))
                        .targets(org.openvtn.core.Targets.everyone())
                        .signal("SIMPLE", "level", null, List.of(java.util.Map.entry(Duration.ofHours(1), 1.0)))
                        .build()).id();
                assertEquals(2, services.notifications().outbox().size(), "event queued when the write returns");
            } finally {
                first.close();
            }
            receiver.mode(WebhookReceiver.Mode.OK);
            VtnServer second = start(anchors);
            try {
                WebhookReceiver.Received p = receiver.next(30);
                assertNotNull(p, "program delivered after the restart");
                assertEquals("PROGRAM", p.body().get("objectType").asText());
                assertEquals(programId, p.body().get("object").get("id").asText());
                WebhookReceiver.Received e = receiver.next(30);
                assertNotNull(e, "event delivered after the restart");
                assertEquals("EVENT", e.body().get("objectType").asText());
                assertEquals(eventId, e.body().get("object").get("id").asText());
                assertEquals(0, receiver.pending(), "nothing of the rolled-back program");
            } finally {
                second.close();
            }
        }
    }
}
