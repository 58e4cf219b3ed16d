package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An event as the admin API shows it: the request's fields plus id, status, times and each signal's current value.
 *
 * @param id                 event id
 * @param programId          program
 * @param marketContext      the program's market context
 * @param modificationNumber OpenADR modificationNumber
 * @param status             far, near, active, completed or cancelled
 * @param createdAt          ISO-8601 instant
 * @param modifiedAt         ISO-8601 instant
 * @param start              ISO-8601 instant
 * @param end                ISO-8601 instant
 * @param duration           ISO-8601 duration
 * @param priority           priority
 * @param responseRequired   always or never
 * @param randomizeStart     ISO-8601 duration
 * @param randomizeDuration  ISO-8601 duration
 * @param rampUp             ISO-8601 duration
 * @param recovery           ISO-8601 duration
 * @param testEvent          test flag
 * @param vtnComment         free text, absent when none
 * @param targets            targets
 * @param signals            signals
 */
@ApiSchema("Event")
public record EventJson(String id, String programId, String marketContext, long modificationNumber, String status,
                        String createdAt, String modifiedAt, String start, String end, String duration, long priority,
                        String responseRequired, String randomizeStart, String randomizeDuration, String rampUp,
                        String recovery, boolean testEvent,
                        @JsonInclude(JsonInclude.Include.NON_NULL) String vtnComment, TargetsJson targets,
                        List<Signal> signals) {

    /**
     * A signal with its value now.
     *
     * @param signalId     id
     * @param name         name
     * @param type         type
     * @param units        units, absent when none
     * @param currentValue the active interval's value now (0 outside the event)
     * @param intervals    intervals
     */
    public record Signal(String signalId, String name, String type,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String units, double currentValue,
                         List<Interval> intervals) {
    }

    /**
     * @param uid      interval uid
     * @param duration ISO-8601 duration
     * @param value    value
     */
    public record Interval(int uid, String duration, double value) {
    }
}
