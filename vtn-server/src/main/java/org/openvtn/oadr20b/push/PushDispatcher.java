package org.openvtn.oadr20b.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.PollItem;
import org.openvtn.core.PushOutbox;
import org.openvtn.core.Registration;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.push.PushExchange.Done;
import org.openvtn.oadr20b.http.OadrRoutes;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.oadr20b.service.PollItemRenderer;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.core.PushOutboxService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenADR 2.0b push exchange model (issue #14): a delivery channel over the same core poll items a pull VEN
 * collects by oadrPoll. For a VEN registered with {@code oadrHttpPullModel=false}, each item is rendered once (the
 * same rendering as the poll answer), stored in the durable outbox (migration V8) and removed from the poll queue in
 * one transaction, then POSTed to the VEN's service URL over mutual TLS. An entry leaves the outbox only after the
 * VEN answered HTTP 2xx: at least once, in order per VEN (one push in flight per VEN), retried with exponential
 * backoff and jitter, resumed after a restart, and after {@link PushConfig#maxAttempts()} failures the VEN is marked
 * unreachable until an operator retry or a new registration. A pending or revoked VEN receives nothing: its items
 * wait in the poll queue.
 *
 * <p>Fan-out: the outbox work of many VENs is batched (up to {@value #BATCH} VENs per database transaction: one
 * commit claims their items and reads their heads, one records their answers and removes the delivered entries), and
 * the HTTP exchanges are non-blocking: at most {@link PushConfig#concurrency()} pushes are in flight overall and one
 * per VEN, and a VEN that does not answer holds only its in-flight slot, for at most
 * {@link PushConfig#connectTimeout()} (TCP) or {@link PushConfig#requestTimeout()} (TLS and the exchange), never a
 * thread.
 *
 * <p>Parts: each VEN's {@link PushLane} keeps its pushes in order and waits out its backoff; a {@link PushExchange}
 * does one HTTP exchange; {@link PushOutboxWork} reads and writes the outbox, and {@link PushLeases} leases its heads
 * when several nodes share it (issue #19). This class schedules them: batches, in-flight slots, recording outcomes.
 */
public final class PushDispatcher implements PushOutbox, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    /** VENs per outbox transaction. */
    static final int BATCH = 64;

    private final PushConfig config;
    private final VtnCore core;
    private final PushOutboxService store;
    private final PushClient client;
    private final PushAnswers answers;
    private final PushExchange exchange;
    private final PushOutboxWork work;
    private final PushLeases leases;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, PushLane> lanes = new ConcurrentHashMap<>();
    private final Map<String, Boolean> rechecks = new ConcurrentHashMap<>();
    // lanes to claim for (poll items into the outbox, head entry), lanes ready to send, exchanges to record
    private final Queue<PushLane> toClaim = new ConcurrentLinkedQueue<>();
    private final Queue<PushLane> ready = new ConcurrentLinkedQueue<>();
    // lanes whose head failed before: their retries have slots of their own, so failing VENs never hold the slots
    // of first attempts (a black hole holds one until the handshake bound)
    private final Queue<PushLane> retryReady = new ConcurrentLinkedQueue<>();
    private final Queue<Done> done = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final AtomicBoolean completing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger retriesInFlight = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closed;
    private final PushLane.Owner lanesOwner = new PushLane.Owner() {
        @Override
        public boolean closed() {
            return closed;
        }

        @Override
        public void cycle(PushLane lane) {
            PushDispatcher.this.cycle(lane);
        }
    };

    private PushDispatcher(PushConfig config, VtnCore core, PushOutboxService outbox, OadrServices services,
                           OadrCodec codec, OadrSignatures signatures, TlsFactory tls, EnrolmentPolicy enrolment) {
        this.config = config;
        this.core = core;
        this.store = outbox;
        this.clock = core.clock();
        this.client = new PushClient(tls, config);
        this.answers = new PushAnswers(codec, new OadrRoutes(services), signatures);
        this.exchange = new PushExchange(config, signatures, client, answers, () -> closed, this::finished);
        this.leases = new PushLeases(outbox, core.clock(), config.lease());
        this.work = new PushOutboxWork(config, core, store,
                new PollItemRenderer(core.reports(), services.event(), core.clock()), codec, enrolment, leases,
                this::recheckLater);
        AtomicInteger n = new AtomicInteger();
        // two threads run the outbox batches (claims and completions, serialised by the database anyway); the
        // exchanges themselves run on the client's non-blocking threads
        this.workers = Executors.newFixedThreadPool(2, r -> daemon(r, "oadr-push-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "oadr-push-timer"));
    }

    /**
     * Starts the channel: listens to the core poll queue, attaches itself as the core's {@link PushOutbox} and resumes
     * every push VEN (outbox entries left by a previous run are delivered).
     *
     * @param outbox the durable outbox (the assembly wires the database's; it must share the core's transactions)
     */
    public static PushDispatcher start(PushConfig config, VtnCore core, PushOutboxService outbox,
                                       OadrServices services, OadrCodec codec, OadrSignatures signatures,
                                       TlsFactory tls, EnrolmentPolicy enrolment) {
        PushDispatcher d = new PushDispatcher(config, core, outbox, services, codec, signatures, tls, enrolment);
        core.pollQueue().addListener(item -> d.onItem(item.participantId()));
        core.attachPushOutbox(d);
        for (Registration r : core.registrations().list()) {
            if (isPush(r)) {
                d.wake(r.participantId());
            }
        }
        d.store.vensWithEntries().forEach(d::wake);
        if (d.leases.shared()) {
            // issue #19: a poll item another node queued wakes the lane at once (LISTEN/NOTIFY); the sweep below
            // bounds the delay when a notification is lost, and runs at once after the listener reconnects
            core.pollQueue().onChangesOfAllNodes(d::onItem, d::sweep);
            long lease = config.lease().toMillis();
            d.timer.scheduleAtFixedRate(d.leases::renewAll, lease / 3, lease / 3, TimeUnit.MILLISECONDS);
            d.timer.scheduleWithFixedDelay(d::sweep, lease / 2, lease / 2, TimeUnit.MILLISECONDS);
            LOG.info("push outbox shared with other nodes: leases as {} for {}", d.leases.node(), config.lease());
        }
        return d;
    }

    /**
     * Several nodes (issue #19): wakes every VEN with outbox entries or pending poll items, so work another node
     * queued, or left behind when it died (its leases lapse), is taken over; a head another node holds is skipped.
     */
    private void sweep() {
        try {
            java.util.Set<String> vens = new java.util.HashSet<>(store.vensWithEntries());
            vens.addAll(core.pollQueue().vensWithPending());
            vens.forEach(this::onItem);
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.warn("push sweep failed: {}", e.toString());
            }
        }
    }

    /**
     * A sent poll item (carried by an answer) waits in the queue: wake the VEN's lane once its redelivery is due, so
     * an unacknowledged one is pushed and an acknowledged one removed. One timer per VEN at a time.
     */
    private void recheckLater(String venId, Instant due) {
        if (closed || rechecks.putIfAbsent(venId, Boolean.TRUE) != null) {
            return;
        }
        long delay = Math.max(0, Duration.between(clock.instant(), due).toMillis()) + 1;
        try {
            timer.schedule(() -> {
                rechecks.remove(venId);
                wake(venId);
            }, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            rechecks.remove(venId);
        }
    }

    /** A poll item was queued: only push VENs (or one that just stopped being one) need a worker. */
    private void onItem(String venId) {
        if (lanes.containsKey(venId) || core.registrations().byVenId(venId).filter(PushDispatcher::isPush).isPresent()) {
            wake(venId);
        }
    }

    static boolean isPush(Registration r) {
        Registration.OadrTerms o = r.oadr();
        return o != null && !o.httpPullModel() && o.transportAddress() != null
                && !"xmpp".equalsIgnoreCase(o.transport());
    }

    /** Schedules delivery for the VEN (cheap; called on every poll item). */
    void wake(String venId) {
        if (!closed) {
            lanes.computeIfAbsent(venId, this::lane).kick(false);
        }
    }

    @Override
    public Optional<Status> status(String venId) {
        Optional<Registration> reg = core.registrations().byVenId(venId);
        if (reg.isEmpty() || !isPush(reg.get())) {
            return Optional.empty();
        }
        PushOutboxService.State s = store.state(venId);
        int queued = store.size(venId) + core.pollQueue().pending(venId).size();
        return Optional.of(new Status(venId, queued, s.attempts(), s.nextAttemptAt(), s.lastError(), s.lastErrorAt(),
                s.unreachable(), s.urlForm() == null ? config.urlForm().name() : s.urlForm(), s.delivered()));
    }

    @Override
    public Totals totals() {
        return new Totals(store.size(), exchange.attempts(), failures.get(), delivered.get(), store.unreachableCount());
    }

    @Override
    public boolean retry(String venId) {
        Optional<Registration> reg = core.registrations().byVenId(venId);
        if (reg.isEmpty() || !isPush(reg.get())) {
            return false;
        }
        store.save(store.state(venId).reset());
        if (store.size(venId) == 0 && core.pollQueue().pending(venId).isEmpty() && reg.get().active()) {
            core.pollQueue().enqueue(venId, PollItem.Kind.EVENTS_CHANGED, null); // wakes the lane
        }
        lanes.computeIfAbsent(venId, this::lane).kick(true);
        return true;
    }

    /** What the claim of one lane found: an entry to send, or nothing (with the time of the next try). */
    private record Step(PushLane lane, Registration reg, PushOutboxService.Entry head, PushOutboxService.State state,
                        Instant next) {
    }

    /** What recording a finished exchange decided (logged and counted after the commit). */
    private record Outcome(Done done, PushOutboxService.State next, String problem, boolean delivered, boolean stopped) {
    }

    private PushLane lane(String venId) {
        return new PushLane(venId, lanesOwner, timer, clock);
    }

    /**
     * Starts a cycle of the lane: after a failed attempt its head is sent again as it is (still the oldest entry, so
     * order holds) while its registration is unchanged and admitted; otherwise a claim reads the outbox.
     */
    private void cycle(PushLane lane) {
        if (lane.resend) {
            lane.resend = false;
            if (work.unchanged(lane.reg)) {
                retryReady.add(lane);
                pumpSends();
                return;
            }
        }
        claimLater(lane);
    }

    private void claimLater(PushLane lane) {
        toClaim.add(lane);
        runBatches(toClaim, claiming, this::claimBatch);
    }

    /** Runs {@code batch} on a worker unless one already runs for that queue; it re-checks the queue when done. */
    private void runBatches(Queue<?> queue, AtomicBoolean busy, Runnable batch) {
        if (closed || queue.isEmpty() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            workers.execute(() -> {
                try {
                    batch.run();
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.warn("push outbox batch stopped by an error: {}", e.toString());
                    }
                } finally {
                    busy.set(false);
                    runBatches(queue, busy, batch);
                }
            });
        } catch (RejectedExecutionException stopping) {
            busy.set(false);
        }
    }

    private static <T> List<T> drain(Queue<T> queue) {
        List<T> out = new ArrayList<>();
        T t;
        while (out.size() < BATCH && (t = queue.poll()) != null) {
            out.add(t);
        }
        return out;
    }

    /** Claims the poll items of up to {@link #BATCH} VENs and reads their heads, in one transaction. */
    private void claimBatch() {
        List<PushLane> batch = drain(toClaim);
        if (batch.isEmpty()) {
            return;
        }
        Map<PushLane, Boolean> first = new java.util.IdentityHashMap<>();
        batch.forEach(lane -> first.put(lane, lane.first()));
        List<Step> steps = work.inOneTransaction(batch, lane -> step(lane, work.prepare(lane.venId, first.get(lane))),
                (lane, e) -> {
                    LOG.warn("push to VEN {} stopped by an error: {}", lane.venId, e.toString());
                    lane.idle(null);
                });
        for (Step step : steps) {
            if (step.head() == null) {
                step.lane().idle(step.next());
            } else {
                step.lane().reg = step.reg();
                step.lane().head = step.head();
                step.lane().state = step.state();
                (step.state().attempts() > 0 ? retryReady : ready).add(step.lane());
            }
        }
        pumpSends();
    }

    private static Step step(PushLane lane, PushOutboxWork.Found f) {
        return new Step(lane, f.reg(), f.head(), f.state(), f.next());
    }

    /**
     * Starts exchanges of ready lanes while fewer than {@link PushConfig#concurrency()} first attempts and
     * {@link PushConfig#retryConcurrency()} retries are in flight.
     */
    private void pumpSends() {
        pump(ready, inFlight, config.concurrency(), false);
        pump(retryReady, retriesInFlight, config.retryConcurrency(), true);
    }

    private void pump(Queue<PushLane> queue, AtomicInteger slots, int max, boolean retries) {
        while (!closed) {
            int n = slots.get();
            if (n >= max) {
                return;
            }
            if (!slots.compareAndSet(n, n + 1)) {
                continue;
            }
            PushLane lane = queue.poll();
            if (lane == null) {
                slots.decrementAndGet();
                if (queue.isEmpty()) {
                    return; // whoever adds a lane pumps again
                }
                continue;
            }
            lane.retrying = retries;
            exchange.send(lane);
        }
    }

    /** An exchange ended (on a client thread): free its slot, queue its recording, start the next exchange. */
    private void finished(Done d) {
        (d.lane().retrying ? retriesInFlight : inFlight).decrementAndGet();
        done.add(d);
        runBatches(done, completing, this::completeBatch);
        pumpSends();
    }

    /** Records up to {@link #BATCH} finished exchanges (answers, removals, attempt states) in one transaction. */
    private void completeBatch() {
        List<Done> batch = drain(done);
        if (batch.isEmpty()) {
            return;
        }
        List<Outcome> outcomes = work.inOneTransaction(batch, this::record, (d, e) -> {
            LOG.warn("push to VEN {} stopped by an error: {}", d.lane().venId, e.toString());
            if (leases.shared()) {
                try {
                    leases.release(d.lane().head.seq());
                } catch (RuntimeException again) {
                    LOG.debug("lease not released (it lapses): {}", again.toString());
                }
            }
            d.lane().idle(null);
        });
        for (Outcome o : outcomes) {
            PushLane lane = o.done().lane();
            PushOutboxService.Entry head = lane.head;
            if (o.stopped()) {
                lane.idle(null); // stopping: the entry stays for the next start
            } else if (o.delivered()) {
                delivered.incrementAndGet();
                if (o.problem() != null) {
                    LOG.warn("push {} to VEN {} delivered, but: {}", head.kind(), lane.venId, o.problem());
                }
                claimLater(lane); // the next entry, in order
            } else {
                failures.incrementAndGet();
                int n = o.next().attempts();
                if (o.next().unreachable()) {
                    LOG.warn("push VEN {} marked unreachable after {} failed attempts: {}", lane.venId, n,
                            LogSafe.text(o.next().lastError()));
                    lane.idle(null);
                } else {
                    LOG.info("push {} to VEN {} failed (attempt {}): {}", head.kind(), lane.venId, n,
                            LogSafe.text(o.next().lastError()));
                    lane.state = o.next();
                    lane.resend = !leases.shared(); // shared: released, the next claim (by any node) retries
                    lane.idle(o.next().nextAttemptAt());
                }
            }
        }
    }

    /** Inside the completion transaction: the answer recorded and the entry removed, or the failure counted. */
    private Outcome record(Done d) {
        PushLane lane = d.lane();
        Registration reg = lane.reg;
        PushOutboxService.State state = lane.state;
        PushClient.Reply reply = d.reply();
        if (reply != null && reply.status() >= 200 && reply.status() < 300) {
            String problem = answers.apply(reg, d.answer() == null ? PushAnswers.Parsed.EMPTY : d.answer());
            PushOutboxService.State next = state.delivered(d.form().name(), problem, clock.instant());
            if (!leases.shared()) {
                store.delete(lane.head.seq());
            } else if (!leases.complete(lane.head.seq())) {
                // the lease lapsed (this node stalled) and another node took the entry: it sends it again
                LOG.warn("push {} to VEN {} delivered after its lease lapsed; another node may send it again",
                        lane.head.kind(), lane.venId);
            }
            store.save(next);
            return new Outcome(d, next, problem, true, false);
        }
        if (closed) {
            if (leases.shared()) {
                leases.release(lane.head.seq());
            }
            return new Outcome(d, state, null, false, true);
        }
        String error = reply != null ? "HTTP " + reply.status() + " from " + d.uri() : d.error();
        int n = state.attempts() + 1;
        boolean give = n >= config.maxAttempts();
        Instant now = clock.instant();
        PushOutboxService.State next = state.failed(error, now, give ? null : now.plus(work.backoff(n)), give);
        store.save(next);
        if (leases.shared()) {
            leases.release(lane.head.seq());
        }
        return new Outcome(d, next, null, false, false);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Stops: pushes in flight are abandoned (their entries stay and are delivered after the next start). */
    @Override
    public void close() {
        closed = true;
        core.attachPushOutbox(null);
        timer.shutdownNow();
        workers.shutdown();
        client.close();
        if (leases.shared()) {
            leases.releaseAll(); // other nodes take the heads over now, not after the leases lapse
        }
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
