package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of an event's modification history: the full event as it was after each change.
 *
 * @param eventId            event
 * @param modificationNumber modification number after the change
 * @param kind               change kind
 * @param at                 when
 * @param snapshot           the event after the change
 */
public record EventHistoryEntry(String eventId, long modificationNumber, EventChange.Kind kind, Instant at,
                                Event snapshot) {
    public EventHistoryEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(snapshot, "snapshot");
    }
}
