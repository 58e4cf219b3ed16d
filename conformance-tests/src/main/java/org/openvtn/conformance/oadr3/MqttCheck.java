package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.target.TargetTls;

/**
 * OADR3-MQTT-01: the MQTT notifier binding of 3.1 ("Notifications via Additional Protocols"). NOT_APPLICABLE when
 * {@code GET /notifiers} offers no MQTT binding. Otherwise: the binding and {@code GET /notifiers/mqtt/topics/events}
 * are valid, the suite connects to the first broker URI ({@code mqtt://} plain, {@code mqtts://} TLS trusting the
 * target's CA; ANONYMOUS, or OAUTH2_BEARER_TOKEN with the BL token as password), subscribes to the CREATE topic and
 * must receive the notification of an event the BL client creates.
 */
final class MqttCheck {
    private MqttCheck() {
    }

    static void run(Oadr3Api api) throws Exception {
        Oadr3Answer n = api.get(BL, "/notifiers");
        JsonNode mqtt = n.status() == 200 && n.json() != null ? n.json().get("MQTT") : null;
        if (mqtt == null || mqtt.isNull()) {
            throw new CaseNotApplicable("GET /notifiers (HTTP " + n.status() + ") offers no MQTT binding");
        }
        List<String> errors = api.harness().schemas().errors("mqttNotifierBindingObject", mqtt);
        api.ctx().check(errors.isEmpty(), () -> RuleViolation.must("oadr3.schema", n.where() + " /MQTT",
                "not a valid mqttNotifierBindingObject: " + errors));
        Oadr3Answer t = api.get(BL, "/notifiers/mqtt/topics/events");
        api.require(t, "oadr3.mqtt.topics", "GET /notifiers/mqtt/topics/events", 200);
        api.schema(t, "notifierTopicsResponse");
        String topic = t.json().path("topics").path("CREATE").asText(null);
        if (topic == null || !mqtt.path("URIS").isArray() || mqtt.path("URIS").isEmpty()) {
            api.ctx().fail("oadr3.mqtt.topics", t.where(), "no CREATE topic or no broker URI to subscribe to");
        }
        String uri = mqtt.path("URIS").get(0).asText();
        String method = mqtt.path("authentication").path("method").asText("ANONYMOUS");
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout((int) Math.max(1, api.ctx().patience().toSeconds()));
        if (uri.startsWith("mqtts:") || uri.startsWith("ssl:")) {
            options.setSocketFactory(TargetTls.anonymousContext(api.harness().target().caCertificate(),
                    TlsProfile.OPENADR_20B).getSocketFactory());
        }
        switch (method) {
            case "ANONYMOUS" -> { }
            case "OAUTH2_BEARER_TOKEN" -> {
                options.setUserName(mqtt.path("authentication").path("username").asText("{clientID}"));
                options.setPassword(api.harness().token(BL, api).toCharArray());
            }
            default -> api.ctx().skip("MQTT authentication method " + method + " is not supported by the suite");
        }
        String broker = uri.replaceFirst("^mqtts:", "ssl:").replaceFirst("^mqtt:", "tcp:");
        BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        MqttClient client = new MqttClient(broker, api.harness().unique("mqtt"), new MemoryPersistence());
        try {
            client.connect(options);
            client.subscribe(topic, 1, (tp, m) -> messages.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
            api.ctx().note("subscribed to '" + topic + "' at " + uri);
            Oadr3Answer e = api.require(api.post(BL, "/events", Oadr3Fixture.event(id(api.fixture().program()),
                    List.of(api.fixture().targetA()))), "oadr3.crud", "createEvent", 201);
            long deadline = System.nanoTime() + api.ctx().patience().toNanos();
            String found = null;
            while (found == null) {
                String m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (m == null) {
                    break;
                }
                api.ctx().record(new Exchange("MQTT " + topic, "target->suite", "PUBLISH", uri + "/" + topic,
                        Instant.now(), m, Instant.now(), 0, "", null, null));
                if (NotifierCases.matches(m, "CREATE", e.id())) {
                    found = m;
                }
            }
            if (found == null) {
                api.ctx().fail("oadr3.mqtt.delivery", topic, "no CREATE notification for event " + e.id()
                        + " within " + api.ctx().patience());
            }
            List<String> bad = api.harness().schemas().notificationErrors(Oadr3Api.parse(found));
            api.ctx().check(bad.isEmpty(), () -> RuleViolation.must("oadr3.schema", topic, "not a valid notification: "
                    + bad));
        } catch (MqttException ex) {
            api.ctx().fail("oadr3.mqtt.broker", uri, "cannot use the offered broker: " + ex);
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
            client.close();
        }
    }
}
