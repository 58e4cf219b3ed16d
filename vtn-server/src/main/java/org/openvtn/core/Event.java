package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A stored event: the operator's {@link EventSpec} plus VTN-managed fields.
 *
 * <p>Rules (OpenADR 2.0b conformance rules 4 and 5): {@code modificationNumber} is 0 on creation
 * and increments on every change and on cancel. The status is derived, never stored, except for
 * the cancelled flag: see {@link #status(Instant, Duration)}.
 *
 * @param id                 VTN-assigned event ID
 * @param modificationNumber 0,1,2…
 * @param cancelled          true once cancelled
 * @param marketContext      market context of the program (copied at creation)
 * @param createdAt          creation instant (OpenADR createdDateTime)
 * @param modifiedAt         last modification instant
 * @param spec               the operator-supplied content
 */
public record Event(String id, long modificationNumber, boolean cancelled, String marketContext, Instant createdAt,
                    Instant modifiedAt, EventSpec spec) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(marketContext, "marketContext");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(spec, "spec");
    }

    public String programId() { return spec.programId(); }
    public Instant start() { return spec.start(); }
    /** @return active period duration = sum of interval durations */
    public Duration duration() { return spec.duration(); }
    /** @return end of the (nominal) active period */
    public Instant end() { return spec.start().plus(spec.duration()); }

    /**
     * Derives the status at {@code now}: CANCELLED if cancelled; COMPLETED when
     * {@code now >= start + duration}; ACTIVE when {@code start <= now}; NEAR when
     * {@code start - nearWindow <= now} or within the rampUp period; otherwise FAR. The randomization
     * window (startafter) does not move the nominal period; VENs apply it locally.
     *
     * @param now        current instant
     * @param nearWindow how long before start the event counts as near
     * @return the status
     */
    public EventStatus status(Instant now, Duration nearWindow) {
        if (cancelled) {
            return EventStatus.CANCELLED;
        }
        if (!now.isBefore(end())) {
            return EventStatus.COMPLETED;
        }
        if (!now.isBefore(start())) {
            return EventStatus.ACTIVE;
        }
        Duration window = nearWindow.compareTo(spec.rampUp()) >= 0 ? nearWindow : spec.rampUp();
        return now.isBefore(start().minus(window)) ? EventStatus.FAR : EventStatus.NEAR;
    }

    /**
     * The OpenADR {@code currentValue} for a signal: the value of the interval containing
     * {@code now} while ACTIVE, otherwise 0 (OpenADR 2.0b 8.2: currentValue must be consistent
     * with the event's activity).
     *
     * @param signal one of this event's signals
     * @param now    current instant
     * @return the current payload value
     */
    public double currentValue(Signal signal, Instant now) {
        if (cancelled || now.isBefore(start()) || !now.isBefore(end())) {
            return 0.0;
        }
        Interval i = signal.intervalAt(Duration.between(start(), now));
        return i == null ? 0.0 : i.value();
    }
}
