package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One reported value of a participant (OpenADR 2.0b oadrUpdateReport interval/oadrReportPayload, IEEE 2030.5
 * mirrored MeterReading).
 *
 * @param participantId   reporting participant (venID or LFDI)
 * @param rId             data point
 * @param reportRequestId the request it answers
 * @param timestamp       interval start (dtstart) of the reading
 * @param value           payload value
 * @param quality         oadrDataQuality, may be null
 */
public record TelemetryPoint(String participantId, String rId, String reportRequestId, Instant timestamp, double value,
                             String quality) {
    public TelemetryPoint {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(rId, "rId");
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
