package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A report the VTN asked for (oadrCreateReport / oadrRegisteredReport, OpenADR 2.0b §8.3.2).
 *
 * @param reportRequestId    reportRequestID
 * @param reportSpecifierId  reportSpecifierID (names one of the VEN's METADATA reports)
 * @param reportName         the report requested
 * @param rIds               the data points requested
 * @param granularity        sampling interval; zero for a one-shot report
 * @param reportBackDuration how often to send; zero for a one-shot report
 * @param start              start of the report interval (null: now)
 * @param duration           the report interval's duration; zero: until cancelled
 */
public record ReportRequest(String reportRequestId, String reportSpecifierId, ReportName reportName, List<String> rIds,
                            Duration granularity, Duration reportBackDuration, Instant start, Duration duration) {
    public ReportRequest {
        rIds = List.copyOf(rIds);
    }

    /** True when the VEN sends one report and is done (reportBackDuration zero, or a HISTORY report). */
    public boolean oneShot() {
        return reportBackDuration.isZero() || reportName == ReportName.HISTORY_USAGE;
    }
}
