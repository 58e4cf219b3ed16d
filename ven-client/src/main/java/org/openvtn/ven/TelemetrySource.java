package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The application's data for reports: live telemetry (TELEMETRY_USAGE, TELEMETRY_STATUS) and
 * history (HISTORY_USAGE, OpenADR 2.0b §8.3; R1_3010–R1_3190 families). Called on the client's
 * protocol thread: return quickly.
 */
public interface TelemetrySource {

    /** A source that reports 0 W and "online" for every point and has no history. */
    TelemetrySource NONE = new TelemetrySource() {
    };

    /** The value of a TELEMETRY point for the interval {@code [start, start+granularity)}. */
    default Reading read(ReportCapability point, Instant start, Duration granularity) {
        return point.reportName() == ReportName.TELEMETRY_STATUS
                ? Reading.status(start, granularity, true, false)
                : Reading.value(start, granularity, 0);
    }

    /** Stored readings of a HISTORY point in {@code [from, to)}, in time order. */
    default List<Reading> history(ReportCapability point, Instant from, Instant to) {
        return List.of();
    }
}
