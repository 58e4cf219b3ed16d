package org.openvtn.oadr3.notify;

import java.net.URI;
import java.util.List;

/**
 * The external MQTT broker the 3.1 MQTT notifier publishes to (3.1 Definition "Notifications via Additional
 * Protocols", "MQTT"). OpenVTN is a publishing client; the broker (e.g. Eclipse Mosquitto) and its topic ACLs are
 * the operator's (Definition "MQTT": the VTN must enforce topic access "by any means necessary", out of band).
 *
 * @param url           how the VTN connects: {@code tcp://host:port} or {@code ssl://host:port} (then the broker
 *                      certificate is verified against the notifier trust anchors)
 * @param advertisedUris the {@code URIS} that {@code GET /notifiers} gives clients (Definition: clients MUST use
 *                      MQTTS, e.g. {@code mqtts://broker.example.com:8883}); empty = {@code url}
 * @param clientId      the VTN's MQTT client id
 * @param username      broker user name, or null
 * @param password      broker password, or null
 * @param topicPrefix   prefix before every topic, empty or ending with {@code /}
 * @param qos           0, 1 or 2 (default 1: at least once)
 */
public record Oadr3MqttConfig(String url, List<String> advertisedUris, String clientId, String username,
                              String password, String topicPrefix, int qos) {
    public Oadr3MqttConfig {
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://"))) {
            throw new IllegalArgumentException("mqtt.url: tcp://host:port or ssl://host:port, was " + url);
        }
        try {
            URI u = URI.create(url);
            if (u.getHost() == null || u.getPort() <= 0) {
                throw new IllegalArgumentException("mqtt.url: host and port required, was " + url);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt.url: " + e.getMessage());
        }
        advertisedUris = advertisedUris == null || advertisedUris.isEmpty() ? List.of(url) : List.copyOf(advertisedUris);
        for (String a : advertisedUris) {
            try {
                URI.create(a);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mqtt.advertisedUris: not a URI: " + a);
            }
        }
        if (clientId == null || clientId.isBlank()) {
            clientId = "openvtn-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
        topicPrefix = topicPrefix == null ? "" : topicPrefix;
        if (!topicPrefix.isEmpty() && !topicPrefix.endsWith("/")) {
            throw new IllegalArgumentException("mqtt.topicPrefix: empty or ending with /");
        }
        if (topicPrefix.contains("+") || topicPrefix.contains("#")) {
            throw new IllegalArgumentException("mqtt.topicPrefix: no wildcards");
        }
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("mqtt.qos: 0, 1 or 2");
        }
    }

    /** @return a config with the defaults for everything but the URL */
    public static Oadr3MqttConfig of(String url) {
        return new Oadr3MqttConfig(url, List.of(), null, null, null, "", 1);
    }
}
