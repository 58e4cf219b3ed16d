package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.oadr3.store.Oadr3Object;

/**
 * The 3.1 objects a VEN client owns (openadr3.yaml {@code /vens}, {@code /resources}, {@code /reports},
 * {@code /subscriptions}), stored by the adapter with their owner's clientID. Object privacy (3.1 Definition): a VEN
 * client reads and changes only objects whose clientID is its own (another's is 404, as if absent); a BL client
 * (scope read_all) reads all and writes VENs, resources and subscriptions. Reports also land in the core telemetry
 * store, keyed {@code oadr3:<clientID>} (docs/openadr-3.md). Every write queues its notifications
 * ({@link Oadr3Notifications}); a subscription's callbacks pass the echo challenge before it is stored.
 */
public final class Oadr3VenObjects {
    public static final String VEN = "VEN";
    public static final String RESOURCE = "RESOURCE";
    public static final String REPORT = "REPORT";
    public static final String SUBSCRIPTION = "SUBSCRIPTION";
    private static final Map<String, String> WRITE_SCOPE = Map.of(VEN, Oadr3Roles.WRITE_VENS,
            RESOURCE, Oadr3Roles.WRITE_VENS, REPORT, Oadr3Roles.WRITE_REPORTS,
            SUBSCRIPTION, Oadr3Roles.WRITE_SUBSCRIPTIONS);
    private final Oadr3Services s;

    Oadr3VenObjects(Oadr3Services s) {
        this.s = s;
    }

    /**
     * searchVens / searchVenResources / searchAllReports / searchSubscriptions.
     *
     * @param filters query parameters that must equal the body field of the same name (venName, resourceName,
     *                venID, eventID, clientName, programID); {@code targets} = any in common
     */
    public List<ObjectNode> list(Oadr3Caller caller, String type, Map<String, String> filters, Set<String> targets) {
        return list(caller, type, filters, targets, Set.of());
    }

    /**
     * As {@link #list(Oadr3Caller, String, Map, Set)}, with the {@code objects} filter of searchSubscriptions
     * (openadr3.yaml: "list of objects to subscribe to"): a subscription is kept when one of its
     * {@code objectOperations} lists at least one of the given object types; empty = no filter.
     */
    public List<ObjectNode> list(Oadr3Caller caller, String type, Map<String, String> filters, Set<String> targets,
                                 Set<String> objects) {
        caller.require(Oadr3Roles.READ_VEN_OBJECTS);
        List<ObjectNode> out = new ArrayList<>();
        for (Oadr3Object o : s.store().list(type)) {
            if (!caller.readsAll() && !caller.clientId().equals(o.clientId())) {
                continue;
            }
            ObjectNode body = render(o);
            boolean keep = filters.entrySet().stream().allMatch(f -> f.getValue() == null
                    || f.getValue().equals(field(body, f.getKey())));
            if (keep && !targets.isEmpty() && java.util.Collections.disjoint(targets,
                    Oadr3Json.strings(body.get("targets")))) {
                keep = false;
            }
            if (keep && !objects.isEmpty() && !subscribesTo(body, objects)) {
                keep = false;
            }
            if (keep) {
                out.add(body);
            }
        }
        return out;
    }

    private static boolean subscribesTo(ObjectNode subscription, Set<String> objects) {
        for (JsonNode op : subscription.path("objectOperations")) {
            if (!java.util.Collections.disjoint(objects, Oadr3Json.strings(op.get("objects")))) {
                return true;
            }
        }
        return false;
    }

    private String field(ObjectNode body, String name) {
        if ("programID".equals(name) && !body.has("programID") && body.has("eventID")) {
            return s.core().events().get(body.get("eventID").asText()).map(e -> e.programId()).orElse(null);
        }
        JsonNode v = body.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    public ObjectNode get(Oadr3Caller caller, String type, String id) {
        caller.require(Oadr3Roles.READ_VEN_OBJECTS);
        return render(owned(caller, type, id));
    }

    public ObjectNode create(Oadr3Caller caller, String type, ObjectNode request) {
        caller.require(WRITE_SCOPE.get(type));
        if (SUBSCRIPTION.equals(type)) {
            s.notifications().verifyCallbacks(request);
        }
        return s.store().database().inTransaction(() -> {
            Instant now = s.clock().instant();
            Oadr3Object o = prepare(caller, type, UUID.randomUUID().toString(), request, now, now);
            s.store().insert(o);
            afterWrite(caller, o, request);
            ObjectNode out = render(o);
            s.notifications().changed(type, Oadr3Notifications.CREATE, out);
            return out;
        });
    }

    public ObjectNode update(Oadr3Caller caller, String type, String id, ObjectNode request) {
        caller.require(WRITE_SCOPE.get(type));
        if (SUBSCRIPTION.equals(type)) {
            owned(caller, type, id);
            s.notifications().verifyCallbacks(request);
        }
        return s.store().database().inTransaction(() -> {
            Oadr3Object old = owned(caller, type, id);
            Oadr3Object o = prepare(caller, type, id, request, old.createdAt(), s.clock().instant());
            s.store().update(o);
            afterWrite(caller, o, request);
            ObjectNode out = render(o);
            s.notifications().changed(type, Oadr3Notifications.UPDATE, out);
            return out;
        });
    }

    /** Deletes and answers the object as it was; a VEN's resources go with it. */
    public ObjectNode delete(Oadr3Caller caller, String type, String id) {
        caller.require(WRITE_SCOPE.get(type));
        return s.store().database().inTransaction(() -> {
            Oadr3Object old = owned(caller, type, id);
            if (VEN.equals(type)) {
                s.store().list(RESOURCE).stream().filter(r -> id.equals(r.parentId())).forEach(r -> {
                    s.notifications().changed(RESOURCE, Oadr3Notifications.DELETE, render(r));
                    s.store().delete(RESOURCE, r.id());
                });
            }
            ObjectNode out = render(old);
            s.notifications().changed(type, Oadr3Notifications.DELETE, out);
            s.store().delete(type, id);
            return out;
        });
    }

    private Oadr3Object owned(Oadr3Caller caller, String type, String id) {
        return s.store().find(type, id)
                .filter(o -> caller.readsAll() || caller.clientId().equals(o.clientId()))
                .orElseThrow(() -> Oadr3Exception.notFound("no " + type.toLowerCase() + " " + id));
    }

    private Oadr3Object prepare(Oadr3Caller caller, String type, String id, ObjectNode request, Instant created,
                                Instant now) {
        ObjectNode body = request.deepCopy();
        String owner = caller.clientId();
        String parent = null;
        String name = null;
        switch (type) {
            case VEN -> {
                name = body.path("venName").asText();
                owner = ownerOf(caller, body);
                Optional<Oadr3Object> same = s.store().findByName(VEN, name);
                if (same.isPresent() && !same.get().id().equals(id)) {
                    throw Oadr3Exception.conflict("venName " + name + " is in use");
                }
                body.put("clientID", owner);
            }
            case RESOURCE -> {
                name = body.path("resourceName").asText();
                parent = body.path("venID").asText();
                Oadr3Object ven = s.store().find(VEN, parent)
                        .filter(v -> caller.readsAll() || caller.clientId().equals(v.clientId()))
                        .orElseThrow(() -> Oadr3Exception.badRequest("venID: no VEN " + body.path("venID").asText()));
                owner = ven.clientId();
                body.put("clientID", owner);
            }
            case REPORT -> {
                parent = body.path("eventID").asText();
                if (s.core().events().get(parent).isEmpty()) {
                    throw Oadr3Exception.badRequest("eventID: no event " + parent);
                }
                body.put("clientID", owner);
            }
            default -> body.put("clientID", owner);
        }
        body.remove(List.of("id", "createdDateTime", "modificationDateTime"));
        return new Oadr3Object(type, id, owner, parent, name, null, Oadr3Json.writeStored(body), created, now);
    }

    /** A VEN client creates VENs for itself; a BL names the owning clientID (BlVenRequest). */
    private static String ownerOf(Oadr3Caller caller, ObjectNode body) {
        String asked = body.hasNonNull("clientID") ? body.get("clientID").asText() : null;
        if (caller.readsAll()) {
            if (asked == null) {
                throw Oadr3Exception.badRequest("clientID: a BL names the VEN's client (BL_VEN_REQUEST)");
            }
            return asked;
        }
        if (asked != null && !asked.equals(caller.clientId())) {
            throw Oadr3Exception.forbidden("a VEN client creates VENs for its own clientID only");
        }
        return caller.clientId();
    }

    /** Reports: every numeric payload value becomes a core telemetry point (rID = resourceName/payload type). */
    private void afterWrite(Oadr3Caller caller, Oadr3Object o, ObjectNode request) {
        if (!REPORT.equals(o.type())) {
            return;
        }
        List<TelemetryPoint> points = new ArrayList<>();
        Instant now = s.clock().instant();
        for (JsonNode resource : request.path("resources")) {
            JsonNode rip = resource.get("intervalPeriod");
            Instant cursor = rip == null ? null : Oadr3Json.instant(rip.get("start"), "resources.intervalPeriod.start", now);
            Duration step = rip == null ? null : Oadr3Json.duration(rip.get("duration"), "resources.intervalPeriod.duration");
            for (JsonNode interval : resource.path("intervals")) {
                JsonNode ip = interval.get("intervalPeriod");
                Instant start = ip == null ? null : Oadr3Json.instant(ip.get("start"), "intervals.intervalPeriod.start", now);
                Instant t = start != null ? start : (cursor != null ? cursor : o.modifiedAt());
                Duration d = ip == null ? null : Oadr3Json.duration(ip.get("duration"), "intervals.intervalPeriod.duration");
                cursor = t.plus(d != null ? d : step != null ? step : Duration.ZERO);
                for (JsonNode payload : interval.path("payloads")) {
                    JsonNode v = payload.path("values").path(0);
                    if (v.isNumber()) {
                        points.add(new TelemetryPoint("oadr3:" + caller.clientId(),
                                resource.path("resourceName").asText() + "/" + payload.path("type").asText(),
                                o.id(), t, v.asDouble(), null));
                    }
                }
            }
        }
        if (!points.isEmpty()) {
            s.core().reports().recordReadings(points);
        }
    }

    private static ObjectNode render(Oadr3Object o) {
        return Oadr3Services.withMetadata(Oadr3Json.parse(o.body()), o);
    }
}
