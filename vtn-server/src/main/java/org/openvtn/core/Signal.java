package org.openvtn.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An event signal (OpenADR 2.0b {@code ei:eiEventSignal}).
 *
 * <p>Well-known names: {@code SIMPLE} (type {@code level}, values 0–3, OpenADR 2.0b 8.2.1),
 * {@code ELECTRICITY_PRICE} ({@code price}, {@code priceRelative}, {@code priceMultiplier}),
 * {@code LOAD_DISPATCH} ({@code setpoint}, {@code delta}, {@code multiplier}),
 * {@code LOAD_CONTROL} ({@code x-loadControlCapacity}, {@code x-loadControlLevelOffset},
 * {@code x-loadControlPercentOffset}, {@code x-loadControlSetpoint}). Validation lives in
 * {@link EventSpec.Builder#build()}.
 *
 * @param signalId  identifier unique inside the event ("0", "1", ... when not given)
 * @param name      signal name
 * @param type      signal type
 * @param units     optional units (e.g. {@code USD/kWh}, {@code kW}); {@code null} when not needed
 * @param intervals intervals, uids 0..n-1 in order
 */
public record Signal(String signalId, String name, String type, String units, List<Interval> intervals) {
    public Signal {
        Objects.requireNonNull(signalId, "signalId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        intervals = List.copyOf(intervals);
    }

    /** @return sum of the interval durations */
    public Duration totalDuration() {
        Duration d = Duration.ZERO;
        for (Interval i : intervals) {
            d = d.plus(i.duration());
        }
        return d;
    }

    /**
     * The interval that contains {@code offset} from the event start, or {@code null}.
     *
     * @param offset time since the event start
     * @return the interval or {@code null} when outside the signal
     */
    public Interval intervalAt(Duration offset) {
        if (offset.isNegative()) {
            return null;
        }
        Duration cursor = Duration.ZERO;
        for (Interval i : intervals) {
            Duration end = cursor.plus(i.duration());
            if (offset.compareTo(end) < 0) {
                return i;
            }
            cursor = end;
        }
        return null;
    }
}
