package org.openvtn.ven.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openvtn.ven.DrEvent;
import org.openvtn.ven.EventSignal;
import org.openvtn.ven.EventState;
import org.openvtn.ven.ResponseRequired;
import org.openvtn.ven.SignalInterval;
import org.openvtn.ven.scheduler.EventScheduler.ChangeKind;
import org.openvtn.certs.testing.MutableClock;

/** The event scheduler with a hand-moved clock: no sleeps, no threads. */
class EventSchedulerTest {

    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private final EventScheduler scheduler = new EventScheduler(clock, new Random(42));

    static DrEvent event(String id, long mod, Instant start, Duration duration, Duration startAfter,
                         ResponseRequired rr, String status, String signal, double... values) {
        List<SignalInterval> ivs = new java.util.ArrayList<>();
        Duration each = values.length == 0 ? duration : duration.dividedBy(values.length);
        for (int i = 0; i < values.length; i++) {
            ivs.add(new SignalInterval(i, each, values[i]));
        }
        return new DrEvent(id, mod, 1, "http://market", T0, status, false, null, start, duration, startAfter,
                List.of(new EventSignal(signal, "level", "s0", null, ivs)), rr, EventState.PENDING, start);
    }

    static DrEvent simple(String id, long mod, Instant start, Duration duration) {
        return event(id, mod, start, duration, Duration.ZERO, ResponseRequired.ALWAYS, "far", "SIMPLE", 1, 2);
    }

    private EventScheduler.Outcome distribute(DrEvent... events) {
        return scheduler.distribute(List.of(events), e -> !e.signals().get(0).name().startsWith("x-"));
    }

    private static List<ChangeKind> kinds(List<EventScheduler.Change> changes) {
        return changes.stream().map(EventScheduler.Change::kind).toList();
    }

    /** Rules 4/5 and the pending -> active -> completed lifecycle from the clock alone. */
    @Test
    void lifecycleFollowsTheClock() {
        DrEvent e = simple("e1", 0, T0.plusSeconds(60), Duration.ofMinutes(10));
        assertEquals(List.of(ChangeKind.NEW), kinds(distribute(e).changes()));
        assertEquals(T0.plusSeconds(60), scheduler.nextTransition().orElseThrow());
        assertTrue(scheduler.tick().isEmpty());
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(ChangeKind.ACTIVE), kinds(scheduler.tick()));
        assertEquals(T0.plusSeconds(660), scheduler.nextTransition().orElseThrow());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(ChangeKind.COMPLETED), kinds(scheduler.tick()));
        assertTrue(scheduler.nextTransition().isEmpty());
        // Still listed by the VTN after completion: nothing new, no cancel.
        assertTrue(distribute(e).changes().isEmpty());
        // Dropped from the list after completion: silently forgotten, not cancelled.
        assertTrue(distribute().changes().isEmpty());
    }

    /** An event already under way when it arrives is delivered as new and active at once. */
    @Test
    void eventAlreadyStartedIsActiveOnArrival() {
        var out = distribute(simple("e1", 0, T0.minusSeconds(30), Duration.ofMinutes(5)));
        assertEquals(List.of(ChangeKind.NEW, ChangeKind.ACTIVE), kinds(out.changes()));
        assertEquals(EventState.ACTIVE, out.changes().get(0).event().state());
    }

    /** Rule 30 / A_E1_0685: the start is drawn inside [dtstart, dtstart + startafter], and spread over it. */
    @Test
    void randomizedStartStaysInsideTheWindow() {
        Instant start = T0.plusSeconds(3600);
        Duration window = Duration.ofMinutes(5);
        Set<Instant> starts = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            DrEvent e = event("r" + i, 0, start, Duration.ofMinutes(30), window, ResponseRequired.ALWAYS, "far",
                    "SIMPLE", 1);
            DrEvent placed = scheduler.distribute(List.of(e), x -> true).changes().get(0).event();
            assertFalse(placed.effectiveStart().isBefore(start), "before dtstart");
            assertFalse(placed.effectiveStart().isAfter(start.plus(window)), "after the window");
            assertEquals(placed.effectiveStart().plus(Duration.ofMinutes(30)), placed.end().orElseThrow());
            starts.add(placed.effectiveStart());
        }
        assertTrue(starts.size() > 50, "starts are spread over the window: " + starts.size());
    }

    /** A modification that keeps dtstart keeps the drawn start; one that moves dtstart draws again. */
    @Test
    void modificationKeepsOrRedrawsTheRandomStart() {
        Instant start = T0.plusSeconds(3600);
        DrEvent e0 = event("m", 0, start, Duration.ofMinutes(30), Duration.ofMinutes(5), ResponseRequired.ALWAYS,
                "far", "SIMPLE", 1);
        Instant drawn = distribute(e0).changes().get(0).event().effectiveStart();
        DrEvent e1 = event("m", 1, start, Duration.ofMinutes(30), Duration.ofMinutes(5), ResponseRequired.ALWAYS,
                "far", "SIMPLE", 3);
        var out = distribute(e1);
        assertEquals(List.of(ChangeKind.MODIFIED), kinds(out.changes()));
        assertEquals(drawn, out.changes().get(0).event().effectiveStart());
        assertEquals(0, out.changes().get(0).previous().modificationNumber());
        Instant later = start.plusSeconds(7200);
        DrEvent e2 = event("m", 2, later, Duration.ofMinutes(30), Duration.ofMinutes(5), ResponseRequired.ALWAYS,
                "far", "SIMPLE", 3);
        Instant redrawn = distribute(e2).changes().get(0).event().effectiveStart();
        assertFalse(redrawn.isBefore(later));
        assertFalse(redrawn.isAfter(later.plus(Duration.ofMinutes(5))));
    }

    /** Rule 5: the same or a lower modificationNumber is not a modification. */
    @Test
    void sameOrLowerModificationNumberChangesNothing() {
        distribute(simple("e", 3, T0.plusSeconds(60), Duration.ofMinutes(1)));
        assertTrue(distribute(simple("e", 3, T0.plusSeconds(60), Duration.ofMinutes(1))).changes().isEmpty());
        assertTrue(distribute(simple("e", 2, T0.plusSeconds(60), Duration.ofMinutes(1))).changes().isEmpty());
        assertEquals(3, scheduler.events().get(0).modificationNumber());
    }

    /** A modification that moves the start into the past activates the event at once. */
    @Test
    void modificationCanActivate() {
        distribute(simple("e", 0, T0.plusSeconds(600), Duration.ofMinutes(10)));
        var out = distribute(simple("e", 1, T0.minusSeconds(1), Duration.ofMinutes(10)));
        assertEquals(List.of(ChangeKind.MODIFIED, ChangeKind.ACTIVE), kinds(out.changes()));
    }

    /** Implied cancellation: a tracked event missing from a later distribution is cancelled. */
    @Test
    void absentEventIsCancelledImplicitly() {
        distribute(simple("a", 0, T0.plusSeconds(60), Duration.ofMinutes(1)),
                simple("b", 0, T0.plusSeconds(60), Duration.ofMinutes(1)));
        var out = distribute(simple("b", 0, T0.plusSeconds(60), Duration.ofMinutes(1)));
        assertEquals(List.of(ChangeKind.CANCELLED), kinds(out.changes()));
        assertEquals("a", out.changes().get(0).event().eventId());
        assertEquals(EventState.CANCELLED, out.changes().get(0).event().state());
        assertEquals(List.of("b"), scheduler.events().stream().map(DrEvent::eventId).toList());
        assertTrue(out.toAnswer().isEmpty(), "b was answered before at modificationNumber 0");
    }

    /** Explicit cancellation (eventStatus cancelled) is announced once and answered (rules 12/62). */
    @Test
    void explicitCancellationIsAnnouncedOnce() {
        distribute(simple("c", 0, T0.plusSeconds(60), Duration.ofMinutes(1)));
        DrEvent cancelled = event("c", 1, T0.plusSeconds(60), Duration.ofMinutes(1), Duration.ZERO,
                ResponseRequired.ALWAYS, "cancelled", "SIMPLE", 1);
        var out = distribute(cancelled);
        assertEquals(List.of(ChangeKind.CANCELLED), kinds(out.changes()));
        assertEquals(1, out.toAnswer().size());
        var again = distribute(cancelled);
        assertTrue(again.changes().isEmpty());
        assertTrue(again.toAnswer().isEmpty());
        assertTrue(scheduler.events().isEmpty());
    }

    /** Rules 12/62: always -> answered once per modificationNumber; never -> never answered. */
    @Test
    void responseRequiredRules() {
        DrEvent always = simple("always", 0, T0.plusSeconds(60), Duration.ofMinutes(1));
        DrEvent never = event("never", 0, T0.plusSeconds(60), Duration.ofMinutes(1), Duration.ZERO,
                ResponseRequired.NEVER, "far", "SIMPLE", 1);
        var out = distribute(always, never);
        assertEquals(List.of("always"), out.toAnswer().stream().map(DrEvent::eventId).toList());
        assertTrue(distribute(always, never).toAnswer().isEmpty(), "no second answer for an unchanged event");
        var mod = distribute(simple("always", 1, T0.plusSeconds(60), Duration.ofMinutes(1)),
                event("never", 1, T0.plusSeconds(60), Duration.ofMinutes(1), Duration.ZERO, ResponseRequired.NEVER,
                        "far", "SIMPLE", 2));
        assertEquals(List.of("always"), mod.toAnswer().stream().map(DrEvent::eventId).toList());
        assertEquals(2, mod.changes().size());
    }

    /** Rule 109 / E1_1070: an event with an unsupported signal is not tracked and is rejected once. */
    @Test
    void unsupportedSignalIsRejected() {
        DrEvent custom = event("x", 0, T0.plusSeconds(60), Duration.ofMinutes(1), Duration.ZERO,
                ResponseRequired.ALWAYS, "far", "x-custom", 1);
        var out = distribute(custom);
        assertEquals(1, out.rejected().size());
        assertTrue(out.changes().isEmpty());
        assertTrue(scheduler.events().isEmpty());
        assertTrue(distribute(custom).rejected().isEmpty());
    }

    /** Rule 14: SIMPLE currentValue is 0 outside the active period, the interval's value inside it. */
    @Test
    void currentValueIsDerivedFromIntervals() {
        DrEvent e = distribute(simple("v", 0, T0.plusSeconds(60), Duration.ofMinutes(10))).changes().get(0).event();
        assertEquals(0.0, e.currentValue("SIMPLE", T0).orElseThrow());
        assertEquals(1.0, e.currentValue("SIMPLE", T0.plusSeconds(61)).orElseThrow());
        assertEquals(2.0, e.currentValue("SIMPLE", T0.plusSeconds(60 + 301)).orElseThrow());
        assertEquals(0.0, e.currentValue("SIMPLE", T0.plusSeconds(60 + 600)).orElseThrow());
        DrEvent price = event("p", 0, T0, Duration.ofMinutes(10), Duration.ZERO, ResponseRequired.ALWAYS, "far",
                "ELECTRICITY_PRICE", 0.25);
        assertTrue(price.currentValue("ELECTRICITY_PRICE", T0.minusSeconds(1)).isEmpty());
        assertEquals(0.25, price.currentValue("ELECTRICITY_PRICE", T0).orElseThrow());
    }

    /** Rule 406: a new registration discards the event state. */
    @Test
    void clearForgetsEverything() {
        distribute(simple("e", 0, T0.plusSeconds(60), Duration.ofMinutes(1)));
        scheduler.clear();
        assertTrue(scheduler.events().isEmpty());
        assertEquals(1, distribute(simple("e", 0, T0.plusSeconds(60), Duration.ofMinutes(1))).toAnswer().size());
    }
}
