package org.openvtn.oadr3.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openvtn.oadr3.service.Oadr3Notifications;
import org.openvtn.oadr3.service.Oadr3Services;
import org.openvtn.oadr3.store.Oadr3OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the 3.1 notifier outbox (migration V15): one lane per subscription callback (and one for MQTT), each
 * delivered head first, lanes independently. A webhook POST is asynchronous with the configured timeout, so a dead
 * or slow subscriber occupies only its own lane: its head backs off (doubling from {@code initialBackoff} to
 * {@code maxBackoff}) while every other lane goes on. An entry leaves the outbox once delivered, or after
 * {@code maxAttempts} (logged: the subscriber is considered broken, Definition "Error handling and backing off").
 * Entries are stored in the write's transaction, so nothing is lost across a restart; the head of a lane is leased
 * before it is sent so several nodes on one database do not send it twice.
 */
public final class Oadr3NotifyDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Oadr3NotifyDispatcher.class);
    private static final Duration POLL = Duration.ofSeconds(2);

    private final Oadr3Services services;
    private final Oadr3NotifierConfig config;
    private final Clock clock;
    private final String node = "n-" + UUID.randomUUID().toString().substring(0, 8);
    private final ScheduledExecutorService timer;
    private final ExecutorService io;
    private final ExecutorService mqttThread;
    private final WebhookSender webhooks;
    private final MqttSender mqtt;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    /** Delivered entries not yet removed: removed in one transaction by the next scan (their lanes stay leased). */
    private final java.util.Queue<Long> deliveredSeqs = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final AtomicLong delivered = new AtomicLong();
    private final Object scheduling = new Object();
    private ScheduledFuture<?> next;
    private volatile boolean closed;
    private AutoCloseable coreListener;

    private Oadr3NotifyDispatcher(Oadr3Services services, Oadr3NotifierConfig config, Clock clock) {
        this.services = services;
        this.config = config;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "oadr3-notify"));
        this.io = Executors.newFixedThreadPool(2, r -> daemon(r, "oadr3-webhook"));
        this.webhooks = new WebhookSender(config, io);
        this.mqtt = config.mqtt() == null ? null : new MqttSender(config.mqtt(), config);
        this.mqttThread = config.mqtt() == null ? null
                : Executors.newSingleThreadExecutor(r -> daemon(r, "oadr3-mqtt"));
    }

    /** Connects the notifiers to the services (echo challenge, MQTT on/off, wake-up) and starts delivering. */
    public static Oadr3NotifyDispatcher start(Oadr3Services services, Oadr3NotifierConfig config, Clock clock) {
        Oadr3NotifyDispatcher d = new Oadr3NotifyDispatcher(services, config, clock);
        services.notifications().configure(d.webhooks, config.mqtt() != null, d::wake);
        d.coreListener = services.notifications().listenToCore();
        d.wake();
        return d;
    }

    /** @return notifications delivered since start */
    public long delivered() {
        return delivered.get();
    }

    /** Scans the outbox now (after a commit that queued notifications). */
    public void wake() {
        schedule(Duration.ZERO);
    }

    private void schedule(Duration delay) {
        synchronized (scheduling) {
            if (closed) {
                return;
            }
            if (next != null && !next.isDone()) {
                if (next.getDelay(TimeUnit.MILLISECONDS) <= delay.toMillis()) {
                    return;
                }
                next.cancel(false);
            }
            next = timer.schedule(this::scan, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private void scan() {
        synchronized (scheduling) {
            next = null; // a wake-up during this scan schedules another one
        }
        Duration wait = POLL;
        try {
            var outbox = services.notifications().outbox();
            removeDelivered();
            Instant now = clock.instant();
            int room = config.maxInFlight() - inFlight.size();
            if (room > 0) {
                // one transaction (one commit) claims the whole batch: a commit per lane made the database log
                // the bottleneck of a fan-out (BENCHMARKS.md "OpenADR 3.1")
                List<String> lanes = new ArrayList<>();
                for (String lane : outbox.dueLanes(now, room + inFlight.size())) {
                    if (lanes.size() < room && !inFlight.contains(lane)) {
                        lanes.add(lane);
                    }
                }
                for (Oadr3OutboxEntry head : outbox.claimHeads(lanes, node, now,
                        config.timeout().multipliedBy(3).plusSeconds(5))) {
                    if (inFlight.add(head.lane())) {
                        send(head);
                    }
                }
            }
            Optional<Instant> due = outbox.nextDue();
            if (due.isPresent()) {
                Duration d = Duration.between(clock.instant(), due.get());
                wait = d.isNegative() ? Duration.ofMillis(50) : d.compareTo(POLL) < 0 ? d : POLL;
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("3.1 notifier outbox scan failed: {}", e.toString());
            }
        }
        schedule(wait);
    }

    private void send(Oadr3OutboxEntry e) {
        CompletableFuture<Void> f;
        if (Oadr3Notifications.MQTT.equals(e.kind())) {
            if (mqtt == null) {
                f = CompletableFuture.failedFuture(new IllegalStateException("no MQTT notifier configured"));
            } else {
                f = CompletableFuture.runAsync(() -> {
                    try {
                        mqtt.publish(e.target(), e.payload());
                    } catch (Exception ex) {
                        throw new java.util.concurrent.CompletionException(ex);
                    }
                }, mqttThread);
            }
        } else {
            f = webhooks.post(e.target(), e.bearerToken(), e.payload());
        }
        f.whenComplete((ok, error) -> done(e, error));
    }

    private void done(Oadr3OutboxEntry e, Throwable error) {
        try {
            var outbox = services.notifications().outbox();
            if (error == null) {
                deliveredSeqs.add(e.seq()); // removed by the next scan, before it looks for due lanes
                delivered.incrementAndGet();
            } else {
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                int attempts = e.attempts() + 1;
                String why = WebhookSender.describe(cause);
                if (attempts >= config.maxAttempts()) {
                    LOG.warn("3.1 notification {} to {} dropped after {} attempts, last: {}", e.seq(), e.target(),
                            attempts, why);
                    outbox.remove(e.seq());
                } else {
                    Duration delay = config.backoff(attempts);
                    LOG.debug("3.1 notification {} to {} failed ({}), retry in {}", e.seq(), e.target(), why, delay);
                    outbox.failed(e.seq(), attempts, clock.instant().plus(delay), why);
                }
            }
        } catch (RuntimeException ex) {
            if (!closed) {
                LOG.warn("3.1 notifier outbox update failed: {}", ex.toString());
            }
        } finally {
            inFlight.remove(e.lane());
            if (!closed) {
                wake();
            }
        }
    }

    /** Removes the entries delivered since the last scan, in one transaction. */
    private void removeDelivered() {
        List<Long> seqs = new ArrayList<>();
        for (Long seq = deliveredSeqs.poll(); seq != null; seq = deliveredSeqs.poll()) {
            seqs.add(seq);
        }
        try {
            services.notifications().outbox().removeAll(seqs);
        } catch (RuntimeException e) {
            deliveredSeqs.addAll(seqs); // retried by the next scan; their lanes stay leased meanwhile
            throw e;
        }
    }

    /** Stops delivering; pending entries stay in the outbox for the next start. */
    @Override
    public void close() {
        synchronized (scheduling) {
            closed = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        services.notifications().configure(org.openvtn.oadr3.service.Oadr3CallbackVerifier.NONE, false, () -> { });
        if (coreListener != null) {
            try {
                coreListener.close();
            } catch (Exception e) {
                LOG.debug("core listener not removed: {}", e.toString());
            }
        }
        timer.shutdownNow();
        if (mqttThread != null) {
            mqttThread.shutdownNow();
            try {
                mqttThread.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            mqtt.close();
        }
        io.shutdownNow();
        try {
            removeDelivered();
            services.notifications().outbox().releaseAll(node);
        } catch (RuntimeException e) {
            LOG.debug("3.1 notifier leases not released at stop: {}", e.toString());
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
