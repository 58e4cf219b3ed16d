package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An opt (oadrCreateOpt) a VEN sent.
 *
 * @param optId              opt ID
 * @param venId              VEN ID
 * @param optType            optIn or optOut
 * @param reason             reason
 * @param marketContext      market context or null
 * @param eventId            event ID for an event-scoped opt, or null
 * @param modificationNumber event modification, absent when none
 * @param resourceIds        resources
 * @param windows            availability windows
 * @param createdAt          ISO-8601 instant
 * @param cancelled          cancelled by the VEN
 */
@ApiSchema("Opt")
public record OptJson(String optId, String venId, String optType, String reason, String marketContext,
                      String eventId, @JsonInclude(JsonInclude.Include.NON_NULL) Long modificationNumber,
                      List<String> resourceIds, List<Window> windows, String createdAt, boolean cancelled) {

    /**
     * @param start    ISO-8601 instant
     * @param duration ISO-8601 duration
     */
    public record Window(String start, String duration) {
    }
}
