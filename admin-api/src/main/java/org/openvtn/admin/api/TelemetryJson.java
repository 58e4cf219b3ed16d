package org.openvtn.admin.api;

/**
 * One telemetry point.
 *
 * @param venId           VEN ID
 * @param rId             rID
 * @param reportRequestId report request
 * @param timestamp       ISO-8601 instant
 * @param value           value
 * @param quality         quality text or null
 */
@ApiSchema("Telemetry")
public record TelemetryJson(String venId, String rId, String reportRequestId, String timestamp, double value,
                            String quality) {
}
