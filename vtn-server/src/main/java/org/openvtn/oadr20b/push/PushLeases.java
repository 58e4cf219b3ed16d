package org.openvtn.oadr20b.push;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.openvtn.core.PushOutboxService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push worker's side of the outbox leases (issue #19, migration V12), used only when the outbox is shared by
 * several nodes ({@link PushOutboxService#shared()}, PostgreSQL): a node leases a VEN's head entry before it sends
 * it, renews the lease every third of {@link PushConfig#lease()} while the exchange runs, deletes the entry only
 * while it still holds the lease, and gives it back after a failed attempt or when it stops. A node that dies
 * (SIGKILL, power) leaves its leases to lapse; another node's claim then takes the entry over. Per-VEN order holds
 * because only a head is ever leased.
 *
 * <p>Delivery is at least once, as on one node: a node that loses its lease (it stalled longer than the lease) while
 * the VEN already received the push cannot tell, and the new holder sends the entry again; OpenADR 2.0b messages
 * pushed by the VTN carry their own IDs (requestID, eventID and modificationNumber), so the VEN recognises a repeat.
 */
final class PushLeases {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);

    private final PushOutboxService store;
    private final Clock clock;
    private final Duration lease;
    private final String node;
    private final boolean shared;
    /** Entries this node holds a lease on: seq -> VEN. */
    private final Map<Long, String> held = new ConcurrentHashMap<>();

    PushLeases(PushOutboxService store, Clock clock, Duration lease) {
        this.store = store;
        this.clock = clock;
        this.lease = lease;
        this.shared = store.shared();
        this.node = shared ? org.openvtn.core.NodeId.generate() : null; // no host lookup on the embedded database
    }

    /** @return whether the outbox is shared and this worker leases its heads */
    boolean shared() {
        return shared;
    }

    /** @return this worker's lease-holder id */
    String node() {
        return node;
    }

    /** @return how long a lease lasts without renewal */
    Duration lease() {
        return lease;
    }

    /** Leases the VEN's head (joins the caller's transaction): empty when the outbox is empty or another node holds it. */
    Optional<PushOutboxService.Entry> claim(String venId) {
        Optional<PushOutboxService.Entry> head = store.claimHead(venId, node, clock.instant(), lease);
        head.ifPresent(e -> held.put(e.seq(), venId));
        return head;
    }

    /** Removes the delivered entry if this node still holds it (joins the caller's transaction). */
    boolean complete(long seq) {
        held.remove(seq);
        return store.complete(seq, node);
    }

    /** Gives the entry back (a failed attempt, stopping); joins the caller's transaction. */
    void release(long seq) {
        held.remove(seq);
        store.release(seq, node);
    }

    /** Extends every lease this node holds; a lease found lost (lapsed, taken over, rolled back) is forgotten. */
    void renewAll() {
        if (held.isEmpty()) {
            return;
        }
        Map<Long, String> now = Map.copyOf(held);
        try {
            store.inTransaction(() -> {
                now.forEach((seq, ven) -> {
                    if (!store.renew(seq, node, clock.instant(), lease)) {
                        held.remove(seq);
                        LOG.debug("push lease on entry {} of VEN {} no longer held by {}", seq, ven, node);
                    }
                });
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("push leases not renewed: {}", e.toString());
        }
    }

    /** Stopping: gives every held lease back, so other nodes take the entries over at once instead of after a lapse. */
    void releaseAll() {
        Map<Long, String> now = Map.copyOf(held);
        held.clear();
        if (now.isEmpty()) {
            return;
        }
        try {
            store.inTransaction(() -> {
                now.keySet().forEach(seq -> store.release(seq, node));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("push leases not released on stop (they lapse): {}", e.toString());
        }
    }
}
