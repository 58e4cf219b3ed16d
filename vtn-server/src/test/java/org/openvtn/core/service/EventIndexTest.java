package org.openvtn.core.service;

import org.openvtn.core.Protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Registration;
import org.openvtn.core.Targets;

/**
 * The per-target event index behind a VEN's distribution (OpenADR 2.0b 8.4 oadrDistributeEvent carries every event
 * for that VEN, and only those): candidates by venID, group, resource, party and all; modifications re-key;
 * events past the cutoff drop out; the store is read once.
 */
class EventIndexTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private static Event event(String id, long mod, Targets t, Instant start) {
        EventSpec spec = EventSpec.builder().programId("p").start(start).targets(t)
                .signal("SIMPLE", "level", null, List.of(java.util.Map.entry(Duration.ofMinutes(30), 1.0))).build();
        return new Event(id, mod, false, "http://mc", T0, T0, spec);
    }

    private static Registration reg(String venId, String party, Set<String> groups, Set<String> resources) {
        return new Registration("r-" + venId, venId, venId, party, "fp-" + venId, Protocol.OADR20B,
                Registration.OadrTerms.pull(), Duration.ofSeconds(10), groups, resources, T0, true);
    }

    @Test
    void candidatesFollowTargetsAndModifications() {
        AtomicInteger loads = new AtomicInteger();
        EventIndex index = new EventIndex();
        Event forA = event("e1", 0, Targets.vens("A"), T0.plusSeconds(60));
        Event forGroup = event("e2", 0, new Targets(false, Set.of(), Set.of("g1"), Set.of(), Set.of()), T0);
        Event forAll = event("e3", 0, Targets.everyone(), T0.plusSeconds(30));
        Registration a = reg("A", null, Set.of(), Set.of());
        Registration b = reg("B", "party-b", Set.of("g1"), Set.of("res-1"));

        assertEquals(List.of("e3", "e1"), ids(index.candidates(a, T0, () -> {
            loads.incrementAndGet();
            return List.of(forA, forGroup, forAll);
        })));
        assertEquals(List.of("e2", "e3"), ids(index.candidates(b, T0, List::of)));
        assertEquals(1, loads.get(), "the store is read once");

        index.put(event("e1", 1, new Targets(false, Set.of(), Set.of(), Set.of("res-1"), Set.of()), T0.plusSeconds(60)),
                T0);
        index.put(event("e1", 0, Targets.vens("A"), T0.plusSeconds(60)), T0); // stale modification ignored
        index.put(event("e4", 0, new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party-b")), T0), T0);
        assertEquals(List.of("e3"), ids(index.candidates(a, T0, List::of)));
        assertEquals(List.of("e2", "e4", "e3", "e1"), ids(index.candidates(b, T0, List::of)));

        // cutoff after the 30-minute events starting at T0 ended: only the later ones remain
        assertEquals(List.of("e3", "e1"), ids(index.candidates(b, T0.plus(Duration.ofMinutes(30)), List::of)));

        index.invalidate();
        assertEquals(List.of(), ids(index.candidates(a, T0, List::of)), "reloaded from the (now empty) store");
    }

    private static List<String> ids(List<Event> events) {
        return events.stream().map(Event::id).toList();
    }
}
