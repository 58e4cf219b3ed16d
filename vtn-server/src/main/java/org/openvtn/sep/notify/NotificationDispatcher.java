package org.openvtn.sep.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers queued Notifications (IEEE 2030.5-2018 §5.6) over mutual TLS with the 2030.5 profile
 * (TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8; §6.11), the server presenting its own certificate.
 *
 * <p>Every accepted notification is first written to the database ({@code sep_notifications}).
 * Each subscription has a lane: an in-memory window of at most {@link DeliveryPolicy#laneCapacity()}
 * rows, refilled from the database when the window empties (durable spill), sent in order with one
 * request in flight per subscription over keep-alive connections. A failure is retried with
 * exponential backoff; after {@link DeliveryPolicy#maxAttempts()} the notification is given up,
 * counted as dropped and logged. Delivered rows are deleted in batches together with the counters
 * (at-least-once: a crash between delivery and the batch delete re-sends).
 */
final class NotificationDispatcher implements Deliveries {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);

    private final NotificationOutbox store;
    private final DeliveryPolicy policy;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final NotificationClient http;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<long[]> finished = new ConcurrentLinkedQueue<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final Object idle = new Object();
    /** Whether a {@link #flush} is scheduled for rows in {@link #finished} (at most one at a time). */
    private final java.util.concurrent.atomic.AtomicBoolean flushDue = new java.util.concurrent.atomic.AtomicBoolean();

    NotificationDispatcher(NotificationOutbox store, TlsConfig tls, DeliveryPolicy policy, ExecutorService worker,
                           ScheduledExecutorService timer) {
        this.store = store;
        this.policy = policy;
        this.worker = worker;
        this.timer = timer;
        this.http = new NotificationClient(tls, policy);
    }

    /**
     * Queues a finished row for the next {@link #flush}, 100 ms after the first one not yet flushed (issue #18: the
     * flush used to run every 100 ms also with nothing to write, ten wake-ups a second of an idle server). The flag is
     * cleared before the flush drains, so a row added meanwhile is either drained by that flush or schedules the next.
     */
    private void finish(long[] row) {
        finished.add(row);
        if (flushDue.compareAndSet(false, true)) {
            try {
                timer.schedule(() -> {
                    flushDue.set(false);
                    flush();
                }, 100, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                flushDue.set(false); // shutting down: close() flushes
            }
        }
    }

    /** Opens a lane for a subscription; {@code queued} rows already in the database are loaded lazily. */
    @Override
    public void open(SepSubscription s, long queued) {
        Lane lane = new Lane(s, queued);
        if (lanes.putIfAbsent(s.id(), lane) == null) {
            pending.addAndGet(queued);
            lane.pump();
        }
    }

    /** Closes a lane (the subscription was deleted); rows were removed with it. */
    @Override
    public void close(long subscriptionId) {
        Lane l = lanes.remove(subscriptionId);
        if (l != null) {
            synchronized (l) {
                l.closed = true;
                pending.addAndGet(-l.queued);
                l.queued = 0;
                l.window.clear();
            }
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    /** A subscription was updated (PUT): queued and later notifications go to its new notificationURI. */
    @Override
    public void update(SepSubscription s) {
        Lane l = lanes.get(s.id());
        if (l != null) {
            l.sub = s;
        }
    }

    /** After its queued notifications are delivered (or dropped) the subscription is deleted (status 4 sent). */
    @Override
    public void closeWhenDrained(long subscriptionId) {
        Lane l = lanes.get(subscriptionId);
        if (l != null) {
            synchronized (l) {
                l.closeWhenDrained = true;
            }
            l.pump();
        }
    }

    @Override
    public boolean has(long subscriptionId) {
        return lanes.containsKey(subscriptionId);
    }

    /** @return true when the subscription may take another notification (else it is refused and counted) */
    @Override
    public boolean admits(long subscriptionId) {
        Lane l = lanes.get(subscriptionId);
        if (l == null) {
            return false;
        }
        synchronized (l) {
            if (l.queued < policy.maxQueued()) {
                return true;
            }
        }
        dropped.incrementAndGet();
        finish(new long[] {-1, subscriptionId, 0});
        LOG.warn("subscription {}: {} notifications undelivered, a new one is refused (counted as dropped)",
                subscriptionId, policy.maxQueued());
        return false;
    }

    /** Hands rows just committed to the database to their lanes. */
    @Override
    public void accepted(List<NotificationOutbox.Queued> rows) {
        for (NotificationOutbox.Queued q : rows) {
            Lane l = lanes.get(q.subscriptionId());
            if (l != null) {
                pending.incrementAndGet();
                l.offer(q);
            }
        }
    }

    /**
     * Waits until every accepted notification is delivered or dropped, then writes the counters.
     *
     * @return true when idle within the timeout
     */
    @Override
    public boolean awaitIdle(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (pending.get() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(idle, left);
            }
        }
        flush();
        return true;
    }

    private void settledOne() {
        if (pending.decrementAndGet() <= 0) {
            synchronized (idle) {
                idle.notifyAll();
            }
        }
    }

    @Override
    public DeliveryStats stats() {
        return new DeliveryStats(lanes.size(), delivered.get(), dropped.get(), pending.get(), retries.get());
    }

    /** Writes finished rows and counters to the database (100 ms after a row finished, when idle, and on close). */
    synchronized void flush() {
        List<Long> ids = new ArrayList<>();
        Map<Long, Long> ok = new HashMap<>();
        Map<Long, Long> lost = new HashMap<>();
        long[] f;
        while ((f = finished.poll()) != null) {
            if (f[0] >= 0) {
                ids.add(f[0]);
            }
            (f[2] == 1 ? ok : lost).merge(f[1], 1L, Long::sum);
        }
        if (ids.isEmpty() && ok.isEmpty() && lost.isEmpty()) {
            return;
        }
        try {
            store.complete(ids, ok, lost);
        } catch (RuntimeException e) {
            LOG.error("recording {} finished notifications failed; they may be re-sent after a restart", ids.size(), e);
        }
    }

    @Override
    public void close() {
        http.close();
        flush();
    }

    /** One subscription's ordered delivery state. */
    private final class Lane {
        private volatile SepSubscription sub;
        private final ArrayDeque<NotificationOutbox.Queued> window = new ArrayDeque<>();
        private long lastId;
        private boolean spilled;
        private boolean refilling;
        private boolean offeredDuringRefill;
        private boolean busy;
        private boolean closed;
        private boolean closeWhenDrained;
        private int attempts;
        private long queued;

        Lane(SepSubscription sub, long queued) {
            this.sub = sub;
            this.queued = queued;
            this.spilled = queued > 0;
        }

        void offer(NotificationOutbox.Queued q) {
            synchronized (this) {
                if (closed) {
                    return;
                }
                queued++;
                if (q.id() <= lastId) {
                    return;
                }
                if (refilling) {
                    offeredDuringRefill = true;
                    spilled = true;
                } else if (!spilled && window.size() < policy.laneCapacity()) {
                    window.add(q);
                    lastId = q.id();
                } else {
                    spilled = true;
                }
            }
            pump();
        }

        void pump() {
            NotificationOutbox.Queued next;
            synchronized (this) {
                if (busy || closed) {
                    return;
                }
                if (window.isEmpty()) {
                    if (spilled && !refilling) {
                        refilling = true;
                        busy = true;
                        worker.execute(this::refill);
                    } else if (!spilled && closeWhenDrained) {
                        busy = true;
                        worker.execute(() -> {
                            store.end(sub.id());
                            NotificationDispatcher.this.close(sub.id());
                            LOG.info("subscription {} ended: its resource no longer exists", sub.id());
                        });
                    }
                    return;
                }
                busy = true;
                next = window.peek();
            }
            send(next);
        }

        private void refill() {
            List<NotificationOutbox.Queued> rows;
            long after;
            synchronized (this) {
                after = lastId;
            }
            try {
                rows = store.pending(sub.id(), after, policy.laneCapacity());
            } catch (RuntimeException e) {
                LOG.error("subscription {}: loading queued notifications failed, retrying", sub.id(), e);
                synchronized (this) {
                    refilling = false;
                    busy = false;
                }
                timer.schedule(this::pump, policy.initialBackoff().toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            synchronized (this) {
                for (NotificationOutbox.Queued q : rows) {
                    if (q.id() > lastId) {
                        window.add(q);
                        lastId = q.id();
                    }
                }
                spilled = rows.size() >= policy.laneCapacity() || offeredDuringRefill;
                offeredDuringRefill = false;
                refilling = false;
                busy = false;
            }
            pump();
        }

        private void send(NotificationOutbox.Queued q) {
            http.post(sub.id(), sub.notificationUri(), q.body(), (status, error) -> {
                if (error == null) {
                    delivered(q);
                } else {
                    failed(q, error);
                }
            });
        }

        private void delivered(NotificationOutbox.Queued q) {
            synchronized (this) {
                window.poll();
                queued--;
                attempts = 0;
                busy = false;
            }
            delivered.incrementAndGet();
            finish(new long[] {q.id(), sub.id(), 1});
            settledOne();
            pump();
        }

        private void failed(NotificationOutbox.Queued q, String why) {
            int n;
            synchronized (this) {
                n = ++attempts;
                if (n >= policy.maxAttempts()) {
                    window.poll();
                    queued--;
                    attempts = 0;
                    busy = false;
                }
            }
            if (n >= policy.maxAttempts()) {
                dropped.incrementAndGet();
                finish(new long[] {q.id(), sub.id(), 0});
                settledOne();
                LOG.warn("subscription {}: notification {} to {} dropped after {} attempts ({})", sub.id(), q.id(),
                        sub.notificationUri(), n, why);
                pump();
                return;
            }
            retries.incrementAndGet();
            long delay = policy.backoff(n).toMillis();
            LOG.debug("subscription {}: notification {} failed ({}), retry {} in {} ms", sub.id(), q.id(), why, n, delay);
            timer.schedule(() -> {
                synchronized (this) {
                    busy = false;
                }
                pump();
            }, delay, TimeUnit.MILLISECONDS);
        }
    }
}
