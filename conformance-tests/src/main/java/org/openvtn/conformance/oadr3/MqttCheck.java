package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_A;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.CaseNotApplicable;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.target.TargetTls;

/**
 * The MQTT notifier binding of 3.1 (Definition "Notifications via Additional Protocols"). Every case is
 * NOT_APPLICABLE when {@code GET /notifiers} offers no MQTT binding. Otherwise the binding is judged by its schema,
 * the suite connects to the first broker URI ({@code mqtt://} plain, {@code mqtts://} TLS trusting the target's CA;
 * ANONYMOUS, or OAUTH2_BEARER_TOKEN with the asking client's token as password), subscribes to the CREATE topic the
 * VTN names and must receive the notification of an object it then creates, with the payload the Definition gives:
 * a {@code notification} whose {@code object} is what a REST GET answers ("the same as what is returned when the
 * message is obtained via an OpenADR 3 REST GET request").
 */
final class MqttCheck {
    static final String CLAUSE = "3.1 Definition \"Notifications via Additional Protocols\"";

    private MqttCheck() {
    }

    static List<ConformanceCase> cases() {
        return List.of(
                Oadr3Case.must("OADR3-MQTT-01", "When GET /notifiers offers MQTT: topics are served and an event's"
                                + " CREATE is published on its topic as a notification equal to the REST object",
                        CLAUSE + "; openadr3.yaml mqttNotifierBindingObject, notifierTopicsResponse, notification",
                        MqttCheck::events),
                Oadr3Case.must("OADR3-MQTT-02", "A VEN's own topics (GET /notifiers/mqtt/topics/vens/{venID}/events)"
                                + " carry the events targeted at it, not another VEN's",
                        CLAUSE + " (vens/{venID}/events topics); \"Object Privacy\"", MqttCheck::venEvents),
                Oadr3Case.must("OADR3-MQTT-03", "Program topics (GET /notifiers/mqtt/topics/programs): a program's"
                                + " CREATE is published as a PROGRAM notification",
                        CLAUSE + " (example: programs/create, programs/update, programs/delete, programs/+)",
                        MqttCheck::programs));
    }

    /** OADR3-MQTT-01: {@code events} topics, BL client. */
    static void events(Oadr3Api api) throws Exception {
        JsonNode mqtt = binding(api);
        String topic = createTopic(api, BL, "events");
        List<JsonNode> got = receive(api, BL, mqtt, topic, () -> created(api, "/events",
                Oadr3Fixture.event(id(api.fixture().program()), List.of(api.fixture().targetA()))));
        payload(api, topic, got.get(got.size() - 1), "EVENT", "/events/");
    }

    /** OADR3-MQTT-02: the per-VEN event topic of VEN A; an event only for VEN B is published first. */
    static void venEvents(Oadr3Api api) throws Exception {
        JsonNode mqtt = binding(api);
        String topicA = createTopic(api, VEN_A, "vens/" + id(api.fixture().venA()) + "/events");
        String topicB = createTopic(api, BL, "vens/" + id(api.fixture().venB()) + "/events");
        api.ctx().check(!topicA.equals(topicB), () -> RuleViolation.must("oadr3.mqtt.topics", topicA,
                "VEN A's and VEN B's event topics are the same: a VEN would receive another VEN's events"));
        String pid = id(api.fixture().program());
        String[] forB = new String[1];
        List<JsonNode> got = receive(api, VEN_A, mqtt, topicA, () -> {
            forB[0] = created(api, "/events", Oadr3Fixture.event(pid, List.of(api.fixture().targetB())));
            return created(api, "/events", Oadr3Fixture.event(pid, List.of(api.fixture().targetA())));
        });
        // the VTN publishes in order, so B's event would have arrived before A's
        for (JsonNode n : got) {
            api.ctx().check(!forB[0].equals(n.path("object").path("id").asText()), () -> RuleViolation.must(
                    "oadr3.mqtt.privacy", topicA, "VEN A's topic carried event " + forB[0] + ", targeted only at"
                            + " VEN B"));
        }
        payload(api, topicA, got.get(got.size() - 1), "EVENT", "/events/");
    }

    /** OADR3-MQTT-03: {@code programs} topics. */
    static void programs(Oadr3Api api) throws Exception {
        JsonNode mqtt = binding(api);
        String topic = createTopic(api, BL, "programs");
        List<JsonNode> got = receive(api, BL, mqtt, topic, () -> created(api, "/programs",
                Oadr3Fixture.program(api.harness().unique("mqtt-program"))));
        payload(api, topic, got.get(got.size() - 1), "PROGRAM", "/programs/");
    }

    private static JsonNode binding(Oadr3Api api) {
        Oadr3Answer n = api.get(BL, "/notifiers");
        JsonNode mqtt = n.status() == 200 && n.json() != null ? n.json().get("MQTT") : null;
        if (mqtt == null || mqtt.isNull()) {
            throw new CaseNotApplicable("GET /notifiers (HTTP " + n.status() + ") offers no MQTT binding");
        }
        List<String> errors = api.harness().schemas().errors("mqttNotifierBindingObject", mqtt);
        api.ctx().check(errors.isEmpty(), () -> RuleViolation.must("oadr3.schema", n.where() + " /MQTT",
                "not a valid mqttNotifierBindingObject: " + errors));
        if (!mqtt.path("URIS").isArray() || mqtt.path("URIS").isEmpty()) {
            throw api.ctx().fail("oadr3.mqtt.topics", n.where(), "the MQTT binding names no broker URI");
        }
        return mqtt;
    }

    private static String createTopic(Oadr3Api api, Oadr3Role role, String objects) {
        String path = "/notifiers/mqtt/topics/" + objects;
        Oadr3Answer t = api.require(api.get(role, path), "oadr3.mqtt.topics", "GET " + path, 200);
        api.schema(t, "notifierTopicsResponse");
        String topic = t.json().path("topics").path("CREATE").asText(null);
        if (topic == null) {
            throw api.ctx().fail("oadr3.mqtt.topics", t.where(), "no CREATE topic");
        }
        return topic;
    }

    private static String created(Oadr3Api api, String path, Object body) {
        return api.require(api.post(BL, path, body), "oadr3.crud", "POST " + path, 201).id();
    }

    /** Something that creates an object and returns its id. */
    interface Action {
        String run() throws Exception;
    }

    /**
     * Subscribes to {@code topic} as {@code role}, runs {@code action} and collects the messages until one names the
     * object it created (that one last); fails when none does within the patience.
     */
    private static List<JsonNode> receive(Oadr3Api api, Oadr3Role role, JsonNode mqtt, String topic, Action action)
            throws Exception {
        String uri = mqtt.path("URIS").get(0).asText();
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setConnectionTimeout((int) Math.max(1, api.ctx().patience().toSeconds()));
        if (uri.startsWith("mqtts:") || uri.startsWith("ssl:")) {
            options.setSocketFactory(TargetTls.anonymousContext(api.harness().target().caCertificate(),
                    TlsProfile.OPENADR_20B).getSocketFactory());
        }
        String method = mqtt.path("authentication").path("method").asText("ANONYMOUS");
        switch (method) {
            case "ANONYMOUS" -> { }
            case "OAUTH2_BEARER_TOKEN" -> {
                options.setUserName(mqtt.path("authentication").path("username").asText("{clientID}"));
                options.setPassword(api.harness().token(role, api).toCharArray());
            }
            default -> api.ctx().skip("MQTT authentication method " + method + " is not supported by the suite");
        }
        String broker = uri.replaceFirst("^mqtts:", "ssl:").replaceFirst("^mqtt:", "tcp:");
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        MqttClient client = new MqttClient(broker, api.harness().unique("mqtt"), new MemoryPersistence());
        try {
            client.connect(options);
            client.subscribe(topic, 1, (tp, m) -> messages.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            api.ctx().note("subscribed to '" + topic + "' at " + uri + " as " + role);
            String id = action.run();
            long deadline = System.nanoTime() + api.ctx().patience().multipliedBy(3).toNanos();
            List<JsonNode> got = new ArrayList<>();
            while (true) {
                String m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    throw api.ctx().fail("oadr3.mqtt.delivery", topic, "no notification naming " + id + " within "
                            + api.ctx().patience().multipliedBy(3) + " (" + got.size() + " other messages)");
                }
                api.ctx().record(new Exchange("MQTT " + topic, "target->suite", "PUBLISH", uri + "/" + topic,
                        Instant.now(), m, Instant.now(), 0, "", null, null));
                JsonNode n = Oadr3Api.parse(m);
                if (n == null) {
                    api.ctx().check(false, () -> RuleViolation.must("oadr3.mqtt.payload", topic,
                            "not JSON: " + Oadr3Api.abbreviate(m)));
                    continue;
                }
                got.add(n);
                if (id.equals(n.path("object").path("id").asText())) {
                    return got;
                }
            }
        } catch (MqttException ex) {
            throw api.ctx().fail("oadr3.mqtt.broker", uri, "cannot use the offered broker: " + ex);
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }

    /** The notification is schema-valid, a CREATE of {@code type}, and its object is what GET answers. */
    private static void payload(Oadr3Api api, String topic, JsonNode n, String type, String getPath) {
        List<String> bad = api.harness().schemas().notificationErrors(n);
        api.ctx().check(bad.isEmpty(), () -> RuleViolation.must("oadr3.schema", topic, "not a valid notification: "
                + bad));
        api.ctx().check("CREATE".equals(n.path("operation").asText()) && type.equals(n.path("objectType").asText()),
                () -> RuleViolation.must("oadr3.mqtt.payload", topic, "expected objectType " + type
                        + " and operation CREATE, got " + n.path("objectType") + " / " + n.path("operation")));
        String id = n.path("object").path("id").asText();
        Oadr3Answer g = api.get(BL, getPath + id);
        if (api.status(g, "oadr3.crud", "GET " + getPath + "{id}", 200)) {
            api.ctx().check(g.json() != null && g.json().equals(n.path("object")), () -> RuleViolation.must(
                    "oadr3.mqtt.payload", topic, "the notification's object differs from GET " + getPath + id
                            + ": " + Oadr3Api.abbreviate(n.path("object").toString())));
        }
    }
}
