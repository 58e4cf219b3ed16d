package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One reported value (OpenADR 2.0b oadrUpdateReport interval/oadrReportPayload).
 *
 * @param venId           reporting VEN
 * @param rId             data point
 * @param reportRequestId the request it answers
 * @param timestamp       interval start (dtstart) of the reading
 * @param value           payload value
 * @param quality         oadrDataQuality, may be null
 */
public record TelemetryPoint(String venId, String rId, String reportRequestId, Instant timestamp, double value,
                             String quality) {
    public TelemetryPoint {
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(rId, "rId");
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
