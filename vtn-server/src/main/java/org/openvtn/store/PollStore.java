package org.openvtn.store;

import java.time.Instant;
import java.util.List;
import org.openvtn.core.PollItem;

/** Persistence of the poll queue. */
public interface PollStore {
    PollItem insert(String venId, PollItem.Kind kind, String reference, Instant at);

    /** @return pending items of a VEN, oldest first */
    List<PollItem> list(String venId);

    /**
     * Claims a VEN's pending items for the calling transaction, oldest first: on PostgreSQL the rows are locked
     * ({@code FOR UPDATE SKIP LOCKED}) so a concurrent poll on another node or thread skips them instead of delivering
     * them twice; on Derby the database lock already serialises claims. Call inside a transaction.
     */
    default List<PollItem> claim(String venId) {
        return list(venId);
    }

    void delete(long seq);

    /** Records that a poll answer carried the item at {@code at} (sets sent_at, counts the delivery). */
    void markSent(long seq, Instant at);

    void deleteByVen(String venId);

    /** @return VENs with at least one item */
    default List<String> vensWithItems() {
        return List.of();
    }

    /** @return items queued for every VEN together (the poll-queue depth gauge, issue #19) */
    long count();
}
