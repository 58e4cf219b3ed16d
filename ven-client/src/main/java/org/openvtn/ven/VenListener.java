package org.openvtn.ven;

/**
 * Callbacks of a {@link VenClient}. Every method has a no-op default; override what you need.
 * Callbacks run on the client's callback executor, never on a network I/O thread, one at a time
 * per client and in order.
 */
public interface VenListener {

    /** A new event arrived (state PENDING, or already ACTIVE/COMPLETED when it started in the past). */
    default void onEvent(DrEvent event) {
    }

    /** The VTN modified an event (higher modificationNumber, conformance rule 5). */
    default void onEventModified(DrEvent event, DrEvent previous) {
    }

    /** An event was cancelled: eventStatus cancelled, or absent from a later distribution (implied cancel). */
    default void onEventCancelled(DrEvent event) {
    }

    /** An event's active period began at its (randomized) start. */
    default void onEventActive(DrEvent event) {
    }

    /** An event's active period ended. */
    default void onEventCompleted(DrEvent event) {
    }

    /** The VTN requested a report; the client sends it from the {@link TelemetrySource}. */
    default void onReportRequest(ReportRequest request) {
    }

    /** The registration changed: registered, re-registered, or cancelled ({@code registration} null). */
    default void onRegistrationChanged(RegistrationInfo registration) {
    }

    /** Something failed: an unreachable VTN, a bad message, a VTN error code. The client carries on. */
    default void onError(VenException error) {
    }
}
