package org.openvtn.oadr3.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openvtn.certs.testing.TestMosquitto;

/**
 * The MQTT notifier binding (Definition, "Notifications via Additional Protocols"): the client's subscription to the
 * topics a VTN names receives 3.1 {@code notification} messages published by another client (Paho, as a VTN would
 * publish) on a real Mosquitto broker started for this class (temporary config, random high port, retried when in
 * use, TestMosquitto); a message that is not a notification is reported, not dispatched; the binding's broker URIs
 * ({@code mqtt://}, {@code mqtts://}) map to Paho's. Skipped with a reason when {@code /usr/sbin/mosquitto} is absent.
 */
class Oadr3MqttNotifierIT {
    static TestMosquitto broker;
    static int port;
    static Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        dir = Files.createTempDirectory("oadr3-mosquitto");
        broker = TestMosquitto.start(dir);
        port = broker.port();
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
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
