package org.openvtn.ven;

/**
 * Local lifecycle of an event as tracked by the client, from its own clock and the (randomized)
 * start: {@code PENDING -> ACTIVE -> COMPLETED}, or {@code CANCELLED} at any point, explicitly
 * (eventStatus {@code cancelled}) or implicitly (absent from a later oadrDistributeEvent).
 */
public enum EventState {
    PENDING,
    ACTIVE,
    COMPLETED,
    CANCELLED;

    /** True for COMPLETED and CANCELLED. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
