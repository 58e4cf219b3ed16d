package org.openvtn.core;

import java.util.List;

/**
 * Input of {@link OptService#createOpt(String, NewOpt)} (OpenADR 2.0b oadrCreateOpt).
 *
 * @param optId              VEN-chosen opt ID, required
 * @param optType            OPT_IN / OPT_OUT
 * @param reason             optReason, may be null
 * @param marketContext      may be null
 * @param eventId            event-scoped opt: the event; else null
 * @param modificationNumber event modification number for event-scoped opts, may be null
 * @param resourceIds        resources (empty = whole VEN)
 * @param windows            availability schedule; must be non-empty when eventId is null
 */
public record NewOpt(String optId, OptType optType, String reason, String marketContext, String eventId,
                     Long modificationNumber, List<String> resourceIds, List<AvailabilityWindow> windows) {
}
