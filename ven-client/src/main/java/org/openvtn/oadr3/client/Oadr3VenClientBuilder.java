package org.openvtn.oadr3.client;

import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Options of {@link Oadr3VenClient}; {@link #build()} validates them and names the bad field.
 * Defaults: poll every 60 s, MQTT used when the VTN offers it, no webhook receiver.
 */
public final class Oadr3VenClientBuilder {
    Oadr3ClientConfig config;
    String venName;
    Oadr3VenListener listener = new Oadr3VenListener() { };
    Executor callbackExecutor;
    Duration pollInterval = Duration.ofSeconds(60);
    boolean mqtt = true;
    String webhookHost;
    int webhookPort = -1;
    String webhookUrl;
    String webhookPath = "/openadr3/notifications";
    KeyStore webhookKeyStore;
    char[] webhookPassword;

    Oadr3VenClientBuilder() {
    }

    /** Where and how to reach the VTN (URL, client credentials, trust anchors). */
    public Oadr3VenClientBuilder config(Oadr3ClientConfig c) { config = c; return this; }
    /** The VEN's {@code venName}: the VEN object is found by it, or created. */
    public Oadr3VenClientBuilder venName(String name) { venName = name; return this; }
    public Oadr3VenClientBuilder listener(Oadr3VenListener l) { listener = l; return this; }
    /** Where callbacks run (default: one thread of this client, in order). */
    public Oadr3VenClientBuilder callbackExecutor(Executor e) { callbackExecutor = e; return this; }
    /** The polling fallback: every {@code d} the VEN's events are read in full (also with webhook or MQTT). */
    public Oadr3VenClientBuilder pollInterval(Duration d) { pollInterval = d; return this; }
    /** Use the VTN's MQTT notifier when {@code GET /notifiers} offers one (default true). */
    public Oadr3VenClientBuilder mqtt(boolean use) { mqtt = use; return this; }

    /**
     * Runs an HTTPS webhook receiver on {@code host:port} (0 = any free port) with the VEN's key store and subscribes
     * to event operations with it.
     *
     * @param publicUrl the callback URL the VTN should call (null: {@code https://host:boundPort/openadr3/notifications};
     *                  required for a wildcard host)
     */
    public Oadr3VenClientBuilder webhook(String host, int port, String publicUrl, KeyStore keyStore, char[] password) {
        webhookHost = host;
        webhookPort = port;
        webhookUrl = publicUrl;
        webhookKeyStore = keyStore;
        webhookPassword = password;
        return this;
    }

    /** {@link #webhook(String, int, String, KeyStore, char[])} with a PKCS#12 file. */
    public Oadr3VenClientBuilder webhook(String host, int port, String publicUrl, Path pkcs12, char[] password) {
        return webhook(host, port, publicUrl, Oadr3Tls.readPkcs12(pkcs12, password, "webhook pkcs12"), password);
    }

    public Oadr3VenClient build() {
        if (config == null) {
            throw new IllegalArgumentException("config is required");
        }
        if (venName == null || venName.isBlank() || venName.length() > 128) {
            throw new IllegalArgumentException("venName is required (1..128 characters)");
        }
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("pollInterval must be positive");
        }
        if (webhookHost != null) {
            if (webhookPort < 0 || webhookPort > 65535) {
                throw new IllegalArgumentException("webhook port must be 0..65535");
            }
            if (webhookKeyStore == null) {
                throw new IllegalArgumentException("webhook key store is required (the receiver serves HTTPS)");
            }
            if (webhookUrl == null && (webhookHost.equals("0.0.0.0") || webhookHost.equals("::"))) {
                throw new IllegalArgumentException("webhook publicUrl is required with a wildcard host");
            }
            if (webhookUrl != null && !"https".equalsIgnoreCase(URI.create(webhookUrl).getScheme())) {
                throw new IllegalArgumentException("webhook publicUrl must be https (Definition, Webhooks)");
            }
        }
        return new Oadr3VenClient(this);
    }
}
