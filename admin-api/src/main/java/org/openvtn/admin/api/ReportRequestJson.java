package org.openvtn.admin.api;

import java.util.List;

/**
 * A report request.
 *
 * @param reportRequestId    ID
 * @param venId              VEN ID
 * @param reportName         report name
 * @param reportSpecifierId  specifier
 * @param rIds               rIDs
 * @param granularity        ISO-8601 duration
 * @param reportBackDuration ISO-8601 duration
 * @param start              ISO-8601 instant or null
 * @param duration           ISO-8601 duration
 * @param oneShot            one-shot request
 * @param status             life-cycle status
 * @param reportToFollow     cancelled with reportToFollow
 * @param createdAt          ISO-8601 instant
 */
@ApiSchema("ReportRequest")
public record ReportRequestJson(String reportRequestId, String venId, String reportName, String reportSpecifierId,
                                List<String> rIds, String granularity, String reportBackDuration, String start,
                                String duration, boolean oneShot, String status, boolean reportToFollow,
                                String createdAt) {
}
