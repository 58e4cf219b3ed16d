package org.openvtn.core.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.openvtn.core.Event;
import org.openvtn.core.Registration;
import org.openvtn.core.Targets;

/**
 * In-memory index of the events that can still be delivered, by target (all, venID, groupID, resourceID, partyID),
 * so building one VEN's distribution looks only at the events that name it instead of decoding every live event.
 * Filled from the store on first use (so it survives restarts), kept current by {@link DefaultEventService} inside
 * the writing transaction and dropped when a transaction fails. One process per database: used on Derby only
 * ({@code Database#singleProcess}); on PostgreSQL {@link DefaultEventService} reads the store instead.
 * Thread-safe.
 */
final class EventIndex {

    private static final Comparator<Event> ORDER = Comparator.comparing(Event::start).thenComparing(Event::id);
    /** Events that ended this long before the delivery cutoff are forgotten. */
    private static final Duration SLACK = Duration.ofDays(1);

    private final Map<String, Event> byId = new HashMap<>();
    private final Map<String, Set<String>> byTarget = new HashMap<>();
    private boolean loaded;

    /**
     * The indexed events addressing {@code reg} that end after {@code cutoff}, by start then id (the store's order).
     *
     * @param load the live events from the store, read on first use
     */
    synchronized List<Event> candidates(Registration reg, Instant cutoff, Supplier<List<Event>> load) {
        if (!loaded) {
            for (Event e : load.get()) {
                add(e);
            }
            loaded = true;
        }
        Set<String> ids = new LinkedHashSet<>();
        collect(ids, "*");
        collect(ids, "v:" + reg.participantId());
        if (reg.partyId() != null) {
            collect(ids, "p:" + reg.partyId());
        }
        reg.groupIds().forEach(g -> collect(ids, "g:" + g));
        reg.resourceIds().forEach(r -> collect(ids, "r:" + r));
        List<Event> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            Event e = byId.get(id);
            if (e != null && e.end().isAfter(cutoff)) {
                out.add(e);
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Records a created or changed event (an older modification never replaces a newer one). */
    synchronized void put(Event e, Instant cutoff) {
        if (!loaded) {
            return; // the first query loads everything from the store, this event included
        }
        Event old = byId.get(e.id());
        if (old != null && old.modificationNumber() > e.modificationNumber()) {
            return;
        }
        if (old != null) {
            remove(old);
        }
        add(e);
        byId.values().removeIf(x -> x.end().isBefore(cutoff.minus(SLACK)) && removeKeys(x));
    }

    /** Forgets everything; the next query reloads from the store (after a failed transaction). */
    synchronized void invalidate() {
        byId.clear();
        byTarget.clear();
        loaded = false;
    }

    private void collect(Set<String> into, String key) {
        Set<String> s = byTarget.get(key);
        if (s != null) {
            into.addAll(s);
        }
    }

    private void add(Event e) {
        byId.put(e.id(), e);
        for (String k : keys(e.spec().targets())) {
            byTarget.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(e.id());
        }
    }

    private void remove(Event e) {
        byId.remove(e.id());
        removeKeys(e);
    }

    private boolean removeKeys(Event e) {
        for (String k : keys(e.spec().targets())) {
            Set<String> s = byTarget.get(k);
            if (s != null) {
                s.remove(e.id());
                if (s.isEmpty()) {
                    byTarget.remove(k);
                }
            }
        }
        return true;
    }

    private static List<String> keys(Targets t) {
        List<String> k = new ArrayList<>();
        if (t.all()) {
            k.add("*");
        }
        t.participantIds().forEach(v -> k.add("v:" + v));
        t.groupIds().forEach(g -> k.add("g:" + g));
        t.resourceIds().forEach(r -> k.add("r:" + r));
        t.partyIds().forEach(p -> k.add("p:" + p));
        return k;
    }
}
