package org.openvtn.ven;

import java.time.Duration;
import java.util.Objects;

/**
 * One data point the VEN can report, announced in its METADATA oadrRegisterReport (OpenADR 2.0b
 * §8.3.1, rule 301) as an {@code oadrReportDescription}.
 *
 * @param rId         the data point's rID, unique within the VEN
 * @param reportName  the report it belongs to
 * @param reportType  e.g. {@code usage}, {@code demand}, {@code x-resourceStatus}
 * @param readingType e.g. {@code Direct Read}, {@code x-notApplicable}
 * @param measurement the item base
 * @param minPeriod   oadrMinPeriod, the shortest sampling period
 * @param maxPeriod   oadrMaxPeriod, the longest sampling period
 */
public record ReportCapability(String rId, ReportName reportName, String reportType, String readingType,
                               Measurement measurement, Duration minPeriod, Duration maxPeriod) {

    public ReportCapability {
        Objects.requireNonNull(rId, "rId");
        Objects.requireNonNull(reportName, "reportName");
        Objects.requireNonNull(reportType, "reportType");
        Objects.requireNonNull(readingType, "readingType");
        Objects.requireNonNull(measurement, "measurement");
        Objects.requireNonNull(minPeriod, "minPeriod");
        Objects.requireNonNull(maxPeriod, "maxPeriod");
        if (maxPeriod.compareTo(minPeriod) < 0) {
            throw new IllegalArgumentException("reportCapability " + rId + ": maxPeriod < minPeriod");
        }
    }

    /** A real-power usage data point for TELEMETRY_USAGE (reportType usage, Direct Read, W). */
    public static ReportCapability telemetryPower(String rId, Duration minPeriod, Duration maxPeriod) {
        return new ReportCapability(rId, ReportName.TELEMETRY_USAGE, "usage", "Direct Read", Measurement.POWER_REAL,
                minPeriod, maxPeriod);
    }

    /** A resource-status data point for TELEMETRY_STATUS (x-resourceStatus, x-notApplicable). */
    public static ReportCapability telemetryStatus(String rId, Duration minPeriod, Duration maxPeriod) {
        return new ReportCapability(rId, ReportName.TELEMETRY_STATUS, "x-resourceStatus", "x-notApplicable",
                Measurement.NONE, minPeriod, maxPeriod);
    }

    /** An energy usage data point for HISTORY_USAGE (usage, Direct Read, Wh). */
    public static ReportCapability historyEnergy(String rId, Duration minPeriod, Duration maxPeriod) {
        return new ReportCapability(rId, ReportName.HISTORY_USAGE, "usage", "Direct Read", Measurement.ENERGY_REAL,
                minPeriod, maxPeriod);
    }
}
