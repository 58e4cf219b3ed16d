package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code POST /vens/{venId}/report-requests}: a VTN-initiated oadrCreateReport.
 *
 * @param reportName         e.g. {@code TELEMETRY_USAGE} (required)
 * @param rIds               rIDs, empty = all of the report
 * @param granularity        ISO-8601 duration
 * @param reportBackDuration ISO-8601 duration
 * @param start              ISO-8601 date-time with offset
 * @param duration           ISO-8601 duration
 */
@ApiSchema("ReportRequestInput")
public record ReportRequestInput(String reportName, List<String> rIds, String granularity, String reportBackDuration,
                                 String start, String duration) {
}
