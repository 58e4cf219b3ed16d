package org.openvtn.sep.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.store.JdbcNotificationLeases.Claimed;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notification delivery (IEEE 2030.5-2018 §5.6) when several nodes share one PostgreSQL database (issue #19;
 * docs/deployment.md "How 2030.5 notification delivery is shared"). Nothing about a subscription's queue is kept in
 * memory: before a POST the node leases the head row of the subscription's queue ({@code sep_notifications}, migration
 * V26) for {@link DeliveryPolicy#lease()}, renews it every third of that while the request runs, and after the
 * listener's 2xx removes the row only while it still holds the lease, then leases the next head at once. Only the
 * head is ever leased, so a subscription's Notifications go out in order, one at a time, whichever node sends them.
 *
 * <p>Promptness: the node whose change queued a Notification wakes that subscription at once, and every node hears of
 * the queued rows on commit through LISTEN/NOTIFY and wakes it too, so whichever node may lease the head sends it
 * without waiting for a sweep (a node busy with the subscription's head continues with the next row when its request
 * ends). Every node also sweeps every half lease for heads no one holds (never leased, given back, or a dead node's
 * lapsed lease; and after its listening connection came back, for what it missed meanwhile): a dead node's rows are
 * sent within about 1.5 leases.
 *
 * <p>A failed attempt gives the row back with the backoff as the earliest next attempt and the attempt count stored
 * with it, so whichever node tries next honours both; after {@link DeliveryPolicy#maxAttempts()} it is dropped,
 * counted and logged. Delivery is at least once: a node that dies after the listener answered but before the row was
 * removed, or stalls past its lease, lets another node send the row again.
 */
final class LeasedNotificationDispatcher implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int SWEEP_BATCH = 1000;

    private final NotificationOutbox store;
    private final DeliveryPolicy policy;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final NotificationClient http;
    private final String node;
    /** Subscriptions this node is delivering now -> woken again meanwhile (claim once more before going idle). */
    private final Map<Long, Boolean> active = new ConcurrentHashMap<>();
    /** Rows this node holds a lease on, by row id. */
    private final Map<Long, Claimed> held = new ConcurrentHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private volatile boolean closed;

    LeasedNotificationDispatcher(NotificationOutbox store, TlsConfig tls, DeliveryPolicy policy, ExecutorService worker,
                                 ScheduledExecutorService timer, Clock clock, String node) {
        this.store = store;
        this.policy = policy;
        this.worker = worker;
        this.timer = timer;
        this.clock = clock;
        this.http = new NotificationClient(tls, policy);
        this.node = node;
        long lease = policy.lease().toMillis();
        timer.scheduleWithFixedDelay(this::sweep, 0, lease / 2, TimeUnit.MILLISECONDS);
        store.onQueuedOnAnyNode(this::wake, this::sweep);
        timer.scheduleWithFixedDelay(this::renewAll, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
        LOG.info("2030.5 notifications: shared database, deliveries leased as {} for {}", node, policy.lease());
    }

    @Override
    public void open(SepSubscription s, long queued) {
        if (queued > 0) {
            wake(s.id());
        }
    }

    @Override
    public void close(long subscriptionId) {
        // its rows were deleted with it: a request in flight finishes and finds nothing to remove
    }

    @Override
    public void update(SepSubscription s) {
        // the notificationURI is read with every lease
    }

    @Override
    public void closeWhenDrained(long subscriptionId) {
        // the row carries final_notice: whichever node finishes it ends the subscription
    }

    @Override
    public boolean has(long subscriptionId) {
        return true; // any stored subscription, whichever node created it
    }

    @Override
    public boolean admits(long subscriptionId) {
        if (store.queued(subscriptionId) < policy.maxQueued()) {
            return true;
        }
        dropped.incrementAndGet();
        store.complete(List.of(), Map.of(), Map.of(subscriptionId, 1L));
        LOG.warn("subscription {}: {} notifications undelivered, a new one is refused (counted as dropped)",
                subscriptionId, policy.maxQueued());
        return false;
    }

    @Override
    public void accepted(List<NotificationOutbox.Queued> rows) {
        rows.stream().map(NotificationOutbox.Queued::subscriptionId).distinct().forEach(this::wake);
    }

    /** Starts delivering a subscription's queue on this node, or tells the running delivery to look once more. */
    void wake(long subscriptionId) {
        if (closed) {
            return;
        }
        boolean[] start = {false};
        active.compute(subscriptionId, (k, again) -> {
            start[0] = again == null;
            return again != null;
        });
        if (start[0]) {
            run(() -> next(subscriptionId));
        }
    }

    /** Leases and sends the subscription's head, or goes idle when there is none this node may take. */
    private void next(long subscriptionId) {
        Optional<Claimed> head;
        try {
            head = closed ? Optional.empty() : store.claimHead(subscriptionId, node, clock.instant(), policy.lease());
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: leasing its next notification failed (the sweep retries): {}", subscriptionId,
                    e.toString());
            active.remove(subscriptionId);
            return;
        }
        if (head.isEmpty()) {
            if (!active.remove(subscriptionId, Boolean.FALSE)) {
                active.put(subscriptionId, Boolean.FALSE); // woken meanwhile: look once more
                run(() -> next(subscriptionId));
            }
            return;
        }
        Claimed row = head.get();
        held.put(row.id(), row);
        http.post(subscriptionId, row.notificationUri(), row.body(), (status, error) -> run(() -> settle(row, error)));
    }

    private void settle(Claimed row, String error) {
        long sub = row.subscriptionId();
        held.remove(row.id());
        try {
            if (error == null) {
                delivered.incrementAndGet();
                finish(row, true);
                next(sub);
                return;
            }
            int attempts = row.attempts() + 1;
            if (attempts >= policy.maxAttempts()) {
                dropped.incrementAndGet();
                LOG.warn("subscription {}: notification {} to {} dropped after {} attempts ({})", sub, row.id(),
                        row.notificationUri(), attempts, error);
                finish(row, false);
                next(sub);
                return;
            }
            retries.incrementAndGet();
            Duration delay = policy.backoff(attempts);
            LOG.debug("subscription {}: notification {} failed ({}), retry {} in {} ms", sub, row.id(), error,
                    attempts, delay.toMillis());
            store.retryLater(row.id(), node, attempts, clock.instant().plus(delay));
            active.remove(sub);
            timer.schedule(() -> wake(sub), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.warn("subscription {}: recording notification {} failed; its lease lapses and it is sent again: {}",
                    sub, row.id(), e.toString());
            active.remove(sub);
        }
    }

    private void finish(Claimed row, boolean ok) {
        if (!store.finish(row, node, ok)) {
            LOG.warn("subscription {}: notification {} {} after its lease lapsed (or the subscription was deleted);"
                    + " another node may send it again", row.subscriptionId(), row.id(), ok ? "delivered" : "dropped");
        } else if (row.finalNotice()) {
            LOG.info("subscription {} ended: its resource no longer exists", row.subscriptionId());
        }
    }

    /** Heads no node holds (new, given back, a dead node's lapsed lease, a backoff that is over). */
    private void sweep() {
        if (closed) {
            return;
        }
        try {
            store.claimable(clock.instant(), SWEEP_BATCH).forEach(this::wake);
        } catch (RuntimeException e) {
            LOG.warn("sweeping the 2030.5 notification queue failed: {}", e.toString());
        }
    }

    private void renewAll() {
        for (Claimed row : List.copyOf(held.values())) {
            try {
                if (!store.renew(row.id(), node, clock.instant(), policy.lease())) {
                    held.remove(row.id());
                    LOG.debug("lease on notification {} no longer held by {}", row.id(), node);
                }
            } catch (RuntimeException e) {
                LOG.warn("notification leases not renewed: {}", e.toString());
                return;
            }
        }
    }

    private void run(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("notification worker stopped; the lease lapses or was given back");
        }
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (store.pendingCount() > 0 || !held.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /**
     * {@inheritDoc} Shared database: {@code pending} is the whole shared queue (the same on every node),
     * {@code subscriptions} the subscriptions this node is sending to now; the delivery counters are this node's.
     */
    @Override
    public DeliveryStats stats() {
        long queued;
        try {
            queued = store.pendingCount();
        } catch (RuntimeException e) {
            queued = held.size();
        }
        return new DeliveryStats(active.size(), delivered.get(), dropped.get(), queued, retries.get());
    }

    /** Stops: gives every held lease back, so other nodes take the rows over at once instead of after a lapse. */
    @Override
    public void close() {
        closed = true;
        http.close();
        for (Claimed row : List.copyOf(held.values())) {
            try {
                store.release(row.id(), node);
            } catch (RuntimeException e) {
                LOG.debug("notification lease {} not given back on stop (it lapses): {}", row.id(), e.toString());
            }
        }
        held.clear();
    }
}
