package org.openvtn.device;

import java.time.Instant;
import java.util.List;

/** Where the device's metered values come from; the device maker implements it (issue #16 item 5). */
@FunctionalInterface
public interface TelemetrySource {
    /** The readings to mirror now (may be empty). Called on the client's worker thread; must not block long. */
    List<TelemetryReading> read(Instant now);
}
