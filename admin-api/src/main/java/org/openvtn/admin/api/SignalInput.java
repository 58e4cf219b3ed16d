package org.openvtn.admin.api;

import java.util.List;

/**
 * One signal in an event request.
 *
 * @param signalId  signal id (default: its index)
 * @param name      signal name, e.g. {@code simple} (required)
 * @param type      signal type, e.g. {@code level} (required)
 * @param units     units, optional
 * @param intervals non-empty
 */
@ApiSchema("SignalInput")
public record SignalInput(String signalId, String name, String type, String units, List<IntervalInput> intervals) {
}
