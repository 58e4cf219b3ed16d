package org.openvtn.core;

import java.time.Instant;

/**
 * Telemetry filter; null fields are not filtered.
 *
 * @param venId VEN
 * @param from  inclusive lower bound on timestamp
 * @param to    exclusive upper bound on timestamp
 * @param limit maximum rows (&gt; 0)
 */
public record TelemetryQuery(String venId, Instant from, Instant to, int limit) {
}
