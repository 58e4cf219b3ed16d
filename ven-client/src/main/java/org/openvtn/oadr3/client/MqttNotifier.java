package org.openvtn.oadr3.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
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
 * go to {@code onMalformed}. Paho mqttv3 1.2.5, MQTT 3.1.1, QoS 1, clean session, automatic reconnect: after a
 * reconnect (broker restart, network loss) the topics are subscribed again and {@code onReconnect} runs (the VEN
 * reads its events in full: a clean session does not keep what was published while it was away). Internal.
 */
final class MqttNotifier implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MqttNotifier.class);
    private final MqttClient client;
    private final String[] topicArray;
    private final int[] qos;
    private final java.util.concurrent.atomic.AtomicInteger resubscribed = new java.util.concurrent.atomic.AtomicInteger();

    MqttNotifier(String brokerUri, String clientId, String username, char[] password, SSLContext tls,
                 List<String> topics, Consumer<WebhookReceiver.Notification> consumer, Consumer<String> onMalformed,
                 Runnable onReconnect) {
        String uri = pahoUri(brokerUri);
        topicArray = topics.toArray(String[]::new);
        qos = new int[topicArray.length];
        java.util.Arrays.fill(qos, 1);
        try {
            client = new MqttClient(uri, clientId, new MemoryPersistence());
        } catch (MqttException e) {
            throw new Oadr3ClientException(0, "MQTT", "broker " + brokerUri + ": " + e.getMessage(), e);
        }
        try {
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            o.setAutomaticReconnect(true);
            o.setConnectionTimeout(10);
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            if (username != null) {
                o.setUserName(username);
                o.setPassword(password == null ? new char[0] : password.clone());
            }
            if (uri.startsWith("ssl://")) {
                o.setSocketFactory(tls.getSocketFactory());
                o.setHttpsHostnameVerificationEnabled(true);
            }
            client.setCallback(new MqttCallbackExtended() {
                @Override
                public void connectionLost(Throwable cause) {
                    LOG.warn("MQTT connection to {} lost ({}); reconnecting, polling meanwhile", brokerUri,
                            cause == null ? "closed" : cause.getMessage());
                }

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {
                    if (!reconnect) {
                        return;
                    }
                    // not on Paho's callback thread: subscribe blocks until the broker's SUBACK
                    Thread t = new Thread(() -> {
                        try {
                            client.subscribe(topicArray, qos);
                            resubscribed.incrementAndGet();
                            LOG.info("MQTT reconnected to {}; subscribed again to {}", brokerUri,
                                    java.util.Arrays.toString(topicArray));
                        } catch (MqttException e) {
                            LOG.warn("MQTT: subscribing again at {} failed: {}", brokerUri, e.getMessage());
                        }
                        onReconnect.run();
                    }, "openvtn-oadr3-mqtt-resubscribe");
                    t.setDaemon(true);
                    t.start();
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
            client.subscribe(topicArray, qos);
        } catch (MqttException e) {
            close(); // a refused connection (credentials, certificate) leaves no Paho threads behind
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

    /** @return how often the topics were subscribed again after a reconnect */
    int resubscriptions() {
        return resubscribed.get();
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
