package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * An OpenADR 3.1 business-logic (BL) client: programs and events CRUD, reading reports, managing VENs and their
 * resources, subscriptions, with the client-credentials token handling of {@link Oadr3ClientConfig} (token URL from
 * {@code GET /auth/server}, refresh before expiry and on 401). The BL role's scopes ({@code read_all},
 * {@code write_programs}, {@code write_events}, {@code write_vens}, {@code write_subscriptions}) are the VTN's to
 * grant; this class only speaks the API.
 *
 * <pre>{@code
 * Oadr3BlClient bl = Oadr3BlClient.connect(config);
 * JsonNode p = bl.programs().create(Oadr3BlClient.json("{\"programName\":\"summer\"}"));
 * bl.events().create(Oadr3BlClient.json("{\"programID\":\"" + p.get("id").asText() + "\", ...}"));
 * }</pre>
 */
public final class Oadr3BlClient {
    private final Oadr3Http http;

    private Oadr3BlClient(Oadr3Http http) {
        this.http = http;
    }

    /** A client for {@code config}; no request is sent until the first call. */
    public static Oadr3BlClient connect(Oadr3ClientConfig config) {
        return new Oadr3BlClient(new Oadr3Http(config));
    }

    public Oadr3Collection programs() { return new Oadr3Collection(http, "/programs"); }
    public Oadr3Collection events() { return new Oadr3Collection(http, "/events"); }
    public Oadr3Collection reports() { return new Oadr3Collection(http, "/reports"); }
    public Oadr3Collection vens() { return new Oadr3Collection(http, "/vens"); }
    public Oadr3Collection resources() { return new Oadr3Collection(http, "/resources"); }
    public Oadr3Collection subscriptions() { return new Oadr3Collection(http, "/subscriptions"); }

    /** {@code GET /notifiers} (listAllNotifiers): the notifier bindings the VTN offers, e.g. {@code MQTT}. */
    public JsonNode notifiers() {
        return Oadr3Http.join(http.send("GET", "/notifiers", null));
    }

    /**
     * {@code GET /notifiers/mqtt/topics/{objects}} (the listAllMqttNotifierTopics* operations).
     *
     * @param objects e.g. {@code events}, {@code programs/{programID}/events}, {@code vens/{venID}/events}
     * @return the {@code topics} object: topic names per operation ({@code CREATE}, {@code UPDATE}, {@code DELETE},
     *         {@code ALL})
     */
    public JsonNode mqttTopics(String objects) {
        return Oadr3Http.join(http.send("GET", "/notifiers/mqtt/topics/" + objects, null)).path("topics");
    }

    /** @return how many tokens this client has fetched (for monitoring and tests) */
    public int tokenFetches() {
        return http.tokenFetches();
    }

    /** Parses JSON text into a tree (for building requests); {@link IllegalArgumentException} when malformed. */
    public static JsonNode json(String text) {
        try {
            return Oadr3Http.JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
