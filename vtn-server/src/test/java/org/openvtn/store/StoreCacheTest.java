package org.openvtn.store;

import org.openvtn.core.Protocol;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.PollItem;
import org.openvtn.core.Program;
import org.openvtn.core.Registration;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;

/**
 * The read caches on the poll path (issue 8: registration by fingerprint/venID, "queue known empty") never show
 * what the database does not hold: a save is visible at once, and a rolled-back write leaves no trace.
 */
class StoreCacheTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private JdbcVtnStore store;

    @BeforeEach
    void open() {
        store = JdbcVtnStore.open(Database.openMemory("cache" + UUID.randomUUID().toString().replace("-", "")));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static Registration reg(String regId, boolean active) {
        return new Registration(regId, "ven-1", "n", null, "AA:BB", Protocol.OADR20B, Registration.OadrTerms.pull(),
                Duration.ofSeconds(10), Set.of(), Set.of(), T0, active);
    }

    @Test
    void aSavedRegistrationIsSeenThroughBothKeys() {
        store.registrations().save(reg("r1", true));
        assertEquals("r1", store.registrations().findByFingerprint("AA:BB").orElseThrow().registrationId());
        assertEquals("r1", store.registrations().findByVenId("ven-1").orElseThrow().registrationId());
        store.registrations().save(reg("r2", false));
        assertEquals("r2", store.registrations().findByFingerprint("AA:BB").orElseThrow().registrationId());
        assertFalse(store.registrations().findByVenId("ven-1").orElseThrow().active());
    }

    @Test
    void aRolledBackSaveLeavesTheCommittedRegistration() {
        store.registrations().save(reg("r1", true));
        store.registrations().findByFingerprint("AA:BB").orElseThrow();
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            store.registrations().save(reg("r2", true));
            // read inside the transaction: the cache may fill with the uncommitted row...
            assertEquals("r2", store.registrations().findByFingerprint("AA:BB").orElseThrow().registrationId());
            throw new IllegalStateException("roll back");
        }));
        // ...but the rollback clears it.
        assertEquals("r1", store.registrations().findByFingerprint("AA:BB").orElseThrow().registrationId());
        assertEquals("r1", store.registrations().findByVenId("ven-1").orElseThrow().registrationId());
    }

    @Test
    void theEmptyQueueMarkFollowsInsertsAndRollbacks() {
        PollStore polls = store.polls();
        assertTrue(polls.list("ven-1").isEmpty()); // now known empty
        PollItem item = polls.insert("ven-1", PollItem.Kind.EVENTS_CHANGED, null, T0);
        assertEquals(List.of(item.seq()), polls.list("ven-1").stream().map(PollItem::seq).toList());
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            polls.delete(item.seq());
            assertTrue(polls.list("ven-1").isEmpty()); // marks empty inside the doomed transaction
            throw new IllegalStateException("roll back");
        }));
        assertEquals(1, polls.list("ven-1").size(), "the rolled-back delete must not leave an empty mark");
        polls.delete(item.seq());
        assertTrue(polls.list("ven-1").isEmpty());
        polls.insert("ven-1", PollItem.Kind.REREGISTRATION_REQUESTED, "r", T0);
        assertEquals(1, polls.list("ven-1").size());
    }

    /** Issue #18: the per-VEN queue snapshot follows markSent, delete and deleteByVen, and forgets rolled-back writes. */
    @Test
    void theQueueSnapshotFollowsEveryWrite() {
        PollStore polls = store.polls();
        PollItem a = polls.insert("ven-1", PollItem.Kind.EVENTS_CHANGED, null, T0);
        PollItem b = polls.insert("ven-1", PollItem.Kind.REPORT_REQUESTED, "rr", T0);
        assertEquals(2, polls.list("ven-1").size()); // snapshot filled
        polls.markSent(a.seq(), T0.plusSeconds(5));
        assertEquals(T0.plusSeconds(5), polls.list("ven-1").get(0).sentAt());
        assertEquals(1, polls.list("ven-1").get(0).deliveries());
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            polls.markSent(b.seq(), T0.plusSeconds(6));
            assertTrue(polls.list("ven-1").get(1).sent()); // the uncommitted state may fill the snapshot...
            throw new IllegalStateException("roll back");
        }));
        assertFalse(polls.list("ven-1").get(1).sent(), "...the rollback drops it");
        polls.delete(a.seq());
        assertEquals(List.of(b.seq()), polls.list("ven-1").stream().map(PollItem::seq).toList());
        polls.deleteByVen("ven-1");
        assertTrue(polls.list("ven-1").isEmpty());
    }

    private static Event event(String id, long modification) {
        EventSpec spec = EventSpec.builder().programId("p1").start(T0).targets(Targets.everyone())
                .responseRequired(ResponseRequired.NEVER)
                .signal("SIMPLE", "level", null, List.of(java.util.Map.entry(Duration.ofHours(1), 1.0 * modification)))
                .build();
        return new Event(id, modification, false, "http://mc", T0, T0.plusSeconds(modification), spec);
    }

    @Test
    void theEventListFollowsWritesAndRollbacks() {
        store.programs().insert(new Program("p1", "p", "http://mc", T0));
        EventStore events = store.events();
        assertTrue(events.list().isEmpty());
        events.insert(event("e1", 0));
        assertEquals(List.of(0L), events.list().stream().map(Event::modificationNumber).toList());
        events.update(event("e1", 1));
        assertEquals(List.of(1L), events.list().stream().map(Event::modificationNumber).toList());
        assertEquals(1.0, events.list().get(0).spec().signals().get(0).intervals().get(0).value());
        assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
            events.insert(event("e2", 0));
            assertEquals(2, events.list().size()); // fills the cache with the uncommitted row...
            throw new IllegalStateException("roll back");
        }));
        assertEquals(List.of("e1"), events.list().stream().map(Event::id).toList()); // ...which the rollback drops
    }
}
