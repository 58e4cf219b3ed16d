package org.openvtn.core;

import java.util.Set;

/**
 * Notification that an event was created, modified or cancelled.
 *
 * @param kind           what happened
 * @param event          the event after the change
 * @param affectedParticipantIds registered participants targeted before or after the change (they got a poll item)
 */
public record EventChange(Kind kind, Event event, Set<String> affectedParticipantIds) {
    /** Change kind; stored in the event history as well. */
    public enum Kind { CREATED, UPDATED, CANCELLED }

    public EventChange {
        affectedParticipantIds = Set.copyOf(affectedParticipantIds);
    }
}
