package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Input of {@link ReportService#requestReport(String, NewReportRequest)}.
 *
 * @param reportName         TELEMETRY_USAGE, TELEMETRY_STATUS or HISTORY_USAGE
 * @param rIds               data points; empty = every rID of the matching METADATA report
 * @param granularity        null/ZERO for one-shot
 * @param reportBackDuration null/ZERO for one-shot
 * @param start              may be null
 * @param duration           null/ZERO = open-ended
 */
public record NewReportRequest(String reportName, List<String> rIds, Duration granularity,
                               Duration reportBackDuration, Instant start, Duration duration) {
}
