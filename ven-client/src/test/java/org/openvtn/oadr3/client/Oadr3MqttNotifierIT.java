package org.openvtn.oadr3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MQTT notifier binding (Definition, "Notifications via Additional Protocols"): the client's subscription to the
 * topics a VTN names receives 3.1 {@code notification} messages published by another client (Paho, as a VTN would
 * publish) on a real Mosquitto broker started for this class (temporary config, random high port, retried when in
 * use); a message that is not a notification is reported, not dispatched; the binding's broker URIs
 * ({@code mqtt://}, {@code mqtts://}) map to Paho's. Skipped with a reason when {@code /usr/sbin/mosquitto} is absent.
 */
class Oadr3MqttNotifierIT {
    static final Path MOSQUITTO = Path.of("/usr/sbin/mosquitto");
    static Process broker;
    static int port;
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        assumeTrue(Files.isExecutable(MOSQUITTO), "mosquitto not installed at " + MOSQUITTO + ": MQTT test skipped");
        dir = Files.createTempDirectory("oadr3-mosquitto");
        SecureRandom random = new SecureRandom();
        for (int attempt = 0; attempt < 10 && broker == null; attempt++) {
            int p = 20_000 + random.nextInt(40_000);
            Path conf = dir.resolve("mosquitto.conf");
            Files.writeString(conf, "listener " + p + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                    + "log_dest stderr\nlog_type all\n"); // stderr: unbuffered, so "running" is seen at once
            Process proc = new ProcessBuilder(MOSQUITTO.toString(), "-c", conf.toString()).redirectErrorStream(true)
                    .start();
            if (awaitRunning(proc)) {
                broker = proc;
                port = p;
            } else {
                proc.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        assertNotNull(broker, "mosquitto did not start on any of 10 random ports");
    }

    /** Reads the broker's log until it is listening (true) or it exits, e.g. on "Address already in use" (false). */
    static boolean awaitRunning(Process proc) throws IOException {
        BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = r.readLine()) != null) {
            if (line.contains("running")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (r.readLine() != null) {
                            // keep the pipe empty
                        }
                    } catch (IOException e) {
                        // broker stopped
                    }
                }, "mosquitto-log");
                drain.setDaemon(true);
                drain.start();
                return true;
            }
        }
        return false;
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.destroy();
            broker.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void notificationsPublishedOnTheNamedTopicsAreDispatched() throws Exception {
        BlockingQueue<WebhookReceiver.Notification> got = new LinkedBlockingQueue<>();
        BlockingQueue<String> malformed = new LinkedBlockingQueue<>();
        try (MqttNotifier n = new MqttNotifier("mqtt://127.0.0.1:" + port, "ven-under-test", null, null, null,
                List.of("vens/v1/events/+"), got::add, malformed::add, () -> { });
             Publisher vtn = new Publisher()) {
            assertTrue(n.connected());
            vtn.publish("vens/v1/events/create", """
                    {"objectType":"EVENT","operation":"CREATE","object":{"id":"e-1","programID":"p-1"}}""");
            vtn.publish("events/create", """
                    {"objectType":"EVENT","operation":"CREATE","object":{"id":"not-subscribed"}}""");
            vtn.publish("vens/v1/events/update", "not json");
            vtn.publish("vens/v1/events/delete", """
                    {"objectType":"EVENT","operation":"DELETE","object":{"id":"e-1"}}""");
            WebhookReceiver.Notification first = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(first, "no notification within 10 s");
            assertEquals("CREATE", first.operation());
            assertEquals("e-1", first.object().get("id").asText());
            assertEquals("vens/v1/events/update", malformed.poll(10, TimeUnit.SECONDS));
            WebhookReceiver.Notification second = got.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals("DELETE", second.operation()); // the unsubscribed topic's message never arrived in between
        }
    }

    @Test
    void brokerUrisOfTheBindingMapToPaho() {
        assertEquals("tcp://broker.example:1883", MqttNotifier.pahoUri("mqtt://broker.example"));
        assertEquals("ssl://broker.example:8883", MqttNotifier.pahoUri("mqtts://broker.example"));
        assertEquals("ssl://10.0.0.1:9999", MqttNotifier.pahoUri("mqtts://10.0.0.1:9999"));
        assertEquals(0, assertThrows(Oadr3ClientException.class, () -> MqttNotifier.pahoUri("ws://x:1")).status());
    }

    /** Publishes as the VTN's MQTT notifier would: QoS 1, JSON payload. */
    static final class Publisher implements AutoCloseable {
        final MqttClient client;

        Publisher() throws Exception {
            client = new MqttClient("tcp://127.0.0.1:" + port, "vtn-publisher", new MemoryPersistence());
            client.connect();
        }

        void publish(String topic, String json) throws Exception {
            MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
            m.setQos(1);
            client.publish(topic, m);
        }

        @Override
        public void close() throws Exception {
            client.disconnect();
            client.close();
        }
    }
}
