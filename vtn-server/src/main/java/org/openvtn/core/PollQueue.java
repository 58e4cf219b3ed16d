package org.openvtn.core;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

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

    /**
     * Queues an item whose message an answer the VEN is about to receive already carries (a report request
     * piggy-backed on oadrRegisteredReport, R1_3060): recorded as sent now, in the caller's transaction, so neither a
     * poll nor the push channel delivers it again before the redelivery interval, and not at all once the VEN has
     * acknowledged it (R0_8060: one copy per request).
     */
    PollItem enqueueCarried(String venId, PollItem.Kind kind, String reference);

    /**
     * Records the VEN's pending, not yet sent items of that kind and reference as sent now: an answer carries them
     * (as {@link #enqueueCarried}). Items another node is claiming right now (PostgreSQL) are left alone.
     */
    void markCarried(String venId, PollItem.Kind kind, String reference);

    /** @return the oldest pending item without removing it */
    Optional<PollItem> peek(String venId);

    /** @return and remove the oldest pending item, or empty (oadrResponse "nothing") */
    Optional<PollItem> next(String venId);

    /** @return all pending items of a VEN, oldest first (items sent but not yet acknowledged included) */
    List<PollItem> pending(String venId);

    /**
     * At-least-once delivery for a poll answer (issue #12 item 6): returns the oldest item that is due, marking it
     * sent but leaving it queued. An item is due when no answer has carried it yet, or when it was sent at least
     * the redelivery interval ago and {@code acknowledged} does not show that the VEN has it. Sent items that
     * {@code acknowledged} confirms are removed; items sent the maximum number of times are dropped with a
     * warning. Delivering an {@code EVENTS_CHANGED} item removes older sent ones (each distribution carries the
     * full event list).
     *
     * @param venId        the polling VEN
     * @param acknowledged whether the VEN has shown it has a sent item (called for sent items only)
     * @return the item the answer must carry, or empty (oadrResponse "nothing")
     */
    Optional<PollItem> deliver(String venId, Predicate<PollItem> acknowledged);

    /** @return whether {@link #deliver} would send {@code item} now if it is not acknowledged */
    boolean due(PollItem item);

    /** @return when {@link #deliver} would send {@code item} again (now for an item not sent yet) */
    java.time.Instant dueAt(PollItem item);

    /** Removes an item the VEN has shown it has, or that has become moot. */
    void acknowledge(long seq);

    /**
     * Several nodes on one database (issue #19): {@code queued} is called with the VEN ID of every item any node queues
     * (after that node's commit), and {@code reconnected} after the node's change listener was lost and is back
     * (changes sent meanwhile are lost: sweep). Nothing is called on a single-process database.
     */
    default void onChangesOfAllNodes(java.util.function.Consumer<String> queued, Runnable reconnected) {
    }

    /**
     * Registers a callback run after each {@link #enqueue} on the enqueuing thread, possibly inside the caller's
     * transaction (a reader on another thread sees the item once it commits). Used by delivery channels that do not
     * wait for a poll, such as the 2.0b push dispatcher (issue #14). Must be quick and must not throw.
     */
    void addListener(java.util.function.Consumer<PollItem> listener);

    /** @return items queued for every VEN together, sent-but-unacknowledged ones included (metrics, issue #19) */
    long depth();

    /**
     * Claims a VEN's pending items for the calling transaction, oldest first (issue #19): on PostgreSQL items another
     * node is claiming right now are skipped, so two nodes never move the same item into a push outbox. Call inside a
     * transaction.
     */
    default List<PollItem> claimPending(String venId) {
        return pending(venId);
    }

    /** @return the VENs with at least one pending item (a node's periodic sweep for work other nodes queued) */
    default List<String> vensWithPending() {
        return List.of();
    }
}
