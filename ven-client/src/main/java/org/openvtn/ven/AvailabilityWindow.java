package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** One window of an EiOpt availability schedule ({@code xcal:available}, OpenADR 2.0b §8.2, P1_2010). */
public record AvailabilityWindow(Instant start, Duration duration) {
    public AvailabilityWindow {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
    }
}
