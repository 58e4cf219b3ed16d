package org.openvtn.oadr20b.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.openvtn.certs.identity.LogSafe;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.PollItem;
import org.openvtn.core.PushOutbox;
import org.openvtn.core.Registration;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.http.OadrRoutes;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.oadr20b.service.PollItemRenderer;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.schemas.dsig.OadrSignatureException;
import org.openvtn.store.JdbcPushStore;
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
 * wait in the poll queue. The pool of {@link PushConfig#concurrency()} workers bounds the pushes in flight overall,
 * so an unreachable VEN holds at most one worker.
 */
public final class PushDispatcher implements PushOutbox, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    /** Pushed messages and answers, switchable alone (like the listener's wire logger). */
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.oadr20b.push");
    private static final String METADATA = "VTN_METADATA";

    private final PushConfig config;
    private final VtnCore core;
    private final JdbcPushStore store;
    private final PollItemRenderer renderer;
    private final OadrCodec codec;
    private final OadrSignatures signatures;
    private final EnrolmentPolicy enrolment;
    private final PushClient client;
    private final PushAnswers answers;
    private final Clock clock;
    private final ExecutorService workers;
    private final ScheduledExecutorService timer;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private volatile boolean closed;

    private PushDispatcher(PushConfig config, VtnCore core, OadrServices services, OadrCodec codec,
                           OadrSignatures signatures, TlsFactory tls, EnrolmentPolicy enrolment) {
        this.config = config;
        this.core = core;
        this.store = JdbcPushStore.on(core.store());
        this.renderer = new PollItemRenderer(core.reports(), services.event(), core.clock());
        this.codec = codec;
        this.signatures = signatures;
        this.enrolment = enrolment;
        this.clock = core.clock();
        this.client = new PushClient(tls, config);
        this.answers = new PushAnswers(codec, new OadrRoutes(services), signatures);
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.concurrency(), r -> daemon(r, "oadr-push-" + n.incrementAndGet()));
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "oadr-push-timer"));
    }

    /**
     * Starts the channel: listens to the core poll queue, attaches itself as the core's {@link PushOutbox} and resumes
     * every push VEN (outbox entries left by a previous run are delivered).
     */
    public static PushDispatcher start(PushConfig config, VtnCore core, OadrServices services, OadrCodec codec,
                                       OadrSignatures signatures, TlsFactory tls, EnrolmentPolicy enrolment) {
        PushDispatcher d = new PushDispatcher(config, core, services, codec, signatures, tls, enrolment);
        core.pollQueue().addListener(item -> d.onItem(item.venId()));
        core.attachPushOutbox(d);
        for (Registration r : core.registrations().list()) {
            if (isPush(r)) {
                d.wake(r.venId());
            }
        }
        d.store.vensWithEntries().forEach(d::wake);
        return d;
    }

    /** A poll item was queued: only push VENs (or one that just stopped being one) need a worker. */
    private void onItem(String venId) {
        if (lanes.containsKey(venId) || core.registrations().byVenId(venId).filter(PushDispatcher::isPush).isPresent()) {
            wake(venId);
        }
    }

    private static boolean isPush(Registration r) {
        return !r.httpPullModel() && r.transportAddress() != null && !"xmpp".equalsIgnoreCase(r.transport());
    }

    /** Schedules delivery for the VEN (cheap; called on every poll item). */
    void wake(String venId) {
        if (!closed) {
            lanes.computeIfAbsent(venId, Lane::new).kick(false);
        }
    }

    @Override
    public Optional<Status> status(String venId) {
        Optional<Registration> reg = core.registrations().byVenId(venId);
        if (reg.isEmpty() || !isPush(reg.get())) {
            return Optional.empty();
        }
        JdbcPushStore.State s = store.state(venId);
        int queued = store.size(venId) + core.pollQueue().pending(venId).size();
        return Optional.of(new Status(venId, queued, s.attempts(), s.nextAttemptAt(), s.lastError(), s.lastErrorAt(),
                s.unreachable(), s.urlForm() == null ? config.urlForm().name() : s.urlForm(), s.delivered()));
    }

    @Override
    public Totals totals() {
        return new Totals(store.size(), attempts.get(), failures.get(), delivered.get(), store.unreachableCount());
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
        lanes.computeIfAbsent(venId, Lane::new).kick(true);
        return true;
    }

    /** One VEN: at most one worker at a time, so its pushes stay in order. */
    private final class Lane {
        private final String venId;
        private boolean running;
        private boolean again;
        private ScheduledFuture<?> backoff;
        private boolean started;

        Lane(String venId) {
            this.venId = venId;
        }

        synchronized void kick(boolean now) {
            if (now && backoff != null) {
                backoff.cancel(false);
                backoff = null;
            }
            if (backoff != null || closed) {
                return; // waiting out a backoff: the timer kicks again
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
            workers.execute(this::run);
        }

        private void run() {
            Instant next = null;
            boolean first;
            synchronized (this) {
                first = !started;
                started = true;
            }
            try {
                next = pump(venId, first);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("push to VEN {} stopped by an error: {}", venId, e.toString());
                }
            }
            synchronized (this) {
                running = false;
                if (next != null && !closed) {
                    long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
                    backoff = timer.schedule(() -> {
                        synchronized (Lane.this) {
                            backoff = null;
                        }
                        kick(false);
                    }, delay, TimeUnit.MILLISECONDS);
                } else if (again && !closed) {
                    again = false;
                    running = true;
                    workers.execute(this::run);
                }
            }
        }
    }

    /** Delivers what the VEN has; returns when to try again after a failure, null when done or blocked. */
    private Instant pump(String venId, boolean first) {
        Optional<Registration> found = core.registrations().byVenId(venId);
        if (found.isEmpty() || !isPush(found.get())) {
            if (found.isPresent() && store.size(venId) > 0) {
                // re-registered as a pull VEN: its new registration queued a fresh event list for the poll
                int n = store.deleteByVen(venId);
                LOG.info("VEN {} now pulls: {} undelivered pushes dropped", venId, n);
            }
            return null;
        }
        Registration reg = found.get();
        ParticipantService.Admission admission = core.participants().admit(ParticipantId.oadr(reg.fingerprint()),
                enrolment);
        if (admission != ParticipantService.Admission.ADMITTED) {
            LOG.debug("push VEN {} is {}: nothing pushed", venId, admission);
            return null;
        }
        claim(reg);
        JdbcPushStore.State state = store.state(venId);
        if (state.unreachable()) {
            return null;
        }
        if (first && state.attempts() > 0 && state.nextAttemptAt() != null
                && state.nextAttemptAt().isAfter(clock.instant())) {
            return state.nextAttemptAt(); // after a restart: honour the stored backoff once
        }
        while (!closed) {
            Optional<JdbcPushStore.Entry> head = store.head(venId);
            if (head.isEmpty()) {
                return null;
            }
            state = attempt(reg, head.get(), state);
            if (state.attempts() > 0) {
                return state.unreachable() ? null : state.nextAttemptAt();
            }
        }
        return null;
    }

    /** Moves the VEN's poll items into the outbox, rendered, in one transaction. */
    private void claim(Registration reg) {
        String venId = reg.venId();
        store.inTransaction(() -> {
            JdbcPushStore.State st = store.state(venId);
            if (reg.active() && !reg.registrationId().equals(st.metadataFor())) {
                // a new registration: the VTN's METADATA first, and a VEN marked unreachable gets a fresh start
                append(venId, METADATA, reg.registrationId(), PollItemRenderer.vtnMetadata(venId));
                st = st.withMetadataFor(reg.registrationId());
                store.save(st.unreachable() ? st.reset() : st);
            }
            for (PollItem p : core.pollQueue().pending(venId)) {
                Object message = null;
                try {
                    message = renderer.render(reg, p);
                } catch (VtnException e) {
                    LOG.debug("poll item {} of push VEN {} not rendered: {}", p.seq(), venId, e.getMessage());
                }
                if (message != null) {
                    if (p.kind() == PollItem.Kind.EVENTS_CHANGED) {
                        // the full current list supersedes lists not yet attempted: the outbox stays bounded
                        store.deleteSupersededExceptHead(venId, PollItem.Kind.EVENTS_CHANGED.name());
                    }
                    append(venId, p.kind().name(), p.reference(), message);
                }
                core.store().polls().delete(p.seq());
            }
            return null;
        });
    }

    private void append(String venId, String kind, String reference, Object message) {
        try {
            String xml = new String(codec.encodePayload(message), StandardCharsets.UTF_8);
            store.append(venId, kind, reference, xml, clock.instant());
        } catch (XmlCodecException e) {
            LOG.error("push to VEN {}: {} does not encode as a valid 2.0b payload; dropped: {}", venId, kind,
                    e.getMessage());
        }
    }

    /** One delivery attempt of the head entry (plus, on a 404, one try of the other URL convention). */
    private JdbcPushStore.State attempt(Registration reg, JdbcPushStore.Entry head, JdbcPushStore.State state) {
        PushUrls.Form form = state.urlForm() == null ? config.urlForm() : PushUrls.Form.parse(state.urlForm());
        String service = PushUrls.serviceOf(head.kind());
        String error;
        try {
            byte[] body = head.payload().getBytes(StandardCharsets.UTF_8);
            if (signatures.signResponses()) {
                // the key of the certificate the pooled connection to this VEN presents (either key before the first)
                body = signatures.sign(body, client.localCertificate(reg.fingerprint()));
            }
            URI uri = PushUrls.serviceUri(reg.transportAddress(), form, service);
            attempts.incrementAndGet();
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("push -> {} {}\n{}", reg.venId(), uri, new String(body, StandardCharsets.UTF_8));
            }
            PushClient.Reply reply = client.post(uri, reg.fingerprint(), body);
            if (reply.status() == 404 && config.detectUrlForm()) {
                URI other = PushUrls.serviceUri(reg.transportAddress(), form.other(), service);
                attempts.incrementAndGet();
                PushClient.Reply second = client.post(other, reg.fingerprint(), body);
                if (second.status() != 404) {
                    LOG.info("push VEN {} answers on the {} service URL form; remembered", reg.venId(), form.other());
                    form = form.other();
                    reply = second;
                }
            }
            if (WIRE.isDebugEnabled()) {
                WIRE.debug("push <- {} {}\n{}", reg.venId(), reply.status(),
                        new String(reply.body(), StandardCharsets.UTF_8));
            }
            if (reply.status() >= 200 && reply.status() < 300) {
                String problem = answers.accept(reg, reply.body(), client.presented(reg.fingerprint()));
                JdbcPushStore.State next = state.delivered(form.name(), problem, clock.instant());
                store.inTransaction(() -> {
                    store.delete(head.seq());
                    store.save(next);
                    return null;
                });
                delivered.incrementAndGet();
                if (problem != null) {
                    LOG.warn("push {} to VEN {} delivered, but: {}", head.kind(), reg.venId(), problem);
                }
                return next;
            }
            error = "HTTP " + reply.status() + " from " + uri;
        } catch (PushClient.PushException e) {
            error = e.getMessage();
        } catch (IllegalArgumentException e) {
            error = e.getMessage();
        } catch (OadrSignatureException e) {
            error = "cannot sign the push: " + e.getMessage();
        }
        if (closed) {
            return state; // stopping: the entry stays for the next start
        }
        failures.incrementAndGet();
        int n = state.attempts() + 1;
        boolean give = n >= config.maxAttempts();
        Instant now = clock.instant();
        JdbcPushStore.State next = state.failed(error, now, give ? null : now.plus(backoff(n)), give);
        store.save(next);
        if (give) {
            LOG.warn("push VEN {} marked unreachable after {} failed attempts: {}", reg.venId(), n, LogSafe.text(error));
        } else {
            LOG.info("push {} to VEN {} failed (attempt {}): {}", head.kind(), reg.venId(), n, LogSafe.text(error));
        }
        return next;
    }

    /** initialBackoff * 2^(n-1), capped at maxBackoff, +-20% jitter. */
    Duration backoff(int failedAttempts) {
        long base = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long d = base;
        for (int i = 1; i < failedAttempts && d < cap; i++) {
            d *= 2;
        }
        d = Math.min(d, cap);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis(Math.max(1, (long) (d * jitter)));
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
