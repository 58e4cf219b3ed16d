package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One window of an availability opt schedule (OpenADR 2.0b EiOpt {@code xcal:vavailability}).
 *
 * @param start    window start
 * @param duration window length, &gt; 0
 */
public record AvailabilityWindow(Instant start, Duration duration) {
    public AvailabilityWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
    }
}
