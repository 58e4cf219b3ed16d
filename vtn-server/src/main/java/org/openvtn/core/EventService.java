package org.openvtn.core;

import java.util.List;
import java.util.Optional;

/**
 * Events: operator CRUD, per-VEN distribution and VEN responses (OpenADR 2.0b 8.2 EiEvent; the
 * 2030.5 adapter maps the same events to DERControl/EndDeviceControl).
 *
 * <p>Modification numbers: 0 on create (conformance rule 4), +1 on every update and on cancel
 * (rule 5). Each change is stored in the history and queues EVENTS_CHANGED for every registered
 * VEN targeted before or after the change.
 */
public interface EventService {

    /**
     * @throws VtnException 452 naming {@code programId} when the program does not exist
     */
    Event create(EventSpec spec);

    /**
     * Replaces the content of an event and increments its modification number.
     *
     * @throws VtnException 452 unknown id; 451 when cancelled or completed
     */
    Event update(String eventId, EventSpec spec);

    /**
     * Cancels and increments the modification number.
     *
     * @throws VtnException 452 unknown id; 451 when already cancelled or completed
     */
    Event cancel(String eventId);

    Optional<Event> get(String eventId);

    /** @return all events, newest first */
    List<Event> list();

    /** @return the status of an event at the service clock's now */
    EventStatus statusOf(Event event);

    /** @return the modification history of an event, oldest first */
    List<EventHistoryEntry> history(String eventId);

    /**
     * The events a VEN should currently hold, without recording anything: every non-terminal event
     * that targets it, plus cancelled/completed events whose final state has not yet been
     * delivered to it (an event absent from a distribution is implicitly cancelled, so those are
     * kept until each targeted VEN has seen them; OpenADR 2.0b 8.2).
     *
     * @param venId VEN
     * @return events ordered by start
     */
    List<Event> eventsFor(String venId);

    /**
     * Same as {@link #eventsFor(String)} and records that this list was delivered (the adapter
     * calls it when it builds an oadrDistributeEvent for the VEN).
     */
    List<Event> distribute(String venId);

    /**
     * Records a registered participant's event response (OpenADR oadrCreatedEvent). Late opt-outs are accepted. The
     * outcome (e.g. NOT_SUPPORTED for OpenADR 460) and the adapter's own code are stored as given.
     *
     * @param protocolCode the adapter's own code as opaque text (operators), may be null
     * @throws VtnException 452 naming {@code eventId} when the event is unknown or does not target the participant
     */
    EventResponse recordResponse(String participantId, String eventId, long modificationNumber, OptType optType,
                                 ResponseOutcome outcome, String protocolCode, String description);

    /**
     * Records the response of a participant that is not an OpenADR registration (an IEEE 2030.5 EndDevice, keyed by
     * its LFDI), which its adapter has already checked against the event (a Response to a control issued to that
     * device). Stored as given, in the caller's transaction; the adapter keeps its own per-participant quota.
     */
    void recordCheckedResponse(EventResponse response);

    /** @return responses to an event, oldest first */
    List<EventResponse> responses(String eventId);

    /** @return responses of a VEN, oldest first */
    List<EventResponse> responsesOf(String venId);

    /**
     * Subscribes to event changes.
     *
     * @return a handle whose close() unsubscribes
     */
    AutoCloseable addListener(EventChangeListener listener);

    /**
     * Subscribes to event changes inside the transaction that makes them (issue #20: a notifier outbox written in
     * the same transaction as the change): called on the writing thread before the commit; an exception rolls the
     * change back. Listeners of {@link #addListener} run after the commit.
     *
     * @return a handle whose close() unsubscribes
     */
    AutoCloseable addTransactionalListener(EventChangeListener listener);

    /**
     * @return whether the VEN has answered (oadrCreatedEvent) the event at this modificationNumber; one indexed
     *         lookup (issue #12 item 6: the poll queue's acknowledgement of a distribution)
     */
    default boolean answered(String venId, String eventId, long modificationNumber) {
        return responsesOf(venId).stream().anyMatch(r -> r.eventId().equals(eventId)
                && r.modificationNumber() == modificationNumber);
    }
}
