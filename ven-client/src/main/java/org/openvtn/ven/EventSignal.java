package org.openvtn.ven;

import java.util.List;
import java.util.Objects;

/**
 * One signal of an event ({@code ei:eiEventSignal}).
 *
 * @param name            signalName, e.g. {@code SIMPLE}, {@code ELECTRICITY_PRICE}, {@code LOAD_DISPATCH}
 * @param type            signalType, e.g. {@code level}, {@code price}, {@code setpoint}
 * @param id              signalID
 * @param vtnCurrentValue the currentValue the VTN sent, or null
 * @param intervals       the intervals in order
 */
public record EventSignal(String name, String type, String id, Double vtnCurrentValue, List<SignalInterval> intervals) {
    public EventSignal {
        Objects.requireNonNull(name, "name");
        intervals = List.copyOf(intervals);
    }
}
