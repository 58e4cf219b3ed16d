package org.openvtn.ven.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

import org.openvtn.ven.DrEvent;
import org.openvtn.ven.EventState;
import org.openvtn.ven.ResponseRequired;

/**
 * The client's local event schedule: a pure state machine over an injected {@link Clock}, with no
 * threads and no I/O, so every rule is testable without sleeping.
 *
 * <ul>
 *   <li>{@link #distribute} takes the events of one oadrDistributeEvent (always the complete list
 *       for this VEN) and reports what changed: new events, modifications (a higher
 *       modificationNumber, rules 4 and 5), explicit cancellations (eventStatus {@code cancelled})
 *       and implied cancellations (a tracked, unfinished event absent from the list).</li>
 *   <li>A new event with a {@code startafter} tolerance gets a start drawn uniformly inside
 *       {@code [dtstart, dtstart + startafter]} (rule 30, A_E1_0685). A modification that keeps
 *       dtstart and the window keeps the drawn offset; otherwise it is drawn again.</li>
 *   <li>{@link #tick} moves events PENDING -> ACTIVE -> COMPLETED as the clock passes the
 *       effective start and end; {@link #nextTransition} says when to tick next.</li>
 *   <li>Each (eventID, modificationNumber) with responseRequired {@code always} is returned once
 *       in {@link Outcome#toAnswer()}; {@code never} events are never returned (rules 12/62).</li>
 * </ul>
 */
public final class EventScheduler {

    /** What happened to an event. */
    public enum ChangeKind { NEW, MODIFIED, CANCELLED, ACTIVE, COMPLETED }

    /** One change; {@code previous} is set for MODIFIED. */
    public record Change(ChangeKind kind, DrEvent event, DrEvent previous) {
    }

    /**
     * The result of one distribution.
     *
     * @param changes  lifecycle changes, in order
     * @param toAnswer supported events that need an oadrCreatedEvent answer (responseRequired always,
     *                 not answered before at this modificationNumber)
     * @param rejected unsupported events (per the predicate) that need a 460 answer
     */
    public record Outcome(List<Change> changes, List<DrEvent> toAnswer, List<DrEvent> rejected) {
    }

    private final Clock clock;
    private final RandomGenerator random;
    private final Map<String, DrEvent> tracked = new LinkedHashMap<>();
    /** Events that ended by cancellation: id -> modificationNumber, so a repeated cancel is quiet. */
    private final Map<String, Long> cancelled = new HashMap<>();
    /** The modificationNumber last answered per event. */
    private final Map<String, Long> answered = new HashMap<>();

    public EventScheduler(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    /** Applies a complete distribution; {@code supported} decides which events the VEN can act on. */
    public synchronized Outcome distribute(List<DrEvent> incoming, Predicate<DrEvent> supported) {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        List<DrEvent> toAnswer = new ArrayList<>();
        List<DrEvent> rejected = new ArrayList<>();
        Map<String, DrEvent> seen = new LinkedHashMap<>();
        for (DrEvent in : incoming) {
            seen.put(in.eventId(), in);
            boolean fresh = !Long.valueOf(in.modificationNumber()).equals(answered.get(in.eventId()));
            if (!supported.test(in)) {
                if (fresh && in.responseRequired() == ResponseRequired.ALWAYS) {
                    rejected.add(in);
                    answered.put(in.eventId(), in.modificationNumber());
                }
                continue;
            }
            DrEvent current = tracked.get(in.eventId());
            boolean explicitCancel = "cancelled".equals(in.vtnStatus());
            if (current != null && in.modificationNumber() < current.modificationNumber()) {
                continue; // stale copy: the VTN never goes back (rule 5)
            }
            if (explicitCancel) {
                Long done = cancelled.get(in.eventId());
                if (current != null) {
                    tracked.remove(in.eventId());
                    DrEvent ev = in.withEffectiveStart(current.effectiveStart()).withState(EventState.CANCELLED);
                    if (!current.state().isFinal()) {
                        changes.add(new Change(ChangeKind.CANCELLED, ev, current));
                    }
                    cancelled.put(in.eventId(), in.modificationNumber());
                } else if (done == null) {
                    cancelled.put(in.eventId(), in.modificationNumber());
                }
            } else if (current == null) {
                if (cancelled.containsKey(in.eventId()) && cancelled.get(in.eventId()) >= in.modificationNumber()) {
                    continue;
                }
                cancelled.remove(in.eventId());
                DrEvent ev = place(in, null, now);
                tracked.put(ev.eventId(), ev);
                changes.add(new Change(ChangeKind.NEW, ev, null));
                if (ev.state() == EventState.ACTIVE) {
                    changes.add(new Change(ChangeKind.ACTIVE, ev, null));
                }
            } else if (in.modificationNumber() > current.modificationNumber()) {
                DrEvent ev = place(in, current, now);
                tracked.put(ev.eventId(), ev);
                changes.add(new Change(ChangeKind.MODIFIED, ev, current));
                if (current.state() == EventState.PENDING && ev.state() == EventState.ACTIVE) {
                    changes.add(new Change(ChangeKind.ACTIVE, ev, null));
                } else if (current.state() != EventState.COMPLETED && ev.state() == EventState.COMPLETED) {
                    changes.add(new Change(ChangeKind.COMPLETED, ev, null));
                }
            }
            if (fresh && in.responseRequired() == ResponseRequired.ALWAYS) {
                DrEvent answer = tracked.getOrDefault(in.eventId(), in);
                toAnswer.add(explicitCancel ? in : answer);
            }
            answered.put(in.eventId(), in.modificationNumber());
        }
        // Implied cancellation: tracked, unfinished and missing from the complete list.
        for (var it = tracked.entrySet().iterator(); it.hasNext(); ) {
            DrEvent ev = it.next().getValue();
            if (!seen.containsKey(ev.eventId())) {
                it.remove();
                answered.remove(ev.eventId());
                if (!ev.state().isFinal()) {
                    cancelled.put(ev.eventId(), ev.modificationNumber());
                    changes.add(new Change(ChangeKind.CANCELLED, ev.withState(EventState.CANCELLED), ev));
                }
            }
        }
        answered.keySet().retainAll(seen.keySet());
        cancelled.keySet().retainAll(seen.keySet());
        return new Outcome(List.copyOf(changes), List.copyOf(toAnswer), List.copyOf(rejected));
    }

    /** Moves events whose start or end has passed; call at {@link #nextTransition()} (or any time). */
    public synchronized List<Change> tick() {
        Instant now = clock.instant();
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, DrEvent> e : tracked.entrySet()) {
            DrEvent ev = e.getValue();
            EventState next = stateAt(ev, now);
            if (ev.state() == EventState.PENDING && next != EventState.PENDING) {
                ev = ev.withState(EventState.ACTIVE);
                changes.add(new Change(ChangeKind.ACTIVE, ev, null));
            }
            if (ev.state() == EventState.ACTIVE && next == EventState.COMPLETED) {
                ev = ev.withState(EventState.COMPLETED);
                changes.add(new Change(ChangeKind.COMPLETED, ev, null));
            }
            e.setValue(ev);
        }
        return changes;
    }

    /** The next instant at which {@link #tick()} will change something. */
    public synchronized Optional<Instant> nextTransition() {
        Instant best = null;
        for (DrEvent ev : tracked.values()) {
            Instant t = switch (ev.state()) {
                case PENDING -> ev.effectiveStart();
                case ACTIVE -> ev.end().orElse(null);
                default -> null;
            };
            if (t != null && (best == null || t.isBefore(best))) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The tracked events (pending, active and completed ones still listed by the VTN). */
    public synchronized List<DrEvent> events() {
        return List.copyOf(tracked.values());
    }

    /** One tracked event. */
    public synchronized Optional<DrEvent> event(String eventId) {
        return Optional.ofNullable(tracked.get(eventId));
    }

    /** Forgets everything (a new registration starts from a clean slate, rule 406). */
    public synchronized void clear() {
        tracked.clear();
        cancelled.clear();
        answered.clear();
    }

    private DrEvent place(DrEvent in, DrEvent previous, Instant now) {
        Instant start;
        if (previous != null && previous.dtstart().equals(in.dtstart()) && previous.startAfter().equals(in.startAfter())) {
            start = previous.effectiveStart();
        } else {
            start = in.dtstart().plus(randomOffset(in.startAfter()));
        }
        DrEvent placed = in.withEffectiveStart(start);
        return placed.withState(stateAt(placed, now));
    }

    private Duration randomOffset(Duration window) {
        if (window.isZero() || window.isNegative()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(random.nextLong(window.toMillis() + 1));
    }

    private static EventState stateAt(DrEvent ev, Instant now) {
        if (now.isBefore(ev.effectiveStart())) {
            return EventState.PENDING;
        }
        return ev.end().map(end -> now.isBefore(end) ? EventState.ACTIVE : EventState.COMPLETED)
                .orElse(EventState.ACTIVE);
    }
}
