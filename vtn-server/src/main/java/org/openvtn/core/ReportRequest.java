package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A VTN report request (OpenADR 2.0b 8.3 oadrCreateReport {@code oadrReportRequest}).
 * Periodic when {@code granularity} and {@code reportBackDuration} are positive; one-shot
 * (e.g. HISTORY_USAGE or a single TELEMETRY_STATUS) when they are zero.
 *
 * @param reportRequestId    VTN-assigned ID
 * @param participantId      target participant (venID)
 * @param reportName         TELEMETRY_USAGE, TELEMETRY_STATUS or HISTORY_USAGE
 * @param reportSpecifierId  the VEN's reportSpecifierID from METADATA; empty while the request awaits the VEN's
 *                           METADATA ({@link #awaitingMetadata()})
 * @param rIds               requested data points (all of the report when requested empty; while awaiting
 *                           METADATA: the rIDs the operator named, possibly none)
 * @param granularity        sampling granularity (ZERO for one-shot)
 * @param reportBackDuration how often to report (ZERO for one-shot)
 * @param start              start of the reporting period (or history window), may be null = now
 * @param duration           length of the reporting period, ZERO = open-ended
 * @param status             life-cycle status
 * @param reportToFollow     set when cancelled with reportToFollow
 * @param createdAt          creation instant
 */
public record ReportRequest(String reportRequestId, String participantId, String reportName, String reportSpecifierId,
                            List<String> rIds, Duration granularity, Duration reportBackDuration, Instant start,
                            Duration duration, ReportRequestStatus status, boolean reportToFollow,
                            Instant createdAt) {
    public ReportRequest {
        Objects.requireNonNull(reportRequestId, "reportRequestId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(reportName, "reportName");
        Objects.requireNonNull(reportSpecifierId, "reportSpecifierId");
        Objects.requireNonNull(granularity, "granularity");
        Objects.requireNonNull(reportBackDuration, "reportBackDuration");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        rIds = List.copyOf(rIds);
    }

    /** @return true when this is a one-shot request */
    public boolean oneShot() {
        return granularity.isZero() && reportBackDuration.isZero();
    }

    /**
     * @return true for a request the operator queued before the VEN registered any METADATA: it names no
     *         reportSpecifierID yet and is resolved against the VEN's next oadrRegisterReport (R1_3060)
     */
    public boolean awaitingMetadata() {
        return reportSpecifierId.isEmpty();
    }

    /** @return a copy naming the METADATA report and rIDs it was resolved against */
    public ReportRequest resolvedTo(String specifier, List<String> resolvedRIds) {
        return new ReportRequest(reportRequestId, participantId, reportName, specifier, resolvedRIds, granularity,
                reportBackDuration, start, duration, status, reportToFollow, createdAt);
    }

    /** @return a copy with a new status and reportToFollow */
    public ReportRequest withStatus(ReportRequestStatus s, boolean toFollow) {
        return new ReportRequest(reportRequestId, participantId, reportName, reportSpecifierId, rIds, granularity,
                reportBackDuration, start, duration, s, toFollow, createdAt);
    }
}
