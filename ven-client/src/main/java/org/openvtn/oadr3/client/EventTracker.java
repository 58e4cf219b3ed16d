package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The VEN's view of its events, and what changed. Pure (no I/O, no clock), confined to the client's worker thread.
 * A complete list (a poll) yields new, modified (object differs from the one seen) and cancelled (no longer listed)
 * events; a single object (after a notification) yields new or modified; a removal yields cancelled once. Internal.
 */
final class EventTracker {
    /** One change: kind, the event, and the previous view for MODIFIED. */
    record Change(Kind kind, Oadr3Event event, Oadr3Event previous) {
    }

    enum Kind { NEW, MODIFIED, CANCELLED }

    private final Map<String, Oadr3Event> known = new LinkedHashMap<>();

    List<Change> applyList(List<JsonNode> events) {
        List<Change> out = new ArrayList<>();
        Map<String, Oadr3Event> seen = new LinkedHashMap<>();
        for (JsonNode e : events) {
            Oadr3Event ev = Oadr3Event.of(e);
            if (ev.id() == null) {
                continue;
            }
            seen.put(ev.id(), ev);
            Change c = apply(ev);
            if (c != null) {
                out.add(c);
            }
        }
        for (Oadr3Event gone : List.copyOf(known.values())) {
            if (!seen.containsKey(gone.id())) {
                known.remove(gone.id());
                out.add(new Change(Kind.CANCELLED, gone, null));
            }
        }
        return out;
    }

    /** @return the change this object makes, or null if it is the one already known */
    Change apply(Oadr3Event ev) {
        Oadr3Event before = known.put(ev.id(), ev);
        if (before == null) {
            return new Change(Kind.NEW, ev, null);
        }
        return before.json().equals(ev.json()) ? null : new Change(Kind.MODIFIED, ev, before);
    }

    /** @return CANCELLED for a known event, null otherwise */
    Change remove(String id) {
        Oadr3Event before = known.remove(id);
        return before == null ? null : new Change(Kind.CANCELLED, before, null);
    }

    List<Oadr3Event> snapshot() {
        return List.copyOf(known.values());
    }
}
