package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.Event;
import org.openvtn.core.EventOverlapException;
import org.openvtn.core.EventSpec;
import org.openvtn.core.VtnException;
import org.openvtn.oadr3.store.Oadr3Object;

/**
 * 3.1 events (openadr3.yaml {@code /events}) on the core {@link org.openvtn.core.EventService}: one event, whichever
 * API wrote it, reaches 2.0b VENs (oadrDistributeEvent), 2030.5 devices and 3.1 VENs. A 3.1 DELETE cancels the core
 * event (2.0b VENs receive the cancellation); cancelled events are no longer served over 3.1.
 */
public final class Oadr3Events {
    static final String TYPE = "EVENT";
    private final Oadr3Services s;

    Oadr3Events(Oadr3Services s) {
        this.s = s;
    }

    /** searchAllEvents without the {@code active} filter. */
    public List<ObjectNode> list(Oadr3Caller caller, String programId, Set<String> targets) {
        return list(caller, programId, targets, false);
    }

    /**
     * searchAllEvents: filters programID, targets (any in common; an event without targets matches no targets filter)
     * and, with {@code activeOnly}, "ignore events that
     * have transpired" (openadr3.yaml parameter {@code active}: events whose end is not after now are left out); a
     * VEN client sees events targeting it.
     */
    public List<ObjectNode> list(Oadr3Caller caller, String programId, Set<String> targets, boolean activeOnly) {
        caller.require(Oadr3Roles.READ_TARGETS);
        Set<String> audience = caller.readsAll() ? Set.of() : s.audience(caller);
        List<Event> all = new ArrayList<>(s.core().events().list());
        all.sort(Comparator.comparing(Event::createdAt).thenComparing(Event::id));
        List<ObjectNode> out = new ArrayList<>();
        for (Event e : all) {
            if (e.cancelled() || (programId != null && !programId.equals(e.programId()))) {
                continue;
            }
            if (activeOnly && !e.end().isAfter(s.clock().instant())) {
                continue;
            }
            if (!caller.readsAll() && !EventMapping.matches(e.spec().targets(), audience)) {
                continue;
            }
            // Definition "Query parameters": a targets filter keeps "only those objects that include target terms
            // found in the query", so an event without targets (addressed to all) is left out, as programs are
            if (!targets.isEmpty() && (e.spec().targets().all() || !EventMapping.matches(e.spec().targets(), targets))) {
                continue;
            }
            out.add(render(e));
        }
        return out;
    }

    /** searchEventsByID; an event hidden from the caller is 404. */
    public ObjectNode get(Oadr3Caller caller, String id) {
        caller.require(Oadr3Roles.READ_TARGETS);
        Event e = visible(caller, id);
        return render(e);
    }

    public ObjectNode create(Oadr3Caller caller, ObjectNode request) {
        caller.require(Oadr3Roles.WRITE_EVENTS);
        return s.notifications().ownWrite(() -> s.store().database().inTransaction(() -> {
            EventSpec spec = spec(request);
            Event e = core(() -> s.core().events().create(spec));
            store(e, request, true);
            ObjectNode out = render(e);
            s.notifications().changed(TYPE, Oadr3Notifications.CREATE, out);
            return out;
        }));
    }

    public ObjectNode update(Oadr3Caller caller, String id, ObjectNode request) {
        caller.require(Oadr3Roles.WRITE_EVENTS);
        return s.notifications().ownWrite(() -> s.store().database().inTransaction(() -> {
            visible(caller, id);
            EventSpec spec = spec(request);
            Event e = core(() -> s.core().events().update(id, spec));
            store(e, request, s.store().find(TYPE, id).isEmpty());
            ObjectNode out = render(e);
            s.notifications().changed(TYPE, Oadr3Notifications.UPDATE, out);
            return out;
        }));
    }

    /** deleteEvent: cancels the core event and answers the event as it was. */
    public ObjectNode delete(Oadr3Caller caller, String id) {
        caller.require(Oadr3Roles.WRITE_EVENTS);
        return s.notifications().ownWrite(() -> s.store().database().inTransaction(() -> {
            ObjectNode before = render(visible(caller, id));
            core(() -> s.core().events().cancel(id));
            s.store().delete(TYPE, id);
            s.notifications().changed(TYPE, Oadr3Notifications.DELETE, before);
            return before;
        }));
    }

    private Event visible(Oadr3Caller caller, String id) {
        Optional<Event> e = s.core().events().get(id).filter(ev -> !ev.cancelled());
        if (e.isEmpty() || (!caller.readsAll()
                && !EventMapping.matches(e.get().spec().targets(), s.audience(caller)))) {
            throw Oadr3Exception.notFound("no event " + id);
        }
        return e.get();
    }

    private EventSpec spec(ObjectNode request) {
        if (s.core().programs().get(request.path("programID").asText()).isEmpty()) {
            throw Oadr3Exception.badRequest("programID: no program " + request.path("programID").asText());
        }
        try {
            return EventMapping.toSpec(request, s.clock().instant());
        } catch (VtnException e) {
            throw Oadr3Exception.badRequest(e.getMessage());
        }
    }

    private static Event core(java.util.function.Supplier<Event> work) {
        try {
            return work.get();
        } catch (EventOverlapException e) {
            throw Oadr3Exception.conflict(e.getMessage());
        } catch (VtnException e) {
            if (e.errorCode() == ErrorCode.NOT_ALLOWED) {
                throw Oadr3Exception.conflict(e.getMessage());
            }
            throw Oadr3Exception.badRequest(e.getMessage());
        }
    }

    private void store(Event e, ObjectNode request, boolean insert) {
        Oadr3Object o = new Oadr3Object(TYPE, e.id(), null, e.programId(), null, e.modificationNumber(),
                Oadr3Json.writeStored(request), e.createdAt(), e.modifiedAt());
        if (insert) {
            s.store().insert(o);
        } else {
            s.store().update(o);
        }
    }

    /** The 3.1 body written with the event, while the core event is still the one it describes; else derived. */
    ObjectNode render(Event e) {
        Oadr3Object meta = new Oadr3Object(TYPE, e.id(), null, null, null, null, "{}", e.createdAt(), e.modifiedAt());
        ObjectNode body = s.store().find(TYPE, e.id())
                .filter(o -> o.coreModification() != null && o.coreModification() == e.modificationNumber())
                .map(o -> Oadr3Json.parse(o.body())).orElseGet(() -> EventMapping.fromCore(e));
        return Oadr3Services.withMetadata(body, meta);
    }
}
