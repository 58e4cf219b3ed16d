package org.openvtn.device.engine;

import java.time.Instant;

/**
 * The value in force for one mode and where it comes from.
 *
 * @param mode   the control element name, e.g. "opModExpLimW"
 * @param value  the value in force
 * @param source the event's href, or {@code "default:" + programHref} for a DefaultDERControl value
 * @param since  when this source started to provide this value
 */
public record EffectiveControl(String mode, ModeValue value, String source, Instant since) {

    /** The source prefix of a DefaultDERControl value. */
    public static final String DEFAULT_PREFIX = "default:";

    /** True if the value comes from a program's DefaultDERControl rather than from an event. */
    public boolean fromDefault() {
        return source.startsWith(DEFAULT_PREFIX);
    }
}
