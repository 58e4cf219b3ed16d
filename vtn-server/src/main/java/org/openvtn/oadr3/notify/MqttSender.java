package org.openvtn.oadr3.notify;

import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT side of the 3.1 notifiers: a Paho (MQTT 3.1.1, which the 3.1 Definition "MQTT" requires brokers and
 * clients to support) publishing client of the configured external broker. Connects on first use and again after a
 * lost connection; a publication that fails stays in the outbox and is retried. Called from one thread only.
 */
final class MqttSender implements AutoCloseable {
    private final Oadr3MqttConfig config;
    private final Oadr3NotifierConfig notifier;
    private MqttClient client;

    MqttSender(Oadr3MqttConfig config, Oadr3NotifierConfig notifier) {
        this.config = config;
        this.notifier = notifier;
    }

    /** Publishes {@code json} to prefix + {@code topic} and waits for the broker's acknowledgement (QoS 1/2). */
    void publish(String topic, String json) throws MqttException {
        MqttClient c = connected();
        MqttMessage m = new MqttMessage(json.getBytes(StandardCharsets.UTF_8));
        m.setQos(config.qos());
        m.setRetained(false);
        try {
            c.publish(config.topicPrefix() + topic, m);
        } catch (MqttException e) {
            drop();
            throw e;
        }
    }

    private MqttClient connected() throws MqttException {
        if (client != null && client.isConnected()) {
            return client;
        }
        drop();
        MqttClient c = new MqttClient(config.url(), config.clientId(), new MemoryPersistence());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(true);
        o.setAutomaticReconnect(false);
        int seconds = (int) Math.max(1, notifier.timeout().toSeconds());
        o.setConnectionTimeout(seconds);
        if (config.username() != null) {
            o.setUserName(config.username());
        }
        if (config.password() != null) {
            o.setPassword(config.password().toCharArray());
        }
        if (config.url().startsWith("ssl://")) {
            o.setSocketFactory(WebhookSender.sslContext(notifier.trustAnchors(), config.keyStore(),
                    config.keyPassword()).getSocketFactory());
            o.setHttpsHostnameVerificationEnabled(true);
        }
        c.setTimeToWait(notifier.timeout().toMillis());
        try {
            c.connect(o);
        } catch (MqttException e) {
            try {
                c.close(true);
            } catch (MqttException ignored) {
                // nothing more to release
            }
            throw e;
        }
        client = c;
        return c;
    }

    private void drop() {
        MqttClient c = client;
        client = null;
        if (c == null) {
            return;
        }
        try {
            if (c.isConnected()) {
                c.disconnectForcibly(0, 1000);
            }
        } catch (MqttException ignored) {
            // closing anyway
        }
        try {
            c.close(true);
        } catch (MqttException ignored) {
            // closed
        }
    }

    @Override
    public void close() {
        drop();
    }
}
