package org.openvtn.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PollQueue} over the persistent {@link org.openvtn.store.PollStore}. */
public final class DefaultPollQueue implements PollQueue {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultPollQueue.class);

    /**
     * The {@link org.openvtn.store.Database#publish} topic of a VEN's poll queue (key: the VEN ID): published in every
     * transaction that queues an item, so the push dispatcher of every node learns of it on commit.
     */
    public static final String CHANGES = "poll";

    private final VtnStore store;
    private final Clock clock;
    private final Duration redeliverAfter;
    private final int maxDeliveries;
    private final List<java.util.function.Consumer<PollItem>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public DefaultPollQueue(VtnStore store, Clock clock) {
        this(store, clock, StoreLimits.DEFAULT.pollRedeliveryAfter(), StoreLimits.DEFAULT.pollMaxDeliveries());
    }

    /**
     * @param redeliverAfter how long a sent, unacknowledged item waits before a poll carries it again
     * @param maxDeliveries  how many poll answers may carry one item before it is dropped
     */
    public DefaultPollQueue(VtnStore store, Clock clock, Duration redeliverAfter, int maxDeliveries) {
        this.store = store;
        this.clock = clock;
        this.redeliverAfter = redeliverAfter;
        this.maxDeliveries = maxDeliveries;
    }

    @Override
    public PollItem enqueue(String venId, PollItem.Kind kind, String reference) {
        PollItem item = store.inTransaction(() -> {
            if (kind == PollItem.Kind.EVENTS_CHANGED) {
                // Several writers (PostgreSQL, issue #19): only an item this transaction can lock may absorb the
                // change. One another node or thread is claiming right now (SKIP LOCKED skips it) may already be
                // rendered with the older list and then removed, and the change would be lost with it.
                List<PollItem> pending = store.database().singleProcess() ? store.polls().list(venId)
                        : store.polls().claim(venId);
                for (PollItem p : pending) {
                    // a sent item already left with an older event list: only an unsent one can absorb the change
                    if (p.kind() == PollItem.Kind.EVENTS_CHANGED && !p.sent()) {
                        store.database().publish(CHANGES, venId);
                        return p;
                    }
                }
            }
            store.database().publish(CHANGES, venId); // other nodes' push lanes wake on commit (issue #19)
            return store.polls().insert(venId, kind, reference, clock.instant());
        });
        notifyListeners(item);
        return item;
    }

    @Override
    public PollItem enqueueCarried(String venId, PollItem.Kind kind, String reference) {
        PollItem item = store.inTransaction(() -> {
            Instant now = clock.instant();
            PollItem p = store.polls().insert(venId, kind, reference, now);
            store.polls().markSent(p.seq(), now);
            store.database().publish(CHANGES, venId);
            return new PollItem(p.seq(), venId, kind, reference, p.createdAt(), now, 1);
        });
        notifyListeners(item); // a push lane learns of it (and when it would be due), nothing is sent now
        return item;
    }

    @Override
    public void markCarried(String venId, PollItem.Kind kind, String reference) {
        store.inTransaction(() -> {
            Instant now = clock.instant();
            for (PollItem p : store.database().singleProcess() ? store.polls().list(venId)
                    : store.polls().claim(venId)) {
                if (!p.sent() && p.kind() == kind && java.util.Objects.equals(p.reference(), reference)) {
                    store.polls().markSent(p.seq(), now);
                }
            }
            return null;
        });
    }

    private void notifyListeners(PollItem item) {
        for (java.util.function.Consumer<PollItem> l : listeners) {
            try {
                l.accept(item);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DefaultPollQueue.class).warn("poll queue listener failed: {}",
                        e.toString());
            }
        }
    }

    @Override
    public void addListener(java.util.function.Consumer<PollItem> listener) {
        listeners.add(listener);
    }

    @Override
    public Optional<PollItem> peek(String venId) {
        List<PollItem> items = store.polls().list(venId);
        return items.isEmpty() ? Optional.empty() : Optional.of(items.get(0));
    }

    @Override
    public Optional<PollItem> next(String venId) {
        if (store.polls().list(venId).isEmpty()) {
            return Optional.empty(); // an idle VEN's poll: answered from the store's cache, no transaction
        }
        return store.inTransaction(() -> {
            List<PollItem> claimed = store.polls().claim(venId);
            Optional<PollItem> head = claimed.isEmpty() ? Optional.empty() : Optional.of(claimed.get(0));
            head.ifPresent(p -> store.polls().delete(p.seq()));
            return head;
        });
    }

    @Override
    public List<PollItem> pending(String venId) {
        return store.polls().list(venId);
    }

    @Override
    public List<PollItem> claimPending(String venId) {
        return store.polls().claim(venId);
    }

    @Override
    public List<String> vensWithPending() {
        return store.polls().vensWithItems();
    }

    @Override
    public long depth() {
        return store.polls().count();
    }

    @Override
    public boolean due(PollItem item) {
        return !item.sent() || !clock.instant().isBefore(dueAt(item));
    }

    @Override
    public Instant dueAt(PollItem item) {
        return item.sent() ? item.sentAt().plus(redeliverAfter) : clock.instant();
    }

    @Override
    public Optional<PollItem> deliver(String venId, Predicate<PollItem> acknowledged) {
        if (!anyDue(store.polls().list(venId))) {
            // An idle VEN's poll (issue #18): nothing queued, or only items already sent and not due again. Answered
            // from the store's snapshot (Derby) or one read (PostgreSQL), with no claim transaction and no
            // acknowledgement queries; an acknowledged item is removed by the first poll at or after its due time
            // (or any poll that has something else to send), which answers the same as removing it now would.
            return Optional.empty();
        }
        return store.inTransaction(() -> {
            Instant now = clock.instant();
            List<PollItem> items = store.polls().claim(venId); // rows another node is delivering are skipped
            for (PollItem p : items) {
                if (p.sent()) {
                    if (acknowledged.test(p)) {
                        store.polls().delete(p.seq());
                        continue;
                    }
                    if (!due(p)) {
                        continue;
                    }
                    if (p.deliveries() >= maxDeliveries) {
                        LOG.warn("VEN {} did not acknowledge poll item {} ({}) after {} deliveries; dropped", venId,
                                p.seq(), p.kind(), p.deliveries());
                        store.polls().delete(p.seq());
                        continue;
                    }
                }
                store.polls().markSent(p.seq(), now);
                if (p.kind() == PollItem.Kind.EVENTS_CHANGED) {
                    for (PollItem older : items) {
                        if (older.seq() != p.seq() && older.kind() == PollItem.Kind.EVENTS_CHANGED && older.sent()) {
                            store.polls().delete(older.seq()); // superseded: this answer carries the full list
                        }
                    }
                }
                if (p.sent()) {
                    LOG.info("VEN {} has not acknowledged poll item {} ({}) sent at {}; sending it again", venId,
                            p.seq(), p.kind(), p.sentAt());
                }
                return Optional.of(new PollItem(p.seq(), venId, p.kind(), p.reference(), p.createdAt(), now,
                        p.deliveries() + 1));
            }
            return Optional.empty();
        });
    }

    /** @return whether {@link #deliver} may have something to send: an unsent item, or a sent one due again */
    private boolean anyDue(List<PollItem> items) {
        for (PollItem p : items) {
            if (due(p)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void acknowledge(long seq) {
        store.polls().delete(seq);
    }

    @Override
    public void onChangesOfAllNodes(java.util.function.Consumer<String> queued, Runnable reconnected) {
        store.database().onChange(CHANGES, queued);
        store.database().onChangesReconnected(reconnected);
    }
}
