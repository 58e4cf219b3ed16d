package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
                .withBackoff(Duration.ofMillis(200), Duration.ofMillis(400), 1000);
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
}
