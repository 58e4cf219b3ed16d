package org.openvtn.oadr20b.push;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.ParticipantService;
import org.openvtn.core.PollItem;
import org.openvtn.core.Registration;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.service.PollItemRenderer;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.core.PushOutboxService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox side of {@link PushDispatcher} (issue #14): what runs inside its batched transactions (claiming a VEN's
 * poll items into the outbox, rendered, and finding its head entry) and the retry timing.
 */
final class PushOutboxWork {
    private static final Logger LOG = LoggerFactory.getLogger(PushDispatcher.class);
    private static final String METADATA = "VTN_METADATA";

    /** What a claim found: an entry to send ({@code head}), or nothing (with the time of the next try, if any). */
    record Found(Registration reg, PushOutboxService.Entry head, PushOutboxService.State state, Instant next) {
        static final Found NOTHING = new Found(null, null, null, null);
    }

    private final PushConfig config;
    private final VtnCore core;
    private final PushOutboxService store;
    private final PollItemRenderer renderer;
    private final OadrCodec codec;
    private final EnrolmentPolicy enrolment;
    private final Clock clock;
    private final PushLeases leases;
    private final java.util.function.BiConsumer<String, Instant> recheck;

    /**
     * @param recheck asked to wake a VEN's lane again at a time: when a poll item an answer already carried (sent,
     *                R1_3060 piggy-back) becomes due for redelivery unless acknowledged meanwhile
     */
    PushOutboxWork(PushConfig config, VtnCore core, PushOutboxService store, PollItemRenderer renderer, OadrCodec codec,
                   EnrolmentPolicy enrolment, PushLeases leases, java.util.function.BiConsumer<String, Instant> recheck) {
        this.config = config;
        this.core = core;
        this.store = store;
        this.renderer = renderer;
        this.codec = codec;
        this.enrolment = enrolment;
        this.clock = core.clock();
        this.leases = leases;
        this.recheck = recheck;
    }

    /**
     * Runs {@code work} for every item in one transaction; if that fails, each item alone in its own, so one VEN's
     * failure neither stalls nor undoes the others. Items that fail alone go to {@code failed}.
     */
    <T, R> List<R> inOneTransaction(List<T> items, java.util.function.Function<T, R> work,
                                            java.util.function.BiConsumer<T, RuntimeException> failed) {
        try {
            return store.inTransaction(() -> items.stream().map(work).toList());
        } catch (RuntimeException e) {
            if (items.size() == 1) {
                failed.accept(items.get(0), e);
                return List.of();
            }
        }
        List<R> out = new ArrayList<>();
        for (T item : items) {
            out.addAll(inOneTransaction(List.of(item), work, failed));
        }
        return out;
    }

    /** Inside the claim transaction: what the VEN has to send now (a step without head: nothing or later). */
    Found prepare(String venId, boolean first) {
        Optional<Registration> found = core.registrations().byVenId(venId);
        if (found.isEmpty() || !PushDispatcher.isPush(found.get())) {
            if (found.isPresent() && store.size(venId) > 0) {
                // re-registered as a pull VEN: its new registration queued a fresh event list for the poll
                int n = store.deleteByVen(venId);
                LOG.info("VEN {} now pulls: {} undelivered pushes dropped", venId, n);
            }
            return Found.NOTHING;
        }
        Registration reg = found.get();
        ParticipantService.Admission admission = core.participants().admit(ParticipantId.oadr(reg.fingerprint()),
                enrolment);
        if (admission != ParticipantService.Admission.ADMITTED) {
            LOG.debug("push VEN {} is {}: nothing pushed", venId, admission);
            return Found.NOTHING;
        }
        if (leases.shared() && !store.lockVen(venId)) {
            return Found.NOTHING; // another node is claiming for this VEN right now; the sweep looks again
        }
        claim(reg);
        PushOutboxService.State state = store.state(venId);
        if (state.unreachable()) {
            return Found.NOTHING;
        }
        // after a restart, and on a shared outbox always (the failed attempt may have been another node's): the
        // stored backoff
        if ((first || leases.shared()) && state.attempts() > 0 && state.nextAttemptAt() != null
                && state.nextAttemptAt().isAfter(clock.instant())) {
            return new Found(null, null, null, state.nextAttemptAt());
        }
        if (leases.shared()) {
            // empty also while another node holds the head: the dispatcher's sweep looks again (that node may die)
            Optional<PushOutboxService.Entry> head = leases.claim(venId);
            return head.map(h -> new Found(reg, h, state, null)).orElse(Found.NOTHING);
        }
        Optional<PushOutboxService.Entry> head = store.head(venId);
        return head.map(h -> new Found(reg, h, state, null)).orElse(Found.NOTHING);
    }

    /**
     * Outside any transaction, before a failed head is sent again without a claim: whether the VEN is still the push
     * VEN of that registration and admitted (the registration and participant caches answer).
     */
    boolean unchanged(Registration reg) {
        return reg != null && core.registrations().byVenId(reg.participantId()).filter(reg::equals).isPresent()
                && core.participants().admit(ParticipantId.oadr(reg.fingerprint()), enrolment)
                == ParticipantService.Admission.ADMITTED;
    }

    /** Moves the VEN's poll items into the outbox, rendered (joins the claim transaction). */
    private void claim(Registration reg) {
        String venId = reg.participantId();
        store.inTransaction(() -> {
            PushOutboxService.State st = store.state(venId);
            if (reg.active() && !reg.registrationId().equals(st.metadataFor())) {
                // a new registration: the VTN's METADATA first, and a VEN marked unreachable gets a fresh start
                append(venId, METADATA, reg.registrationId(), PollItemRenderer.vtnMetadata(venId));
                st = st.withMetadataFor(reg.registrationId());
                store.save(st.unreachable() ? st.reset() : st);
            }
            // on a shared database the items are claimed (SKIP LOCKED), so two nodes never move one item twice
            List<PollItem> items = leases.shared() ? core.pollQueue().claimPending(venId)
                    : core.pollQueue().pending(venId);
            for (PollItem p : items) {
                if (p.sent() && !core.pollQueue().due(p)) {
                    // an answer carried it (piggy-backed, R0_8060): pushed only if still unacknowledged when due
                    recheck.accept(venId, core.pollQueue().dueAt(p));
                    continue;
                }
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
                core.pollQueue().acknowledge(p.seq()); // now in the outbox
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

}
