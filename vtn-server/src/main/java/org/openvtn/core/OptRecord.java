package org.openvtn.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An opt created by a VEN through EiOpt (OpenADR 2.0b 8.5): either event-scoped ({@code eventId}
 * set) or an availability schedule ({@code windows} non-empty).
 *
 * @param optId              VEN-chosen opt ID
 * @param participantId      owner (participant id: the venID)
 * @param optType            OPT_IN / OPT_OUT
 * @param reason             optReason (e.g. economic, emergency, participating...), may be null
 * @param marketContext      may be null
 * @param eventId            event for event-scoped opts, else null
 * @param modificationNumber event modification number (event-scoped only), else null
 * @param resourceIds        resources the opt applies to (empty = whole VEN)
 * @param windows            availability schedule (empty for event-scoped opts)
 * @param createdAt          when received
 * @param cancelled          true after EiCancelOpt
 */
public record OptRecord(String optId, String participantId, OptType optType, String reason, String marketContext,
                        String eventId, Long modificationNumber, List<String> resourceIds,
                        List<AvailabilityWindow> windows, Instant createdAt, boolean cancelled) {
    public OptRecord {
        Objects.requireNonNull(optId, "optId");
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(createdAt, "createdAt");
        resourceIds = resourceIds == null ? List.of() : List.copyOf(resourceIds);
        windows = windows == null ? List.of() : List.copyOf(windows);
    }

    /** @return a cancelled copy */
    public OptRecord asCancelled() {
        return new OptRecord(optId, participantId, optType, reason, marketContext, eventId, modificationNumber,
                resourceIds, windows, createdAt, true);
    }
}
