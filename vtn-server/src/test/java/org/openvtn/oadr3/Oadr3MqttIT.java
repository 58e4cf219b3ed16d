package org.openvtn.oadr3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.testing.TestMosquitto;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.notify.Oadr3MqttConfig;
import org.openvtn.oadr3.notify.Oadr3NotifierConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * The 3.1 MQTT notifier against a real Eclipse Mosquitto (3.1 Definition "Notifications via Additional Protocols",
 * "MQTT"): {@code GET /notifiers} lists MQTT with the broker URIs, {@code GET /notifiers/mqtt/topics/...} answers
 * the topic names (a VEN client may ask for its own VEN's topics, not for all VENs'), and a Paho subscriber on those
 * topics receives the {@code notification} JSON of program and event writes, including the per-VEN event topic of
 * the VEN an event targets.
 */
class Oadr3MqttIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Message(String topic, JsonNode body) {
    }

    @Test
    void publishesToTheAdvertisedTopics() throws Exception {
        try (TestMosquitto broker = TestMosquitto.start(dir)) {
            TestPki pki = TestPki.shared();
            List<X509Certificate> anchors = pki.oadrServerConfig().build().trustAnchors();
            Oadr3NotifierConfig notifiers = Oadr3NotifierConfig.defaults().withTrustAnchors(anchors)
                    .withMqtt(new Oadr3MqttConfig(broker.url(), List.of("mqtts://broker.example:8883"), "vtn-it",
                            null, null, "", 1));
            VtnServer server = VtnServer.start(VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                    .tls(pki.oadrServerConfig().build()).inMemory("oadr3-mqtt-it")
                    .oadr3(Oadr3Config.builder().tls(pki.oadrServerConfig().build()).port(0).notifiers(notifiers)
                            .build()).build());
            MqttClient sub = new MqttClient(broker.url(), "it-subscriber", new MemoryPersistence());
            try {
                var clients = server.oadr3().orElseThrow().services().clients();
                Oadr3TestClient anon = new Oadr3TestClient(Oadr3WebhookIT.trusting(anchors),
                        server.oadr3().orElseThrow().baseUri());
                Oadr3TestClient bl = anon.login("bl", clients.create("bl", "BL").clientSecret());
                Oadr3TestClient ven = anon.login("ven", clients.create("ven", "VEN").clientSecret());

                var n = ven.get("/notifiers");
                assertEquals(200, n.status());
                assertTrue(n.body().get("WEBHOOK").asBoolean());
                assertEquals("mqtts://broker.example:8883", n.body().get("MQTT").get("URIS").get(0).asText());
                assertEquals("JSON", n.body().get("MQTT").get("serialization").asText());
                assertEquals("ANONYMOUS", n.body().get("MQTT").get("authentication").get("method").asText());
                JsonNode programTopics = ven.get("/notifiers/mqtt/topics/programs").body().get("topics");
                assertEquals("programs/create", programTopics.get("CREATE").asText());
                assertEquals("programs/+", programTopics.get("ALL").asText());
                assertEquals(403, ven.get("/notifiers/mqtt/topics/vens").status());
                assertEquals(200, bl.get("/notifiers/mqtt/topics/vens").status());

                String venId = ven.post("/vens", "{\"objectType\":\"VEN_VEN_REQUEST\",\"venName\":\"mqtt-ven\"}")
                        .body().get("id").asText();
                var venEvents = ven.get("/notifiers/mqtt/topics/vens/" + venId + "/events");
                assertEquals(200, venEvents.status());
                String venEventCreate = venEvents.body().get("topics").get("CREATE").asText();
                assertEquals("vens/" + venId + "/events/create", venEventCreate);
                String other = bl.post("/vens", "{\"objectType\":\"BL_VEN_REQUEST\",\"venName\":\"other\","
                        + "\"clientID\":\"someone-else\"}").body().get("id").asText();
                assertEquals(404, ven.get("/notifiers/mqtt/topics/vens/" + other + "/events").status());

                BlockingQueue<Message> got = new LinkedBlockingQueue<>();
                MqttConnectOptions o = new MqttConnectOptions();
                o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                sub.connect(o);
                sub.subscribe(new String[] {programTopics.get("ALL").asText(), venEventCreate},
                        new int[] {1, 1}, new org.eclipse.paho.client.mqttv3.IMqttMessageListener[] {
                            (t, m) -> got.add(new Message(t, JSON.readTree(new String(m.getPayload(),
                                    StandardCharsets.UTF_8)))),
                            (t, m) -> got.add(new Message(t, JSON.readTree(new String(m.getPayload(),
                                    StandardCharsets.UTF_8))))});

                String programId = bl.post("/programs", "{\"programName\":\"mqtt-program\"}").body().get("id")
                        .asText();
                Message m = got.poll(20, TimeUnit.SECONDS);
                assertNotNull(m, "programs/create published");
                assertEquals("programs/create", m.topic());
                assertEquals("PROGRAM", m.body().get("objectType").asText());
                assertEquals("CREATE", m.body().get("operation").asText());
                assertEquals(programId, m.body().get("object").get("id").asText());

                String eventId = bl.post("/events", Oadr3WebhookIT.event(programId, "for-mqtt-ven",
                        "[\"mqtt-ven\"]", "2031-02-01")).body().get("id").asText();
                Message e = got.poll(20, TimeUnit.SECONDS);
                assertNotNull(e, "vens/{venID}/events/create published");
                assertEquals(venEventCreate, e.topic());
                assertEquals(eventId, e.body().get("object").get("id").asText());
            } finally {
                if (sub.isConnected()) {
                    sub.disconnect();
                }
                sub.close();
                server.close();
            }
        }
    }
}
