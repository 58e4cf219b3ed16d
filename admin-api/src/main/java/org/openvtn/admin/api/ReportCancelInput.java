package org.openvtn.admin.api;

/**
 * Optional body of {@code POST /vens/{venId}/report-requests/{id}/cancel}.
 *
 * @param reportToFollow ask the VEN for a final report (OpenADR 2.0b rule 345), default false
 */
public record ReportCancelInput(Boolean reportToFollow) {
}
