package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Every admin API error body: {@code {"error", "field", "code"}} ({@code field} when one input field is at fault,
 * {@code conflictingEventId} for an overlap refusal).
 *
 * @param error              what went wrong, for an operator
 * @param field              the offending field's path, e.g. {@code signals[0].intervals[1].value}
 * @param code               the HTTP status, or the core's error code for a rule violation
 * @param conflictingEventId the event an overlapping one collides with
 */
@ApiSchema("Error")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorJson(String error, String field, int code, String conflictingEventId) {
}
