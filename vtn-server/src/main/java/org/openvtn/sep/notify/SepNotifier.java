package org.openvtn.sep.notify;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.core.Event;
import org.openvtn.core.EventChange;
import org.openvtn.core.EventService;
import org.openvtn.core.ProgramService;
import java.time.Instant;
import java.util.Set;
import org.openvtn.sep.service.SepControl;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.NotificationOutbox;
import org.openvtn.sep.service.SepServices;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepRecords;
import org.openvtn.sep.store.SepSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Notification side of IEEE 2030.5-2018 §5.6 Subscription/Notification (CSIP CORE-018/019):
 * when a subscribed resource changes, the server renders it as a client GET would see it (list
 * subscriptions carry at most {@code limit} entries; {@code limit} 0 gives a change notice without
 * entries / without the resource) and queues a {@code Notification} (status 0) for each
 * subscription. When the subscribed resource no longer exists, the Notification carries status 4
 * ("subscription canceled, resource deleted") and the subscription ends.
 *
 * <p>Triggers: core event changes (DERControl / EndDeviceControl lists and the program lists of the
 * event's program, for devices the event targets now or targeted before the change, so a device an event was
 * retargeted away from learns that its control is gone); time (a control's interval starting: EventStatus
 * Scheduled -> Active, "the server SHALL set the event to this status when the event reaches its earliest
 * Effective Start Time", and EventStatus is an attribute whose change subscribers are told of; an interval ending:
 * the control leaves the lists); the set of programs changing (FunctionSetAssignmentsList and EndDevice of every
 * device; a removed program's lists end with status 4); and the change log the operator side writes
 * ({@code dderc} DefaultDERControl of a program; {@code edev} an EndDevice; {@code groups} everything
 * of a device). Rendering and queueing run on one thread, except a posted Reading's, which its request queues in its
 * own transaction ({@link RequestNotices}); delivery is {@link NotificationDispatcher}'s. Both reach
 * the database only through the {@link NotificationOutbox} service (issue #13: adapters talk to services).
 */
public final class SepNotifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepNotifier.class);

    /** Renders a subscribed path as the device would GET it. */
    public interface Renderer {
        /**
         * @param limit the subscription's limit (list {@code l}; 0 = no entries)
         * @return the resource, or empty when it does not exist (404)
         */
        Optional<Rendered> render(SepEndDevice device, String path, long limit);
    }

    /** A resource rendered for one device, and whether its encoding may be shared with other devices (issue #18). */
    public interface Rendered {
        /** @return the resource (built on first call when the renderer defers it) */
        Resource resource();

        /**
         * @return null, or a key that stands for every input of the resource's encoding except the device id in its
         *         {@code /edev/{id}/} hrefs: equal keys, equal bodies but for those hrefs ({@link HrefTemplate})
         */
        default Object sharedKey() {
            return null;
        }

        /** @return whether the resource is a list (a list Notification carries its entries even at limit 0) */
        default boolean list() {
            Resource r = resource();
            return r instanceof org.openvtn.schemas.sep.List || r instanceof org.openvtn.schemas.sep.SubscribableList;
        }

        /** @return a rendering of one device only */
        static Rendered of(Resource resource) {
            return () -> resource;
        }
    }

    private final NotificationOutbox outbox;
    private final Renderer renderer;
    private final NotificationBatches batches;
    private final Clock clock;
    /** How long a control stays listed after its end (sep.eventRetention): its leaving is a list change too. */
    private final java.time.Duration retention;
    private final ScheduledExecutorService producer;
    private final ExecutorService worker;
    private final ScheduledExecutorService timer;
    private final Deliveries dispatcher;
    private final AutoCloseable eventListener;
    private final EventService events;
    private final ProgramService programs;
    /** Last version of every core event seen (producer thread only): who was targeted before a change. */
    private final Map<String, Event> known = new java.util.HashMap<>();
    private volatile long lastChange;
    private Instant lastTick;
    private Set<String> programIds;
    /** Shared database (issue #19): this node's lease-holder id, and whether it holds the producer duties now. */
    private final String node;
    private final java.time.Duration lease;
    private boolean leading;

    /**
     * Starts the notification service (IEEE 2030.5-2018 §5.6) over the 2030.5 services the assembly built: stored
     * subscriptions resume. The caller closes it.
     *
     * @param services the 2030.5 services (built with a codec)
     * @param renderer renders a subscribed resource for a device (empty = gone)
     * @param tls      client TLS for deliveries
     * @param policy   delivery limits and allowed targets
     * @return the running notifier
     */
    public static SepNotifier start(SepServices services, Renderer renderer, TlsConfig tls, DeliveryPolicy policy) {
        SepNotifier n = new SepNotifier(services.notifications(), services.core().events(), services.core().programs(),
                renderer, services.codec(), tls, policy, services.clock(), services.programs().retention());
        // a posted Reading's Notifications are queued in the transaction that stores it
        services.mirrors().notices(new RequestNotices(n.outbox, n.batches, n.dispatcher, n.producer, n.clock));
        return n;
    }

    /**
     * Starts the notifier: opens a lane for every stored subscription (queued notifications from
     * before a restart are delivered), listens to core events and polls the change log.
     */
    private SepNotifier(NotificationOutbox outbox, EventService events, ProgramService programs, Renderer renderer,
                        SepCodec codec, TlsConfig tls, DeliveryPolicy policy, Clock clock,
                        java.time.Duration retention) {
        this.retention = retention;
        this.events = events;
        this.programs = programs;
        this.outbox = outbox;
        this.renderer = renderer;
        this.clock = clock;
        this.producer = Executors.newSingleThreadScheduledExecutor(daemon("sep-notify-producer"));
        this.worker = Executors.newFixedThreadPool(2, daemon("sep-notify-worker"));
        this.timer = Executors.newSingleThreadScheduledExecutor(daemon("sep-notify-timer"));
        this.node = outbox.shared() ? org.openvtn.core.NodeId.generate() : null;
        this.lease = policy.lease();
        this.dispatcher = outbox.shared()
                ? new LeasedNotificationDispatcher(outbox, tls, policy, worker, timer, clock, node)
                : new NotificationDispatcher(outbox, tls, policy, worker, timer);
        this.batches = new NotificationBatches(outbox, dispatcher, new NotificationBodies(codec));
        Map<Long, Long> queued = outbox.pendingBySubscription();
        for (SepSubscription s : outbox.subscriptions()) {
            dispatcher.open(s, queued.getOrDefault(s.id(), 0L));
        }
        this.lastChange = outbox.lastChangeId();
        this.lastTick = clock.instant();
        this.programIds = programIds();
        events.list().forEach(e -> known.put(e.id(), e));
        this.eventListener = events.addListener(change -> producer.execute(() -> onEvent(change)));
        // on the producer's own thread, not handed over by the timer: one wake-up per run instead of two (issue #18)
        producer.scheduleWithFixedDelay(() -> periodic(this::pollChanges), 250, 250, TimeUnit.MILLISECONDS);
        producer.scheduleWithFixedDelay(() -> periodic(this::tick), 1, 1, TimeUnit.SECONDS);
    }

    /** Runs a periodic producer step; an unexpected failure is logged and the next period runs (never cancelled). */
    private static void periodic(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("2030.5 notifier step failed (it runs again at its next period): {}", e.toString());
        }
    }

    /** A new subscription starts receiving notifications. */
    public void subscribed(SepSubscription s) {
        dispatcher.open(s, 0);
    }

    /** An updated subscription (PUT) delivers to its new notificationURI from the next attempt on. */
    public void updated(SepSubscription s) {
        dispatcher.update(s);
    }

    /** A deleted subscription stops (its queued notifications were deleted with it). */
    public void unsubscribed(long subscriptionId) {
        dispatcher.close(subscriptionId);
    }

    /** @return the delivery counters of this process */
    public DeliveryStats stats() {
        return dispatcher.stats();
    }

    /**
     * Waits until the producer has queued everything it was given and every accepted notification
     * is delivered or dropped; the counters are then persisted (tests, benchmarks, shutdown).
     *
     * @return true when settled within the timeout
     */
    public boolean awaitDeliveries(java.time.Duration timeout) throws InterruptedException {
        try {
            producer.submit(() -> { }).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
        return dispatcher.awaitIdle(timeout);
    }

    /**
     * Processes the change log, the clock (controls that started or ended since the last look) and the program set
     * now, instead of at the next timer tick; returns when queued.
     */
    public void changed() {
        try {
            producer.submit(() -> {
                pollChanges();
                tick();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("processing the change log failed: {}", e.toString());
        }
    }

    private void onEvent(EventChange change) {
        Event e = change.event();
        Event before = known.put(e.id(), e);
        fanOut(s -> affects(s, e, before), null); // a request's change: produced by the node that made it, no cursor
    }

    /** Whether a subscription to the event's program resources is of a device it targets (or targeted before). */
    private boolean affects(SepSubscription s, Event e, Event before) {
        if (!NotificationScopes.ofEventProgram(s, e.programId())) {
            return false;
        }
        return outbox.device(s.deviceId()).map(d -> ControlMapping.targets(d, e)
                || (before != null && ControlMapping.targets(d, before))).orElse(false);
    }

    /**
     * Time-driven changes since the last tick (injected clock): a control whose interval started (Scheduled ->
     * Active) or ended (it leaves the lists); and programs created or removed.
     */
    private void tick() {
        boolean lead = lead();
        Instant now = clock.instant();
        Instant last = lastTick;
        if (lead && now.isAfter(last)) {
            try {
                List<Event> crossed = events.list().stream().filter(e -> crossed(e, last, now, retention)).toList();
                // one Notification per subscription for all controls crossed in this tick, queued with the new tick
                // cursor in one transaction (a node taking over never re-produces them, nor misses one)
                if (!crossed.isEmpty() && !fanOut(s -> crossed.stream().anyMatch(e -> affects(s, e, null)),
                        new Cursor(lastChange, now, programIds))) {
                    return;
                }
                lastTick = now;
            } catch (RuntimeException ex) {
                LOG.warn("checking event status transitions failed: {}", ex.toString());
                return;
            }
        }
        Set<String> ids;
        try {
            ids = programIds();
        } catch (RuntimeException ex) {
            LOG.warn("reading the programs failed: {}", ex.toString());
            return;
        }
        if (!ids.equals(programIds)) {
            Set<String> removed = new java.util.HashSet<>(programIds);
            removed.removeAll(ids);
            programIds = ids;
            if (lead && !fanOut(NotificationScopes.programsChanged(removed), new Cursor(lastChange, lastTick, ids))) {
                return;
            }
        }
        advance(lead);
    }

    /**
     * Whether this node runs the producer duties that no request triggers (change log, clock, program set): always
     * on the embedded database; on a shared one (issue #19) only while it holds their lease, so each such change is
     * notified by one node. A node that takes over continues from the cursors the previous holder recorded.
     */
    private boolean lead() {
        if (node == null) {
            return true;
        }
        Optional<org.openvtn.sep.store.JdbcNotificationLeases.ProducerCursor> cursor;
        try {
            cursor = outbox.leadProducer(node, clock.instant(), lease);
        } catch (RuntimeException e) {
            LOG.warn("leasing the 2030.5 notifier duties failed: {}", e.toString());
            cursor = Optional.empty();
        }
        if (cursor.isEmpty()) {
            if (leading) {
                LOG.info("2030.5 change log and clock: now run by another node");
            }
            leading = false;
            return false;
        }
        if (!leading) {
            leading = true;
            lastChange = cursor.get().lastChange() < 0 ? outbox.lastChangeId() : cursor.get().lastChange();
            lastTick = cursor.get().lastTick() == null ? clock.instant() : cursor.get().lastTick();
            if (cursor.get().programs() != null) {
                // the programs the previous holder notified (V50): what it missed is notified by the next tick
                programIds = new java.util.HashSet<>(cursor.get().programs());
            }
            LOG.info("2030.5 change log and clock: run by this node ({}) from change {}", node, lastChange);
        }
        return true;
    }

    /** Shared database: records the producer's cursors for a node that may take over. */
    private void advance(boolean lead) {
        if (node != null && lead) {
            try {
                outbox.advanceProducer(node, lastChange, lastTick, programIds);
            } catch (RuntimeException e) {
                LOG.warn("recording the 2030.5 notifier cursors failed: {}", e.toString());
            }
        }
    }

    /** Whether a control of the event started (not cancelled) or ended in {@code (last, now]}. */
    static boolean crossed(Event e, Instant last, Instant now) {
        return crossed(e, last, now, java.time.Duration.ZERO);
    }

    /**
     * As {@link #crossed(Event, Instant, Instant)}, and whether a control left the lists in {@code (last, now]}: its
     * end plus the retention of completed events (sep.eventRetention; the list changed, §5.6 list subscriptions).
     */
    static boolean crossed(Event e, Instant last, Instant now, java.time.Duration retention) {
        for (SepControl c : ControlMapping.allControls(e, last)) {
            boolean started = !e.cancelled() && c.start().isAfter(last) && !c.start().isAfter(now);
            boolean ended = c.end().isAfter(last) && !c.end().isAfter(now);
            Instant gone = c.end().plus(retention);
            boolean dropped = gone.isAfter(last) && !gone.isAfter(now);
            if (started || ended || dropped) {
                return true;
            }
        }
        return false;
    }

    private Set<String> programIds() {
        Set<String> out = new java.util.HashSet<>();
        programs.list().forEach(p -> out.add(p.id()));
        return out;
    }

    private void pollChanges() {
        if (!lead()) {
            return;
        }
        List<SepRecords.Change> changes;
        try {
            changes = outbox.changesAfter(lastChange);
        } catch (RuntimeException e) {
            LOG.warn("reading the 2030.5 change log failed: {}", e.toString());
            return;
        }
        for (SepRecords.Change c : changes) {
            // the change's Notifications and the cursor past it commit together (issue #19: no re-production)
            if (!fanOut(NotificationScopes.changeLog(c), new Cursor(c.id(), lastTick, programIds))) {
                return;
            }
            lastChange = c.id();
        }
        if (!changes.isEmpty()) {
            advance(true);
        }
    }

    /** Where a producer step leaves the producer's cursors: change-log row, clock tick, program set it covers. */
    private record Cursor(long lastChange, Instant lastTick, Set<String> programs) {
    }

    /**
     * Renders and queues a Notification for each affected subscription. {@code cursor} is the producer's position
     * after this step (null for a request's change): on a shared database the rows and the cursor commit together,
     * only while this node holds the producer lease.
     *
     * @return false when the producer lease was lost (or queueing failed), so nothing was queued and the caller stops;
     *         a node that leads again reloads the cursors the database holds
     */
    private boolean fanOut(NotificationScopes.Affected affected, Cursor cursor) {
        return fanOut(outbox.subscriptions(), affected, cursor, renderer);
    }

    private boolean fanOut(List<SepSubscription> candidates, NotificationScopes.Affected affected, Cursor cursor,
                           Renderer renderer) {
        NotificationBatches.Batch b = batches.build(candidates, affected, renderer);
        if (b.items().isEmpty()) {
            return true;
        }
        List<NotificationOutbox.Queued> rows;
        try {
            rows = queue(b.items(), Set.copyOf(b.ending()), cursor);
        } catch (RuntimeException e) {
            LOG.warn("queueing {} 2030.5 notifications failed: {}", b.items().size(), e.toString());
            leading = false; // reload the committed cursors before producing again
            return cursor == null;
        }
        if (rows == null) {
            LOG.info("2030.5 change log and clock: lease lost to another node; {} notifications left to it",
                    b.items().size());
            leading = false;
            return false;
        }
        dispatcher.accepted(rows);
        b.ending().forEach(dispatcher::closeWhenDrained);
        return true;
    }

    /** @return the queued rows, or null when a producer step lost its lease (nothing queued) */
    private List<NotificationOutbox.Queued> queue(List<Map.Entry<Long, byte[]>> batch, Set<Long> ending,
                                                  Cursor cursor) {
        if (cursor == null || node == null) {
            return outbox.enqueue(batch, ending, clock.instant());
        }
        return outbox.enqueueProduced(batch, ending, clock.instant(), node, cursor.lastChange(), cursor.lastTick(),
                        cursor.programs())
                .orElse(null);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        try {
            eventListener.close();
        } catch (Exception e) {
            LOG.debug("removing the event listener failed", e);
        }
        producer.shutdown();
        try {
            producer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        dispatcher.close();
        worker.shutdownNow();
    }
}
