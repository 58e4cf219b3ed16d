package org.openvtn.device.engine;

import java.time.Instant;

/**
 * The value in force for one mode and where it comes from.
 *
 * @param mode   the control element name, e.g. "opModExpLimW"
 * @param value  the value in force
 * @param source the event's href, or {@code "default:" + programHref} for a DefaultDERControl value
 * @param since  when this source started to provide this value
 * @param ramp   the ramp the device must apply moving to this value (rampTms, else the default setGradW, else
 *               DERSettings.setGradW; IEEE 2030.5-2018 §10.10, see {@link Ramp}); null when none is known
 */
public record EffectiveControl(String mode, ModeValue value, String source, Instant since, Ramp ramp) {

    /** A control without a known ramp. */
    public EffectiveControl(String mode, ModeValue value, String source, Instant since) {
        this(mode, value, source, since, null);
    }

    /** The source prefix of a DefaultDERControl value. */
    public static final String DEFAULT_PREFIX = "default:";

    /** True if the value comes from a program's DefaultDERControl rather than from an event. */
    public boolean fromDefault() {
        return source.startsWith(DEFAULT_PREFIX);
    }
}
