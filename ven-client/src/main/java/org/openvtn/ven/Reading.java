package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;

/**
 * One reported value of a data point: a usage value ({@code payloadFloat}) or, for
 * TELEMETRY_STATUS, a resource status ({@code oadrPayloadResourceStatus}).
 *
 * @param start          start of the interval the value covers
 * @param duration       the interval's length
 * @param value          the value (usage points)
 * @param online         resource online (status points)
 * @param manualOverride resource under manual override (status points)
 */
public record Reading(Instant start, Duration duration, double value, boolean online, boolean manualOverride) {

    /** A usage value. */
    public static Reading value(Instant start, Duration duration, double value) {
        return new Reading(start, duration, value, true, false);
    }

    /** A resource status. */
    public static Reading status(Instant start, Duration duration, boolean online, boolean manualOverride) {
        return new Reading(start, duration, 0, online, manualOverride);
    }
}
