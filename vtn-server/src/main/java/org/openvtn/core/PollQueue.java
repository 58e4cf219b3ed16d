package org.openvtn.core;

import java.util.List;
import java.util.Optional;

/**
 * Per-party FIFO of things to deliver on the next poll (OpenADR 2.0b 8.7 OadrPoll). Persistent:
 * items survive a restart.
 */
public interface PollQueue {
    /**
     * Queues an item. EVENTS_CHANGED is coalesced: if one is already pending for the VEN, the
     * existing item is returned.
     */
    PollItem enqueue(String venId, PollItem.Kind kind, String reference);

    /** @return the oldest pending item without removing it */
    Optional<PollItem> peek(String venId);

    /** @return and remove the oldest pending item, or empty (oadrResponse "nothing") */
    Optional<PollItem> next(String venId);

    /** @return all pending items of a VEN, oldest first */
    List<PollItem> pending(String venId);

    /**
     * Registers a callback run after each {@link #enqueue} on the enqueuing thread, possibly inside the caller's
     * transaction (a reader on another thread sees the item once it commits). Used by delivery channels that do not
     * wait for a poll, such as the 2.0b push dispatcher (issue #14). Must be quick and must not throw.
     */
    void addListener(java.util.function.Consumer<PollItem> listener);
}
