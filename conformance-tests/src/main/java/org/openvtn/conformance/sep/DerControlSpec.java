package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What a case asks the target to schedule for one device: one DER control of one mode.
 *
 * @param device           the device that must see the control
 * @param mode             the control mode
 * @param value            the value in the mode's unit (percent, W, 1/0)
 * @param start            interval start
 * @param duration         interval duration
 * @param randomizeStart   randomizeStart (zero: none)
 * @param responseRequired whether the device must answer with Responses (replyTo/responseRequired)
 */
public record DerControlSpec(DeviceIdentity device, DerMode mode, double value, Instant start, Duration duration,
                             Duration randomizeStart, boolean responseRequired) {

    public DerControlSpec {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(duration, "duration");
        randomizeStart = randomizeStart == null ? Duration.ZERO : randomizeStart;
    }

    /** Whole seconds since the epoch of the start (2030.5 TimeType). */
    public long startSeconds() {
        return start.getEpochSecond();
    }

    public DerControlSpec withStart(Instant s) {
        return new DerControlSpec(device, mode, value, s, duration, randomizeStart, responseRequired);
    }

    public DerControlSpec withValue(double v) {
        return new DerControlSpec(device, mode, v, start, duration, randomizeStart, responseRequired);
    }
}
