package org.openvtn.device;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The device's clock corrected by the server's Time resource (IEEE 2030.5-2018 §6.3.2: devices synchronise to the
 * server's currentTime; events are scheduled in server time). The offset is updated on every walk. Internal.
 */
final class ServerClock extends Clock {
    private final Clock device;
    private volatile long offsetMs;

    ServerClock(Clock device) {
        this.device = device;
    }

    void offsetMs(long offset) {
        this.offsetMs = offset;
    }

    long offsetMs() {
        return offsetMs;
    }

    @Override
    public ZoneId getZone() {
        return device.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        ServerClock c = new ServerClock(device.withZone(zone));
        c.offsetMs = offsetMs;
        return c;
    }

    @Override
    public long millis() {
        return device.millis() + offsetMs;
    }

    @Override
    public Instant instant() {
        return device.instant().plusMillis(offsetMs);
    }
}
