package org.openvtn.oadr3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestMosquitto;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;

/**
 * The MQTT notifier end to end over real sockets (3.1 Definition "Notifications via Additional Protocols", "MQTT";
 * MQTT 3.1.1 §4.3.3 QoS 1): a real Mosquitto, a VtnServer whose {@code oadr3.mqtt} publishes to it, and an
 * {@link Oadr3VenClient} that subscribes to the topics the VTN names ({@code GET /notifiers},
 * {@code GET /notifiers/mqtt/topics/vens/{venID}/events}; nothing hard-coded). A BL-created event reaches the VEN's
 * listener through the broker; after a broker restart the VTN's sender and the VEN reconnect, and the notification of
 * an event the BL wrote (and the VTN acknowledged with 201) while the broker was down is published once it is back.
 * Second test: the broker requires TLS client certificates of the test PKI and a password file; the VTN's sender and
 * the VEN present both, a VEN without the password is refused.
 */
class Oadr3MqttEndToEndIT {
    @TempDir
    Path dir;

    @Test
    void blEventReachesTheVenThroughTheBrokerAcrossARestart() throws Exception {
        try (TestMosquitto broker = TestMosquitto.builder(dir).persistence(true).start();
             Oadr3VtnFixture vtn = new Oadr3VtnFixture("oadr3-mqtt-e2e", Clock.systemUTC(), Duration.ofHours(1),
                     Oadr3MqttConfig.of(broker.url()))) {
            Oadr3BlClient bl = Oadr3BlClient.connect(vtn.client("e2e-bl", "BL").build());
            String programId = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"mqtt-e2e\"}"))
                    .get("id").asText();
            RecordingOadr3Listener l = new RecordingOadr3Listener();
            // a persistent-session observer of events/create: QoS 1 messages queued for it survive the restart
            MqttClient observer = new MqttClient(broker.url(), "e2e-observer", new MemoryPersistence());
            BlockingQueue<String> observed = new LinkedBlockingQueue<>();
            MqttConnectOptions keep = new MqttConnectOptions();
            keep.setCleanSession(false);
            keep.setAutomaticReconnect(true);
            try (Oadr3VenClient ven = Oadr3VenClient.builder().config(vtn.client("e2e-ven", "VEN").build())
                    .venName("mqtt-e2e-ven").listener(l).pollInterval(Duration.ofHours(1)).build()) {
                ven.start();
                assertTrue(ven.mqttConnected(), () -> "MQTT not connected: " + l.errors);
                String eventsCreate = bl.mqttTopics("events").path("CREATE").asText();
                observer.setCallback(new Collector(observed));
                observer.connect(keep);
                observer.subscribe(eventsCreate, 1);

                String first = bl.events().create(Oadr3ClientIT.event(programId, "first", "[\"mqtt-e2e-ven\"]", 1))
                        .get("id").asText();
                l.await("notification EVENT CREATE " + first, 60);
                l.await("new " + first, 60);
                assertEquals(first, awaitId(observed));

                broker.stop();
                awaitTrue(() -> !ven.mqttConnected(), "the VEN notices the broker is gone");
                String during = bl.events().create(Oadr3ClientIT.event(programId, "during", "[\"mqtt-e2e-ven\"]", 2))
                        .get("id").asText();
                broker.restart();
                awaitTrue(() -> ven.mqttResubscriptions() >= 1, "the VEN reconnects and subscribes again");
                l.await("new " + during, 60); // by MQTT or by the full read after the reconnect
                assertEquals(during, awaitId(observed), "the VTN published what it acknowledged while the broker"
                        + " was down");

                String after = bl.events().create(Oadr3ClientIT.event(programId, "after", "[\"mqtt-e2e-ven\"]", 3))
                        .get("id").asText();
                l.await("notification EVENT CREATE " + after, 60);
                assertTrue(l.errors.isEmpty(), l.errors::toString);
            } finally {
                if (observer.isConnected()) {
                    observer.disconnect();
                }
                observer.close();
            }
        }
    }

    @Test
    void tlsClientCertificatesAndPasswordsOnBothSides() throws Exception {
        Oadr3VtnFixture probe = null;
        var pki = org.openvtn.certs.testing.TestPki.shared();
        var server = pki.files("vtn-ecc"); // names 127.0.0.1
        try (TestMosquitto broker = TestMosquitto.builder(dir)
                .tls(server.chain(), server.key(), pki.pki().caFile(), true)
                .user("openvtn", "vtn-broker-secret").user("ven-1", "ven-broker-secret").start()) {
            char[] pw = pki.password();
            Oadr3MqttConfig mqtt = new Oadr3MqttConfig(broker.url(), List.of(broker.bindingUri()), "openvtn-vtn",
                    "openvtn", "vtn-broker-secret", "", 1).withClientCertificate(pki.vtnEcc().toKeyStore(pw), pw);
            assertFalse(mqtt.toString().contains("vtn-broker-secret"));
            probe = new Oadr3VtnFixture("oadr3-mqtt-tls", Clock.systemUTC(), Duration.ofHours(1), mqtt);
            Oadr3BlClient bl = Oadr3BlClient.connect(probe.client("tls-bl", "BL").build());
            String programId = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"mqtt-tls\"}"))
                    .get("id").asText();
            Path secret = dir.resolve("ven-mqtt-password");
            Files.writeString(secret, "ven-broker-secret\n", StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
            RecordingOadr3Listener l = new RecordingOadr3Listener();
            Oadr3ClientConfig config = probe.client("ven-1", "VEN").keyStore(pki.venEcc().toKeyStore(pw), pw)
                    .mqttCredentials("ven-1", secret).build();
            assertFalse(config.toString().contains("ven-broker-secret"));
            try (Oadr3VenClient ven = Oadr3VenClient.builder().config(config).venName("tls-ven").listener(l)
                    .pollInterval(Duration.ofHours(1)).build()) {
                ven.start();
                assertTrue(ven.mqttConnected(), () -> "MQTT over TLS not connected: " + l.errors);
                String id = bl.events().create(Oadr3ClientIT.event(programId, "tls", "[\"tls-ven\"]", 1)).get("id")
                        .asText();
                l.await("notification EVENT CREATE " + id, 60);
            }
            // the same VEN without the broker password, and one without a client certificate: refused by the broker
            RecordingOadr3Listener refused = new RecordingOadr3Listener();
            try (Oadr3VenClient noPassword = Oadr3VenClient.builder().config(probe.client("ven-2", "VEN")
                    .keyStore(pki.venEcc().toKeyStore(pw), pw).build()).venName("tls-ven-2").listener(refused)
                    .pollInterval(Duration.ofHours(1)).build();
                 Oadr3VenClient noCertificate = Oadr3VenClient.builder().config(probe.client("ven-3", "VEN")
                    .mqttCredentials("ven-1", "ven-broker-secret".toCharArray()).build()).venName("tls-ven-3")
                    .listener(refused).pollInterval(Duration.ofHours(1)).build()) {
                noPassword.start();
                noCertificate.start();
                assertFalse(noPassword.mqttConnected());
                assertFalse(noCertificate.mqttConnected());
                for (int i = 0; i < 2; i++) { // each refusal is reported to the listener
                    Oadr3ClientException e = refused.errors.poll(30, TimeUnit.SECONDS);
                    assertNotNull(e, "the refusal is reported");
                    assertTrue(e.getMessage().contains("MQTT: broker " + broker.bindingUri()), e.getMessage());
                }
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
        }
    }

    private static String awaitId(BlockingQueue<String> messages) throws InterruptedException {
        String m = messages.poll(60, TimeUnit.SECONDS);
        assertNotNull(m, "no message on events/create within 60 s");
        return Oadr3BlClient.json(m).path("object").path("id").asText();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 90 s: " + what);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Collects message payloads of a Paho client. */
    record Collector(BlockingQueue<String> into) implements org.eclipse.paho.client.mqttv3.MqttCallback {
        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage message) {
            into.add(new String(message.getPayload(), StandardCharsets.UTF_8));
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
        }
    }
}
