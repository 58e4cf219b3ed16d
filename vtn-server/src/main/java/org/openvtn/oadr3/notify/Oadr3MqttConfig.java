package org.openvtn.oadr3.notify;

import java.net.URI;
import java.security.KeyStore;
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
 * @param keyStore      the VTN's client certificate and key for a broker that requires one ({@code ssl://} only;
 *                      mosquitto {@code require_certificate true}), or null
 * @param keyPassword   the password of {@code keyStore}'s key, or null
 */
public record Oadr3MqttConfig(String url, List<String> advertisedUris, String clientId, String username,
                              String password, String topicPrefix, int qos, KeyStore keyStore, char[] keyPassword) {
    /** Without a client certificate. */
    public Oadr3MqttConfig(String url, List<String> advertisedUris, String clientId, String username, String password,
                           String topicPrefix, int qos) {
        this(url, advertisedUris, clientId, username, password, topicPrefix, qos, null, null);
    }

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
        if (keyStore != null && !url.startsWith("ssl://")) {
            throw new IllegalArgumentException("mqtt: a client certificate needs an ssl:// url, was " + url);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("mqtt.passwordFile: needs mqtt.username");
        }
    }

    /** @return this config presenting {@code ks}'s key and certificate to the broker (mutual TLS) */
    public Oadr3MqttConfig withClientCertificate(KeyStore ks, char[] pass) {
        return new Oadr3MqttConfig(url, advertisedUris, clientId, username, password, topicPrefix, qos, ks, pass);
    }

    /** Never shows the password or the key. */
    @Override
    public String toString() {
        return "Oadr3MqttConfig[url=" + url + ", advertisedUris=" + advertisedUris + ", clientId=" + clientId
                + ", username=" + username + ", password=" + (password == null ? "none" : "***") + ", topicPrefix="
                + topicPrefix + ", qos=" + qos + ", clientCertificate=" + (keyStore != null) + "]";
    }

    /** @return a config with the defaults for everything but the URL */
    public static Oadr3MqttConfig of(String url) {
        return new Oadr3MqttConfig(url, List.of(), null, null, null, "", 1);
    }
}
