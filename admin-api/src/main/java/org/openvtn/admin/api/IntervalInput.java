package org.openvtn.admin.api;

/**
 * One interval of a signal in an event request.
 *
 * @param duration ISO-8601 duration (required)
 * @param value    payload value (required)
 */
@ApiSchema("IntervalInput")
public record IntervalInput(String duration, Double value) {
}
