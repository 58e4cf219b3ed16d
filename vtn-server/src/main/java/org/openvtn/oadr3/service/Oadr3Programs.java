package org.openvtn.oadr3.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.core.Program;
import org.openvtn.core.VtnException;
import org.openvtn.oadr3.store.Oadr3Object;

/**
 * 3.1 programs (openadr3.yaml {@code /programs}): each is a core {@link Program} (name = programName, market
 * context = the first programDescriptions URL, else {@code urn:openvtn:program:<programName>}); the 3.1-only fields
 * are kept beside it. Programs written elsewhere (admin API) are served with programName only.
 */
public final class Oadr3Programs {
    static final String TYPE = "PROGRAM";
    private final Oadr3Services s;

    Oadr3Programs(Oadr3Services s) {
        this.s = s;
    }

    /** searchAllPrograms: a VEN client sees programs without targets and those targeting it. */
    public List<ObjectNode> list(Oadr3Caller caller, Set<String> targets) {
        caller.require(Oadr3Roles.READ_TARGETS);
        Set<String> audience = caller.readsAll() ? Set.of() : s.audience(caller);
        List<ObjectNode> out = new ArrayList<>();
        List<Program> all = new ArrayList<>(s.core().programs().list());
        all.sort(java.util.Comparator.comparing(Program::createdAt).thenComparing(Program::id));
        for (Program p : all) {
            ObjectNode o = render(p);
            Set<String> t = Oadr3Json.strings(o.get("targets"));
            if (!caller.readsAll() && !t.isEmpty() && java.util.Collections.disjoint(t, audience)) {
                continue;
            }
            if (!targets.isEmpty() && java.util.Collections.disjoint(t, targets)) {
                continue;
            }
            out.add(o);
        }
        return out;
    }

    /** searchProgramByProgramId; a program hidden from the caller is 404, as if absent. */
    public ObjectNode get(Oadr3Caller caller, String id) {
        return list(caller, Set.of()).stream().filter(o -> id.equals(o.path("id").asText())).findFirst()
                .orElseThrow(() -> Oadr3Exception.notFound("no program " + id));
    }

    /** createProgram: a core program plus its 3.1 fields; a programName in use is 409. */
    public ObjectNode create(Oadr3Caller caller, ObjectNode request) {
        caller.require(Oadr3Roles.WRITE_PROGRAMS);
        String name = request.path("programName").asText();
        return s.notifications().ownWrite(() -> s.store().database().inTransaction(() -> {
            if (s.core().programs().list().stream().anyMatch(p -> p.name().equals(name))) {
                throw Oadr3Exception.conflict("programName " + name + " is in use");
            }
            Program p;
            try {
                p = s.core().programs().create(name, marketContext(request));
            } catch (VtnException e) {
                throw Oadr3Exception.badRequest(e.getMessage());
            }
            Instant now = s.clock().instant();
            s.store().insert(new Oadr3Object(TYPE, p.id(), caller.clientId(), null, name, null,
                    Oadr3Json.writeStored(request), p.createdAt(), now));
            ObjectNode out = render(p);
            s.notifications().changed(TYPE, Oadr3Notifications.CREATE, out);
            return out;
        }));
    }

    /**
     * updateProgram: replaces the 3.1 fields. The core program's name and market context are what 2.0b VENs
     * already hold, so a changed programName is a 409 (docs/openadr-3.md).
     */
    public ObjectNode update(Oadr3Caller caller, String id, ObjectNode request) {
        caller.require(Oadr3Roles.WRITE_PROGRAMS);
        return s.store().database().inTransaction(() -> {
            Program p = s.core().programs().get(id).orElseThrow(() -> Oadr3Exception.notFound("no program " + id));
            if (!p.name().equals(request.path("programName").asText())) {
                throw Oadr3Exception.conflict("programName cannot change: 2.0b VENs know the program by it");
            }
            Instant now = s.clock().instant();
            Oadr3Object o = new Oadr3Object(TYPE, id, caller.clientId(), null, p.name(), null,
                    Oadr3Json.writeStored(request), p.createdAt(), now);
            if (!s.store().update(o)) {
                s.store().insert(o);
            }
            ObjectNode out = render(p);
            s.notifications().changed(TYPE, Oadr3Notifications.UPDATE, out);
            return out;
        });
    }

    /**
     * deleteProgram: deletes the core program and its 3.1 fields and answers the program as it was. A program that
     * events reference (any event, cancelled ones too: 2.0b VENs and the event history know it) is a 409.
     */
    public ObjectNode delete(Oadr3Caller caller, String id) {
        caller.require(Oadr3Roles.WRITE_PROGRAMS);
        return s.notifications().ownWrite(() -> s.store().database().inTransaction(() -> {
            Program p = s.core().programs().get(id).orElseThrow(() -> Oadr3Exception.notFound("no program " + id));
            ObjectNode before = render(p);
            try {
                s.core().programs().delete(id);
            } catch (VtnException e) {
                throw Oadr3Exception.conflict(e.getMessage());
            }
            s.store().delete(TYPE, id);
            s.notifications().changed(TYPE, Oadr3Notifications.DELETE, before);
            return before;
        }));
    }

    private static String marketContext(ObjectNode request) {
        for (var d : request.path("programDescriptions")) {
            if (d.hasNonNull("URL")) {
                return d.get("URL").asText();
            }
        }
        return "urn:openvtn:program:" + request.path("programName").asText();
    }

    ObjectNode render(Program p) {
        Optional<Oadr3Object> stored = s.store().find(TYPE, p.id());
        ObjectNode body = stored.map(o -> Oadr3Json.parse(o.body())).orElseGet(Oadr3Json::object);
        body.put("programName", p.name());
        Instant modified = stored.map(Oadr3Object::modifiedAt).orElse(p.createdAt());
        return Oadr3Services.withMetadata(body, new Oadr3Object(TYPE, p.id(), null, null, p.name(), null, "{}",
                p.createdAt(), modified));
    }
}
