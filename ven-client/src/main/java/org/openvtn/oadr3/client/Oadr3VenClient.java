package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OpenADR 3.1 VEN client. {@link #start()}: a token (client credentials), its VEN object found by
 * {@code venName} or created ({@code VEN_VEN_REQUEST}), the notifiers the VTN offers ({@code GET /notifiers}: MQTT
 * topics of {@code GET /notifiers/mqtt/topics/vens/{venID}/events}), a webhook subscription to event operations when
 * a receiver is configured, the first complete read of its events, then the polling fallback every
 * {@code pollInterval}. A notification (webhook or MQTT) is a hint: the event it names is read again with the VEN's
 * token, so what reaches the listener is what the VTN lets this VEN see (object privacy) whatever the channel
 * carried. Work runs on one worker thread per client; callbacks on the callback executor, never on I/O threads.
 *
 * <p>The VEN's objects: {@link #resources()}, {@link #reports()} and the other collections, which the VTN restricts
 * to this client's own objects and the programs and events targeted at it.
 */
public final class Oadr3VenClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Oadr3VenClient.class);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Oadr3VenClientBuilder b;
    private final Oadr3Http http;
    private final ScheduledExecutorService worker;
    private final ExecutorService ownCallbacks;
    private final Executor callbacks;
    private final EventTracker tracker = new EventTracker();
    private final String webhookToken;
    private final WebhookReceiver receiver;
    private volatile JsonNode ven;
    private volatile MqttNotifier mqtt;
    private volatile String subscriptionId;
    private volatile boolean closed;

    Oadr3VenClient(Oadr3VenClientBuilder b) {
        this.b = b;
        this.http = new Oadr3Http(b.config);
        int n = SEQ.incrementAndGet();
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "openvtn-oadr3-ven-" + n));
        if (b.callbackExecutor == null) {
            ownCallbacks = Executors.newSingleThreadExecutor(r -> thread(r, "openvtn-oadr3-callback-" + n));
            callbacks = ownCallbacks;
        } else {
            ownCallbacks = null;
            callbacks = b.callbackExecutor;
        }
        if (b.webhookHost != null) {
            byte[] t = new byte[24];
            new SecureRandom().nextBytes(t);
            webhookToken = Base64.getUrlEncoder().withoutPadding().encodeToString(t);
            try {
                receiver = new WebhookReceiver(b.webhookHost, b.webhookPort, b.webhookPath, b.webhookKeyStore,
                        b.webhookPassword, webhookToken, this::notified);
            } catch (RuntimeException e) {
                worker.shutdownNow();
                if (ownCallbacks != null) {
                    ownCallbacks.shutdownNow();
                }
                throw e;
            }
        } else {
            webhookToken = null;
            receiver = null;
        }
    }

    private static Thread thread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public static Oadr3VenClientBuilder builder() {
        return new Oadr3VenClientBuilder();
    }

    /** Starts the client (see the class comment); returns this VEN's object as the VTN holds it. */
    public JsonNode start() {
        return Oadr3Http.join(startAsync());
    }

    public CompletableFuture<JsonNode> startAsync() {
        return CompletableFuture.supplyAsync(this::doStart, worker);
    }

    private JsonNode doStart() {
        if (ven != null) {
            throw new IllegalStateException("already started");
        }
        ven = findOrCreateVen();
        if (b.mqtt) {
            try {
                mqtt = connectMqtt();
            } catch (Oadr3ClientException e) {
                error(e);
            }
        }
        if (receiver != null) {
            try {
                subscriptionId = subscribe().path("id").asText(null);
            } catch (Oadr3ClientException e) {
                error(e); // e.g. the VTN's echo challenge could not reach the receiver: polling still runs
            }
        }
        pollNow();
        long ms = b.pollInterval.toMillis();
        worker.scheduleWithFixedDelay(this::pollQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return ven;
    }

    private JsonNode findOrCreateVen() {
        for (JsonNode v : vens().searchAll(Oadr3Query.all().venName(b.venName))) {
            if (b.venName.equals(v.path("venName").asText())) {
                return v;
            }
        }
        ObjectNode req = Oadr3Http.JSON.createObjectNode().put("objectType", "VEN_VEN_REQUEST")
                .put("venName", b.venName);
        return vens().create(req);
    }

    private MqttNotifier connectMqtt() {
        JsonNode notifiers;
        try {
            notifiers = Oadr3Http.join(http.send("GET", "/notifiers", null));
        } catch (Oadr3ClientException e) {
            if (e.status() == 404 || e.status() == 501) {
                LOG.info("VTN offers no /notifiers ({}): webhook and polling only", e.status());
                return null;
            }
            throw e;
        }
        JsonNode binding = notifiers == null ? null : notifiers.get("MQTT");
        if (binding == null || !binding.path("URIS").isArray() || binding.path("URIS").isEmpty()) {
            return null;
        }
        JsonNode topics = Oadr3Http.join(http.send("GET", "/notifiers/mqtt/topics/vens/"
                + Oadr3Http.enc(venId()) + "/events", null)).path("topics");
        List<String> names = new ArrayList<>();
        if (topics.path("ALL").isTextual()) {
            names.add(topics.get("ALL").asText());
        } else {
            for (String op : new String[] {"CREATE", "UPDATE", "DELETE"}) {
                if (topics.path(op).isTextual()) {
                    names.add(topics.get(op).asText());
                }
            }
        }
        if (names.isEmpty()) {
            throw new Oadr3ClientException(200, "MQTT", "the VTN named no event topics", null);
        }
        JsonNode auth = binding.path("authentication");
        String method = auth.path("method").asText("ANONYMOUS");
        String user = b.config.mqttUsername();
        char[] password = b.config.mqttPassword();
        if (method.equals("OAUTH2_BEARER_TOKEN")) {
            user = auth.path("username").asText("{clientID}").replace("{clientID}", b.config.clientId());
            password = Oadr3Http.join(http.token()).toCharArray();
        } else if (method.equals("CERTIFICATE") && b.config.keyStore() == null) {
            throw new Oadr3ClientException(0, "MQTT", "the broker wants a client certificate: configure the client's"
                    + " key store (pkcs12)", null);
        } else if (!method.equals("ANONYMOUS") && !method.equals("CERTIFICATE")) {
            throw new Oadr3ClientException(0, "MQTT", "broker authentication " + method + " is not supported", null);
        }
        Oadr3ClientException last = null;
        for (JsonNode uri : binding.get("URIS")) {
            try {
                return new MqttNotifier(uri.asText(), "openvtn-" + b.config.clientId() + "-" + SEQ.get(), user,
                        password, Oadr3Tls.clientContext(b.config.trustAnchors(), b.config.keyStore(),
                        b.config.keyPassword()), names, this::notified,
                        topic -> error(new Oadr3ClientException(0, "MQTT", "not a notification on " + topic, null)),
                        this::pollAfterReconnect);
            } catch (Oadr3ClientException e) {
                last = e;
            }
        }
        throw last;
    }

    private JsonNode subscribe() {
        String url = b.webhookUrl != null ? b.webhookUrl
                : "https://" + hostForUrl(b.webhookHost) + ":" + receiver.port() + b.webhookPath;
        ObjectNode req = Oadr3Http.JSON.createObjectNode().put("clientName", b.venName);
        ObjectNode op = req.putArray("objectOperations").addObject();
        op.putArray("objects").add("EVENT");
        op.putArray("operations").add("CREATE").add("UPDATE").add("DELETE");
        op.put("callbackUrl", url).put("bearerToken", webhookToken);
        return subscriptions().create(req);
    }

    private static String hostForUrl(String host) {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** A webhook or MQTT notification: re-read the event with the VEN's token, on the worker. */
    void notified(WebhookReceiver.Notification n) {
        if (closed) {
            return;
        }
        worker.execute(() -> {
            callbacks.execute(() -> b.listener.onNotification(n.objectType(), n.operation(), n.object()));
            String id = n.object().path("id").asText(null);
            if (!"EVENT".equals(n.objectType()) || id == null) {
                return;
            }
            EventTracker.Change c;
            if ("DELETE".equals(n.operation())) {
                c = tracker.remove(id);
            } else {
                try {
                    c = tracker.apply(Oadr3Event.of(events().get(id)));
                } catch (Oadr3ClientException e) {
                    if (e.status() == 404) {
                        c = tracker.remove(id); // not (or no longer) visible to this VEN
                    } else {
                        error(e);
                        return;
                    }
                }
            }
            deliver(c == null ? List.of() : List.of(c));
        });
    }

    /** Reads this VEN's events in full (every page) and reports the changes; on the caller's thread. */
    public void poll() {
        Oadr3Http.join(CompletableFuture.runAsync(this::pollNow, worker));
    }

    private void pollNow() {
        deliver(tracker.applyList(events().searchAll(Oadr3Query.all())));
    }

    /** After an MQTT reconnect: what was published meanwhile is read by a full poll. */
    private void pollAfterReconnect() {
        if (!closed) {
            try {
                worker.execute(this::pollQuietly);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void pollQuietly() {
        try {
            pollNow();
        } catch (RuntimeException e) {
            error(Oadr3Http.wrap(e));
        }
    }

    private void deliver(List<EventTracker.Change> changes) {
        for (EventTracker.Change c : changes) {
            callbacks.execute(() -> {
                switch (c.kind()) {
                    case NEW -> b.listener.onEvent(c.event());
                    case MODIFIED -> b.listener.onEventModified(c.event(), c.previous());
                    case CANCELLED -> b.listener.onEventCancelled(c.event());
                    default -> throw new IllegalStateException();
                }
            });
        }
    }

    private void error(Oadr3ClientException e) {
        LOG.warn("OpenADR 3.1 VEN {}: {}", b.venName, e.getMessage());
        callbacks.execute(() -> b.listener.onError(e));
    }

    /** @return the events this client knows (as of the last poll or notification) */
    public List<Oadr3Event> knownEvents() {
        return Oadr3Http.join(CompletableFuture.supplyAsync(tracker::snapshot, worker));
    }

    /** @return this VEN's {@code id} (after {@link #start()}) */
    public String venId() {
        JsonNode v = ven;
        if (v == null) {
            throw new IllegalStateException("not started");
        }
        return v.path("id").asText();
    }

    /** Creates a resource of this VEN ({@code VEN_RESOURCE_REQUEST}). */
    public JsonNode createResource(String resourceName) {
        return resources().create(Oadr3Http.JSON.createObjectNode().put("objectType", "VEN_RESOURCE_REQUEST")
                .put("resourceName", resourceName).put("venID", venId()));
    }

    public Oadr3Collection programs() { return new Oadr3Collection(http, "/programs"); }
    public Oadr3Collection events() { return new Oadr3Collection(http, "/events"); }
    public Oadr3Collection reports() { return new Oadr3Collection(http, "/reports"); }
    public Oadr3Collection vens() { return new Oadr3Collection(http, "/vens"); }
    public Oadr3Collection resources() { return new Oadr3Collection(http, "/resources"); }
    public Oadr3Collection subscriptions() { return new Oadr3Collection(http, "/subscriptions"); }

    /** @return the webhook receiver's bound port, or -1 without one */
    public int webhookPort() {
        return receiver == null ? -1 : receiver.port();
    }

    /** @return how often the MQTT notifier subscribed again after a reconnect (0 without MQTT) */
    public int mqttResubscriptions() {
        MqttNotifier m = mqtt;
        return m == null ? 0 : m.resubscriptions();
    }

    /** @return whether the MQTT notifier is connected */
    public boolean mqttConnected() {
        MqttNotifier m = mqtt;
        return m != null && m.connected();
    }

    /** @return how many tokens this client has fetched */
    public int tokenFetches() {
        return http.tokenFetches();
    }

    /** Deletes the webhook subscription (best effort), stops MQTT, the receiver and the threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (subscriptionId != null) {
            try {
                subscriptions().delete(subscriptionId);
            } catch (Oadr3ClientException e) {
                LOG.debug("subscription {} not deleted: {}", subscriptionId, e.getMessage());
            }
        }
        if (mqtt != null) {
            mqtt.close();
        }
        if (receiver != null) {
            receiver.close();
        }
        worker.shutdownNow();
        if (ownCallbacks != null) {
            ownCallbacks.shutdown();
        }
    }
}
