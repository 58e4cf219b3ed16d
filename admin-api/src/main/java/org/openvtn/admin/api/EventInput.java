package org.openvtn.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code POST /events}, {@code PUT /events/{id}}. Durations are ISO-8601 text; {@code randomizeDuration} may also
 * be an integer of seconds (IEEE 2030.5 style), so it is kept as JSON until validated.
 *
 * @param programId         program (required)
 * @param start             ISO-8601 date-time with offset (required)
 * @param signals           non-empty
 * @param targets           required
 * @param priority          non-negative, 0 = none
 * @param responseRequired  {@code always} or {@code never}
 * @param randomizeStart    start randomization (OpenADR tolerance)
 * @param randomizeDuration signed randomization of the duration (2030.5)
 * @param rampUp            ramp-up period
 * @param recovery          recovery period
 * @param testEvent         test event flag
 * @param vtnComment        free text
 */
@ApiSchema("EventInput")
public record EventInput(String programId, String start, List<SignalInput> signals, TargetsJson targets,
                         Long priority, String responseRequired, String randomizeStart, JsonNode randomizeDuration,
                         String rampUp, String recovery, Boolean testEvent, String vtnComment) {
}
