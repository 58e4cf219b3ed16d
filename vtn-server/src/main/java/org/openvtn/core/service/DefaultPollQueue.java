package org.openvtn.core.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.openvtn.core.PollItem;
import org.openvtn.core.PollQueue;
import org.openvtn.store.VtnStore;

/** {@link PollQueue} over the persistent {@link org.openvtn.store.PollStore}. */
public final class DefaultPollQueue implements PollQueue {
    private final VtnStore store;
    private final Clock clock;
    private final List<java.util.function.Consumer<PollItem>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public DefaultPollQueue(VtnStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public PollItem enqueue(String venId, PollItem.Kind kind, String reference) {
        PollItem item = store.inTransaction(() -> {
            if (kind == PollItem.Kind.EVENTS_CHANGED) {
                for (PollItem p : store.polls().list(venId)) {
                    if (p.kind() == PollItem.Kind.EVENTS_CHANGED) {
                        return p;
                    }
                }
            }
            return store.polls().insert(venId, kind, reference, clock.instant());
        });
        for (java.util.function.Consumer<PollItem> l : listeners) {
            try {
                l.accept(item);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(DefaultPollQueue.class).warn("poll queue listener failed: {}",
                        e.toString());
            }
        }
        return item;
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
            Optional<PollItem> head = peek(venId);
            head.ifPresent(p -> store.polls().delete(p.seq()));
            return head;
        });
    }

    @Override
    public List<PollItem> pending(String venId) {
        return store.polls().list(venId);
    }
}
