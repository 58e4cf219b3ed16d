package org.openvtn.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.core.Event;
import org.openvtn.core.EventHistoryEntry;
import org.openvtn.core.EventResponse;

/** Persistence of events, their history, per-VEN delivery state and VEN responses. */
public interface EventStore {
    void insert(Event event);

    /** Overwrites the stored event with the same id. */
    void update(Event event);

    Optional<Event> find(String id);

    /** @return all events, newest first */
    List<Event> list();

    /** @return events whose nominal end is after {@code cutoff} (cancelled included), by start */
    List<Event> listEndingAfter(Instant cutoff);

    void appendHistory(EventHistoryEntry entry);

    List<EventHistoryEntry> history(String eventId);

    /** @return eventId -> last delivery to that VEN */
    Map<String, EventDelivery> deliveries(String venId);

    void recordDelivery(String eventId, String venId, EventDelivery delivery);

    /**
     * Stores a VEN's answer idempotently (issue #12 item 7): one row per (venId, eventId, modificationNumber); a
     * retry updates that row (last answer wins).
     */
    void insertResponse(EventResponse response);

    /**
     * Deletes the VEN's oldest responses beyond {@code keep} (quota, issue #12 item 8).
     *
     * @return how many rows were deleted
     */
    int trimResponses(String venId, int keep);

    List<EventResponse> responsesByEvent(String eventId);

    /** @return whether a response row exists for (venId, eventId, modificationNumber) */
    boolean hasResponse(String venId, String eventId, long modificationNumber);

    List<EventResponse> responsesByVen(String venId);
}
