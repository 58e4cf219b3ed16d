package org.openvtn.oadr3.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * The MQTT notifier binding of 3.1 (Definition, "Notifications via Additional Protocols"): connects to a broker URI
 * of {@code GET /notifiers} ({@code mqtt://} or {@code tcp://} plain, {@code mqtts://} or {@code ssl://} over TLS with
 * the client's trust anchors), with the binding's authentication (ANONYMOUS: none; OAUTH2_BEARER_TOKEN: the given
 * username, the access token as password), subscribes to the topics the VTN named and hands every message that is a
 * 3.1 {@code notification} to the consumer (on Paho's callback thread: the consumer must hop). Malformed messages
 * go to {@code onMalformed}. Paho mqttv3 1.2.5, MQTT 3.1.1, QoS 1, clean session, automatic reconnect. Internal.
 */
final class MqttNotifier implements AutoCloseable {
    private final MqttClient client;

    MqttNotifier(String brokerUri, String clientId, String username, String password, SSLContext tls,
                 List<String> topics, Consumer<WebhookReceiver.Notification> consumer, Consumer<String> onMalformed) {
        String uri = pahoUri(brokerUri);
        try {
            client = new MqttClient(uri, clientId, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            o.setConnectionTimeout(10);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (username != null) {
                o.setUserName(username);
                o.setPassword(password == null ? new char[0] : password.toCharArray());
            }
            if (uri.startsWith("ssl://")) {
                o.setSocketFactory(tls.getSocketFactory());
                o.setHttpsHostnameVerificationEnabled(true);
            }
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // automatic reconnect; the polling fallback covers the gap
                }

                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    WebhookReceiver.Notification n = WebhookReceiver.parse(
                            new String(message.getPayload(), StandardCharsets.UTF_8));
                    if (n == null) {
                        onMalformed.accept(topic);
                    } else {
                        consumer.accept(n);
                    }
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {
                }
            });
            client.connect(o);
            String[] t = topics.toArray(String[]::new);
            int[] qos = new int[t.length];
            java.util.Arrays.fill(qos, 1);
            client.subscribe(t, qos);
        } catch (MqttException e) {
            throw new Oadr3ClientException(0, "MQTT", "broker " + brokerUri + ": " + e.getMessage(), e);
        }
    }

    /** {@code mqtt://h:p} / {@code mqtts://h:p} of the 3.1 binding as Paho's {@code tcp://} / {@code ssl://}. */
    static String pahoUri(String brokerUri) {
        URI u = URI.create(brokerUri);
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = scheme.equals("mqtts") || scheme.equals("ssl");
        if (!tls && !scheme.equals("mqtt") && !scheme.equals("tcp")) {
            throw new Oadr3ClientException(0, "MQTT", "unsupported broker URI " + brokerUri, null);
        }
        int port = u.getPort() > 0 ? u.getPort() : tls ? 8883 : 1883;
        return (tls ? "ssl://" : "tcp://") + u.getHost() + ":" + port;
    }

    boolean connected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
            client.close(true);
        } catch (MqttException e) {
            // closing: nothing to tell the caller
        }
    }
}
