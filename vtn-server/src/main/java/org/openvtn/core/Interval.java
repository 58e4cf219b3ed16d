package org.openvtn.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One interval of a signal: {@code uid} 0,1,2… in order, a positive duration, and the payload
 * value (OpenADR 2.0b {@code ei:intervals/ei:interval}; 2030.5 maps them to DERControl setpoints).
 *
 * @param uid      zero-based position inside the signal (OpenADR conformance rule: "uid 0,1,2…")
 * @param duration strictly positive duration
 * @param value    the signal payload value
 */
public record Interval(int uid, Duration duration, double value) {
    public Interval {
        Objects.requireNonNull(duration, "duration");
    }
}
