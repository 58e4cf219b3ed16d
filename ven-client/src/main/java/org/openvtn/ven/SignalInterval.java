package org.openvtn.ven;

import java.time.Duration;
import java.util.Objects;

/**
 * One interval of an event signal (EiEvent {@code ei:interval}). Intervals follow each other from
 * the event's start; {@code uid} is 0, 1, 2 ... (conformance rule 2).
 *
 * @param uid      the interval's uid
 * @param duration its length (zero only for a single open-ended interval)
 * @param value    the payload value ({@code payloadFloat})
 */
public record SignalInterval(int uid, Duration duration, double value) {
    public SignalInterval {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
    }
}
