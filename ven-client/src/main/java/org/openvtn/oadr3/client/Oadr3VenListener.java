package org.openvtn.oadr3.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Callbacks of {@link Oadr3VenClient}, default no-ops, run on the client's callback executor, in order, never on an
 * I/O thread. The event callbacks mean what the 2.0b {@code VenListener}'s do: {@code onEvent} a new event targeted
 * at this VEN, {@code onEventModified} a changed one (the 3.1 object differs from the one seen before), and
 * {@code onEventCancelled} one withdrawn (DELETE notification, or gone from the VEN's event list). 3.1 has no event
 * status or opt, so {@code onEventActive}/{@code onEventCompleted}/opt callbacks have no counterpart here.
 */
public interface Oadr3VenListener {
    /** A new event targeted at this VEN (webhook/MQTT CREATE notification, or first seen by polling). */
    default void onEvent(Oadr3Event event) {
    }

    /** An event changed (UPDATE notification, or a different object seen by polling). */
    default void onEventModified(Oadr3Event event, Oadr3Event previous) {
    }

    /** An event was deleted (DELETE notification) or is no longer listed for this VEN. */
    default void onEventCancelled(Oadr3Event event) {
    }

    /** Any 3.1 {@code notification} received (webhook or MQTT), before it is applied: objectType, operation, object. */
    default void onNotification(String objectType, String operation, JsonNode object) {
    }

    /** A failed exchange (poll, subscription, token) or a malformed notification. */
    default void onError(Oadr3ClientException error) {
    }
}
