package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.openvtn.oadr3.store.Oadr3Client;
import org.openvtn.oadr3.store.Oadr3Object;
import org.openvtn.oadr3.store.Oadr3OutboxStore;

/**
 * Decides the notifications of a 3.1 write (3.1 Definition "Subscriptions" and "Notifications via Additional
 * Protocols") and appends them to the outbox in the write's own transaction:
 * <ul>
 *   <li>webhooks: every subscription whose {@code objectOperations} entry lists the object type and the operation,
 *   whose {@code programID} (if any) is the object's program, whose {@code targets} (if any) share a target with the
 *   object, and whose owner may see the object (Definition "Object privacy": a VEN client's subscription is told only
 *   of what that client may read); one entry per distinct callbackUrl, in lane {@code subscriptionID|callbackUrl};</li>
 *   <li>MQTT (when a broker is configured): the topics of {@link Oadr3Topics}, every notification, unfiltered
 *   (Definition: response filtering is not supported for topic subscriptions).</li>
 * </ul>
 * The payload is the {@code notification} schema: {@code objectType}, {@code operation} (CREATE, UPDATE, DELETE),
 * {@code object} as a GET answers it, {@code targets}.
 */
public final class Oadr3Notifications {
    public static final String CREATE = "CREATE";
    public static final String UPDATE = "UPDATE";
    public static final String DELETE = "DELETE";
    public static final String WEBHOOK = "WEBHOOK";
    public static final String MQTT = "MQTT";
    /** The one lane of MQTT publications: they go out in order to the one broker. */
    public static final String MQTT_LANE = "mqtt";

    private final Oadr3Services s;
    private final Oadr3OutboxStore outbox;
    private volatile Oadr3CallbackVerifier verifier = Oadr3CallbackVerifier.NONE;
    private volatile boolean mqtt;
    private volatile Runnable wake = () -> { };

    /** Set while this thread runs a 3.1 event write (its core event change is notified by the write itself). */
    private final ThreadLocal<Boolean> ownWrite = new ThreadLocal<>();
    /** Set by a transaction that queued notifications; read by the commit listener on the same thread. */
    private final ThreadLocal<Boolean> pending = new ThreadLocal<>();

    Oadr3Notifications(Oadr3Services s, Oadr3OutboxStore outbox) {
        this.s = s;
        this.outbox = outbox;
        s.store().database().onCommit(() -> {
            if (pending.get() != null) {
                pending.remove();
                wake.run();
            }
        });
        s.store().database().onRollback(pending::remove);
    }

    /**
     * Connects the notifier transport: the callback check and whether MQTT publications are queued; {@code wake}
     * runs after a commit that queued something.
     */
    public void configure(Oadr3CallbackVerifier verifier, boolean mqttEnabled, Runnable wake) {
        this.verifier = verifier;
        this.mqtt = mqttEnabled;
        this.wake = wake;
    }

    /** @return true when an MQTT notifier publishes (GET /notifiers lists it) */
    public boolean mqttEnabled() {
        return mqtt;
    }

    /** @return the outbox, for the delivery worker */
    public Oadr3OutboxStore outbox() {
        return outbox;
    }

    /** Runs a 3.1 program or event write; core changes it causes are not notified a second time. */
    <T> T ownWrite(java.util.function.Supplier<T> write) {
        Boolean outer = ownWrite.get();
        ownWrite.set(Boolean.TRUE);
        try {
            return write.get();
        } finally {
            if (outer == null) {
                ownWrite.remove();
            }
        }
    }

    /**
     * @return true when a core event change on this thread comes from a 3.1 write (already notified); false for
     *         changes made through the admin API or OpenADR 2.0b tooling
     */
    public boolean isOwnWrite() {
        return ownWrite.get() != null;
    }

    /**
     * Listens to core program and event changes made outside the 3.1 API (admin API, OpenADR 2.0b tooling,
     * configuration) inside their own transaction: the notifications are queued in the outbox before the write
     * commits, like those of 3.1 writes, so a crash after the commit loses none and a rolled-back write notifies
     * nobody. Program CREATED / DELETED become CREATE / DELETE of the program as 3.1 renders it; event CREATED /
     * UPDATED / CANCELLED become CREATE / UPDATE / DELETE of the event.
     *
     * @return closing it stops listening
     */
    public AutoCloseable listenToCore() {
        AutoCloseable events = s.core().events().addTransactionalListener(change -> {
            if (!isOwnWrite()) {
                coreEventChanged(change);
            }
        });
        AutoCloseable programs = s.core().programs().addTransactionalListener((kind, program) -> {
            if (!isOwnWrite()) {
                ObjectNode rendered = rendered(() -> s.programs().render(program), program.id());
                if (rendered != null) {
                    changed(Oadr3Programs.TYPE, kind == org.openvtn.core.ProgramChangeListener.Kind.CREATED
                            ? CREATE : DELETE, rendered);
                }
            }
        });
        return () -> {
            events.close();
            programs.close();
        };
    }

    /** Queues the notification of a core event change (call inside the change's transaction). */
    void coreEventChanged(org.openvtn.core.EventChange change) {
        String op = switch (change.kind()) {
            case CREATED -> CREATE;
            case UPDATED -> UPDATE;
            case CANCELLED -> DELETE;
        };
        ObjectNode rendered = rendered(() -> s.events().render(change.event()), change.event().id());
        if (rendered != null) {
            changed(Oadr3Events.TYPE, op, rendered);
        }
    }

    /**
     * Renders a core object for a notification; an object 3.1 cannot render is logged and not notified rather than
     * failing the admin / 2.0b write (outbox failures, database errors, still roll the write back).
     */
    private static ObjectNode rendered(java.util.function.Supplier<ObjectNode> render, String id) {
        try {
            return render.get();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Oadr3Notifications.class).warn(
                    "3.1 notification of core object {} skipped: cannot render it ({})", id, e.toString());
            return null;
        }
    }

    /** Runs the echo challenge on every distinct callbackUrl of a subscription request, before it is stored. */
    void verifyCallbacks(ObjectNode subscriptionRequest) {
        Map<String, String> urls = new LinkedHashMap<>();
        for (JsonNode op : subscriptionRequest.path("objectOperations")) {
            JsonNode token = op.get("bearerToken");
            urls.putIfAbsent(op.path("callbackUrl").asText(), token == null || token.isNull() ? null : token.asText());
        }
        urls.forEach(verifier::verify);
    }

    /**
     * Queues the notifications of one write (call inside the write's transaction).
     *
     * @param type      PROGRAM, EVENT, REPORT, SUBSCRIPTION, VEN or RESOURCE
     * @param operation CREATE, UPDATE or DELETE
     * @param object    the object as served (for DELETE: as it was)
     */
    void changed(String type, String operation, ObjectNode object) {
        ObjectNode n = Oadr3Json.object();
        n.put("objectType", type);
        n.put("operation", operation);
        n.set("object", object);
        JsonNode targets = object.get("targets");
        if (targets != null && targets.isArray()) {
            n.set("targets", targets);
        }
        String payload = Oadr3Json.write(n);
        var now = s.clock().instant();
        int queued = 0;
        Owners owners = new Owners();
        Map<String, Set<String>> audiences = new HashMap<>();
        for (Oadr3Object sub : s.store().list(Oadr3VenObjects.SUBSCRIPTION)) {
            ObjectNode body = Oadr3Json.parse(sub.body());
            // the cheap in-memory tests first: most subscriptions of a large fleet are not for this object type and
            // operation (e.g. every VEN's EVENT subscription when another VEN's subscription is created)
            Map<String, String> callbacks = callbacks(body, type, operation);
            if (callbacks.isEmpty() || !programMatches(body, type, object) || !targetsMatch(body, object)) {
                continue;
            }
            Optional<Oadr3Client> client = owners.get(sub.clientId());
            if (client.isEmpty() || !visible(client.get(), type, object, audiences)) {
                continue;
            }
            for (Map.Entry<String, String> cb : callbacks.entrySet()) {
                outbox.append(sub.id() + "|" + cb.getKey(), WEBHOOK, cb.getKey(), cb.getValue(), payload, now);
                queued++;
            }
        }
        if (mqtt) {
            for (String topic : Oadr3Topics.publish(type, operation, object, programOf(type, object),
                    venOf(type, object), () -> targetedVens(type, object))) {
                outbox.append(MQTT_LANE, MQTT, topic, null, payload, now);
                queued++;
            }
        }
        if (queued > 0) {
            pending.set(Boolean.TRUE);
        }
    }

    /** The distinct callbackUrls (with their bearerToken or null) of a subscription for {@code type} and {@code operation}. */
    private static Map<String, String> callbacks(ObjectNode sub, String type, String operation) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode op : sub.path("objectOperations")) {
            if (Oadr3Json.strings(op.get("objects")).contains(type)
                    && Oadr3Json.strings(op.get("operations")).contains(operation)) {
                JsonNode token = op.get("bearerToken");
                out.putIfAbsent(op.path("callbackUrl").asText(), token == null || token.isNull() ? null : token.asText());
            }
        }
        return out;
    }

    /**
     * The owners of the subscriptions of one write, read lazily: one query per owner while there are few, then all
     * clients in one query (a fan-out to 10,000 VEN clients' subscriptions made 10,000 point queries inside the
     * write's transaction; BENCHMARKS.md "OpenADR 3.1").
     */
    private final class Owners {
        private static final int BULK_AFTER = 16;
        private final Map<String, Optional<Oadr3Client>> known = new HashMap<>();
        private boolean all;

        Optional<Oadr3Client> get(String clientId) {
            if (clientId == null) {
                return Optional.empty();
            }
            Optional<Oadr3Client> c = known.get(clientId);
            if (c != null) {
                return c;
            }
            if (all) {
                return Optional.empty();
            }
            if (known.size() >= BULK_AFTER) {
                for (Oadr3Client k : s.store().clients()) {
                    known.put(k.clientId(), Optional.of(k));
                }
                all = true;
                return known.getOrDefault(clientId, Optional.empty());
            }
            c = s.store().client(clientId);
            known.put(clientId, c);
            return c;
        }
    }

    private boolean programMatches(ObjectNode sub, String type, ObjectNode object) {
        JsonNode want = sub.get("programID");
        if (want == null || want.isNull()) {
            return true;
        }
        String program = programOf(type, object);
        return program == null || program.equals(want.asText());
    }

    /** Subscription targets filter like response filtering; an object without targets addresses everyone. */
    private static boolean targetsMatch(ObjectNode sub, ObjectNode object) {
        Set<String> want = Oadr3Json.strings(sub.get("targets"));
        Set<String> have = Oadr3Json.strings(object.get("targets"));
        return want.isEmpty() || have.isEmpty() || !Collections.disjoint(want, have);
    }

    private boolean visible(Oadr3Client owner, String type, ObjectNode object, Map<String, Set<String>> audiences) {
        if (Oadr3Roles.BL.equals(owner.role())) {
            return true;
        }
        if (type.equals(Oadr3Programs.TYPE) || type.equals(Oadr3Events.TYPE)) {
            Set<String> targets = Oadr3Json.strings(object.get("targets"));
            if (targets.isEmpty()) {
                return true;
            }
            Set<String> audience = audiences.computeIfAbsent(owner.clientId(), k -> s.audience(
                    new Oadr3Caller(k, Oadr3Roles.VEN, Set.copyOf(Oadr3Roles.scopes(Oadr3Roles.VEN)))));
            return !Collections.disjoint(targets, audience);
        }
        return owner.clientId().equals(object.path("clientID").asText(null));
    }

    String programOf(String type, ObjectNode object) {
        return switch (type) {
            case Oadr3Programs.TYPE -> object.path("id").asText(null);
            case Oadr3Events.TYPE, Oadr3VenObjects.SUBSCRIPTION -> text(object, "programID");
            case Oadr3VenObjects.REPORT -> {
                String p = text(object, "programID");
                String e = text(object, "eventID");
                yield p != null || e == null ? p
                        : s.core().events().get(e).map(ev -> ev.programId()).orElse(null);
            }
            default -> null;
        };
    }

    private static String venOf(String type, ObjectNode object) {
        return switch (type) {
            case Oadr3VenObjects.VEN -> object.path("id").asText(null);
            case Oadr3VenObjects.RESOURCE -> text(object, "venID");
            default -> null;
        };
    }

    /** The ids of the VENs a program or event targets (no targets: every VEN). */
    private List<String> targetedVens(String type, ObjectNode object) {
        List<String> out = new ArrayList<>();
        if (!type.equals(Oadr3Programs.TYPE) && !type.equals(Oadr3Events.TYPE)) {
            return out;
        }
        Set<String> targets = Oadr3Json.strings(object.get("targets"));
        List<Oadr3Object> resources = s.store().list(Oadr3VenObjects.RESOURCE);
        for (Oadr3Object ven : s.store().list(Oadr3VenObjects.VEN)) {
            Set<String> audience = new LinkedHashSet<>();
            audience.add(ven.name());
            audience.addAll(Oadr3Json.strings(Oadr3Json.parse(ven.body()).get("targets")));
            for (Oadr3Object r : resources) {
                if (ven.id().equals(r.parentId())) {
                    audience.add(r.name());
                    audience.addAll(Oadr3Json.strings(Oadr3Json.parse(r.body()).get("targets")));
                }
            }
            if (targets.isEmpty() || !Collections.disjoint(targets, audience)) {
                out.add(ven.id());
            }
        }
        return out;
    }

    private static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** @return {@code create}, {@code update} or {@code delete}: the last level of an MQTT topic */
    static String level(String operation) {
        return operation.toLowerCase(Locale.ROOT);
    }
}
