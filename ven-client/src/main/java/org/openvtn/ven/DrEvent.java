package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An OpenADR 2.0b event as the application sees it: an immutable snapshot of the VTN's
 * {@code ei:eiEvent} plus the client's local view (state and randomized start).
 *
 * @param eventId            eventID
 * @param modificationNumber modificationNumber (0 for a new event, +1 per change: conformance rules 4, 5)
 * @param priority           priority (0 = none, 1 highest), or 0 when absent
 * @param marketContext      the market context (program) URI
 * @param createdDateTime    createdDateTime, may be null
 * @param vtnStatus          the eventStatus the VTN sent ({@code far}, {@code near}, {@code active}, ...)
 * @param testEvent          true unless testEvent is absent or {@code false} (conformance rule 6)
 * @param vtnComment         vtnComment, may be null
 * @param dtstart            the scheduled start
 * @param duration           the active period's duration; zero means open-ended
 * @param startAfter         the randomization window (tolerance/tolerate/startafter), zero if none
 * @param signals            the signals
 * @param responseRequired   oadrResponseRequired
 * @param state              the client's lifecycle state
 * @param effectiveStart     dtstart plus the random offset drawn inside {@code startAfter} (rule 30)
 */
public record DrEvent(String eventId, long modificationNumber, long priority, String marketContext,
                      Instant createdDateTime, String vtnStatus, boolean testEvent, String vtnComment,
                      Instant dtstart, Duration duration, Duration startAfter, List<EventSignal> signals,
                      ResponseRequired responseRequired, EventState state, Instant effectiveStart) {

    /** Signal name whose currentValue is 0 while the event is not active (conformance rule 14). */
    public static final String SIMPLE = "SIMPLE";

    public DrEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(dtstart, "dtstart");
        Objects.requireNonNull(duration, "duration");
        startAfter = startAfter == null ? Duration.ZERO : startAfter;
        signals = List.copyOf(signals);
        responseRequired = responseRequired == null ? ResponseRequired.ALWAYS : responseRequired;
        state = state == null ? EventState.PENDING : state;
        effectiveStart = effectiveStart == null ? dtstart : effectiveStart;
    }

    /** The end of the active period from the effective start, or empty for an open-ended event. */
    public Optional<Instant> end() {
        return duration.isZero() ? Optional.empty() : Optional.of(effectiveStart.plus(duration));
    }

    /** A copy in another state. */
    public DrEvent withState(EventState newState) {
        return new DrEvent(eventId, modificationNumber, priority, marketContext, createdDateTime, vtnStatus, testEvent,
                vtnComment, dtstart, duration, startAfter, signals, responseRequired, newState, effectiveStart);
    }

    /** A copy with another effective start. */
    public DrEvent withEffectiveStart(Instant start) {
        return new DrEvent(eventId, modificationNumber, priority, marketContext, createdDateTime, vtnStatus, testEvent,
                vtnComment, dtstart, duration, startAfter, signals, responseRequired, state, start);
    }

    /** Whether the instant lies in the active period (from the effective start). */
    public boolean isActiveAt(Instant at) {
        return !at.isBefore(effectiveStart) && end().map(at::isBefore).orElse(true);
    }

    /** The first signal with this name. */
    public Optional<EventSignal> signal(String name) {
        return signals.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The signal's value at an instant, derived locally: the payload of the interval covering the
     * instant (intervals laid end to end from the effective start). Outside the active period a
     * {@code SIMPLE} signal is 0 (conformance rule 14) and any other signal has no value; a
     * cancelled event has no active period.
     */
    public OptionalDouble currentValue(String signalName, Instant at) {
        Optional<EventSignal> s = signal(signalName);
        if (s.isEmpty()) {
            return OptionalDouble.empty();
        }
        boolean simple = SIMPLE.equals(signalName);
        if (state == EventState.CANCELLED || !isActiveAt(at)) {
            return simple ? OptionalDouble.of(0) : OptionalDouble.empty();
        }
        Instant cursor = effectiveStart;
        List<SignalInterval> intervals = s.get().intervals();
        for (int i = 0; i < intervals.size(); i++) {
            SignalInterval iv = intervals.get(i);
            boolean last = i == intervals.size() - 1;
            Instant next = cursor.plus(iv.duration());
            if (at.isBefore(next) || (last && iv.duration().isZero())) {
                return OptionalDouble.of(iv.value());
            }
            cursor = next;
        }
        return simple ? OptionalDouble.of(0) : OptionalDouble.empty();
    }
}
