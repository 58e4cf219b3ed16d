package org.openvtn.core;

import java.time.Duration;
import java.util.Objects;

/**
 * One data point a VEN can report, from its METADATA report registration (OpenADR 2.0b 8.3
 * oadrRegisterReport: {@code oadrReportDescription}).
 *
 * @param participantId     owning participant (venID)
 * @param reportSpecifierId the VEN's reportSpecifierID of the report that contains this rID
 * @param reportName        e.g. {@code METADATA_TELEMETRY_USAGE}
 * @param rId               the data point ID
 * @param resourceId        resource the point belongs to, may be null
 * @param reportType        e.g. {@code usage}, {@code x-resourceStatus}
 * @param readingType       e.g. {@code Direct Read}
 * @param units             e.g. {@code powerReal/W}, may be null
 * @param minSampling       min sampling period, may be null
 * @param maxSampling       max sampling period, may be null
 */
public record ReportCapability(String participantId, String reportSpecifierId, String reportName, String rId,
                               String resourceId, String reportType, String readingType, String units,
                               Duration minSampling, Duration maxSampling) {
    public ReportCapability {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(reportSpecifierId, "reportSpecifierId");
        Objects.requireNonNull(reportName, "reportName");
        Objects.requireNonNull(rId, "rId");
    }
}
