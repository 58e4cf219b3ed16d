package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.ven.protocol.EventMapper;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.scheduler.EventScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The EiEvent side of a VEN session (OpenADR 2.0b §8.1 EiEvent service): oadrRequestEvent, each oadrDistributeEvent
 * applied to the {@link EventScheduler} (rule 21: another vtnID or a foreign venID target is not applied), the
 * oadrCreatedEvent answers with the opt policy's decision (460 for an unsupported signal), the listener callbacks and
 * the timer that moves events to active and completed. Runs on the session's serial executor.
 */
final class SessionEvents {
    private static final Logger LOG = LoggerFactory.getLogger(SessionEvents.class);

    private final VenSession session;
    private ScheduledFuture<?> tickTimer;

    SessionEvents(VenSession session) {
        this.session = session;
    }

    /** oadrRequestEvent; the answer is handled like a polled oadrDistributeEvent. */
    CompletableFuture<Void> requestEvents() {
        return session.send(VenSession.EVENT, Messages.requestEvent(session.venId())).thenComposeAsync(m -> {
            if (m instanceof OadrDistributeEventType d) {
                return onDistribute(d, session::send);
            }
            VenSession.expectOk(m, "oadrRequestEvent");
            return CompletableFuture.completedFuture(null);
        }, session.serial);
    }

    /** An oadrDistributeEvent (polled, pushed or the answer to oadrRequestEvent): applied and answered (rule 21). */
    CompletableFuture<Void> onDistribute(OadrDistributeEventType d, VenSession.Reply reply) {
        RegistrationInfo reg = session.registration();
        if (reg != null && reg.vtnId() != null && !reg.vtnId().equals(d.getVtnID())) {
            // Conformance rule 21: a distribution from another vtnID is not applied; answered 452 invalid ID.
            VenException e = VenException.protocol(VenException.INVALID_ID, "oadrDistributeEvent from vtnID "
                    + d.getVtnID() + " but registered with " + reg.vtnId() + "; not applied");
            session.error(e);
            return reply.answer(VenSession.EVENT, Messages.response(e.responseCode(), e.getMessage(), d.getRequestID(),
                    reg.venId())).thenAccept(x -> { });
        }
        if (reg != null) {
            // Rule 21 for targets: an event whose eiTarget lists venIDs only, none of them ours, is not for us (462,
            // reported to onError, not applied). Group/resource/party targets cannot be checked by the VEN.
            d.getOadrEvent().removeIf(oe -> {
                var t = oe.getEiEvent() == null ? null : oe.getEiEvent().getEiTarget();
                boolean foreign = t != null && !t.getVenID().isEmpty() && t.getGroupID().isEmpty()
                        && t.getResourceID().isEmpty() && t.getPartyID().isEmpty() && !t.getVenID().contains(reg.venId());
                if (foreign) {
                    session.error(VenException.protocol(VenException.TARGET_MISMATCH, "event "
                            + oe.getEiEvent().getEventDescriptor().getEventID() + " targets " + t.getVenID()
                            + ", not this VEN; not applied"));
                }
                return foreign;
            });
        }
        List<DrEvent> incoming;
        try {
            incoming = EventMapper.events(d);
        } catch (VenException e) {
            session.error(e);
            return reply.answer(VenSession.EVENT, Messages.response(e.responseCode(), e.getMessage(), d.getRequestID(), session.venId()))
                    .thenAccept(x -> { });
        }
        EventScheduler.Outcome out = session.events.distribute(incoming, this::supported);
        for (EventScheduler.Change c : out.changes()) {
            announce(c);
        }
        List<Messages.EventAnswer> answers = new ArrayList<>();
        for (DrEvent e : out.toAnswer()) {
            OptType opt = "cancelled".equals(e.vtnStatus()) ? OptType.OPT_IN : decide(e);
            answers.add(new Messages.EventAnswer(e.eventId(), e.modificationNumber(), 200, "OK", opt, d.getRequestID()));
        }
        for (DrEvent e : out.rejected()) {
            LOG.info("{}: event {} uses an unsupported signal; answering 460", session.s.venName(), e.eventId());
            answers.add(new Messages.EventAnswer(e.eventId(), e.modificationNumber(), VenException.SIGNAL_NOT_SUPPORTED,
                    "signal not supported", OptType.OPT_OUT, d.getRequestID()));
        }
        scheduleTick();
        if (answers.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return reply.answer(VenSession.EVENT, Messages.createdEvent(session.venId(), d.getRequestID(), answers))
                .thenAccept(m -> VenSession.expectOk(m, "oadrCreatedEvent"));
    }

    /** Answers one event again with a new decision (e.g. a late optOut, rule 17). */
    CompletableFuture<Void> respond(String eventId, OptType opt) {
        DrEvent e = session.events.event(eventId).orElseThrow(() ->
                VenException.protocol(VenException.INVALID_ID, "unknown event " + eventId));
        return session.send(VenSession.EVENT, Messages.createdEvent(session.venId(), "", List.of(new Messages.EventAnswer(e.eventId(),
                e.modificationNumber(), 200, "OK", opt, "")))).thenAccept(m -> VenSession.expectOk(m, "oadrCreatedEvent"));
    }

    private OptType decide(DrEvent e) {
        try {
            OptType o = session.s.optPolicy().decide(e);
            return o == null ? OptType.OPT_IN : o;
        } catch (RuntimeException ex) {
            LOG.warn("{}: opt policy threw for {}; opting in", session.s.venName(), e.eventId(), ex);
            return OptType.OPT_IN;
        }
    }

    private boolean supported(DrEvent e) {
        return e.signals().stream().allMatch(sig -> session.s.supportedSignals().contains(sig.name()));
    }

    private void announce(EventScheduler.Change c) {
        DrEvent e = c.event();
        switch (c.kind()) {
            case NEW -> session.fire(l -> l.onEvent(e));
            case MODIFIED -> session.fire(l -> l.onEventModified(e, c.previous()));
            case CANCELLED -> session.fire(l -> l.onEventCancelled(e));
            case ACTIVE -> session.fire(l -> l.onEventActive(e));
            case COMPLETED -> session.fire(l -> l.onEventCompleted(e));
            default -> { }
        }
    }

    /** Arms the timer for the next event transition (active, completed) on the serial executor. */
    void scheduleTick() {
        if (tickTimer != null) {
            tickTimer.cancel(false);
            tickTimer = null;
        }
        Optional<Instant> next = session.events.nextTransition();
        if (next.isEmpty() || session.isClosed()) {
            return;
        }
        long delay = Math.max(0, Duration.between(session.s.clock().instant(), next.get()).toMillis()) + 1;
        tickTimer = session.timer.schedule(() -> session.serial.execute(() -> {
            for (EventScheduler.Change c : session.events.tick()) {
                announce(c);
            }
            scheduleTick();
        }), delay, TimeUnit.MILLISECONDS);
    }

    /** Stops the event clock (the session closes). */
    void close() {
        if (tickTimer != null) {
            tickTimer.cancel(false);
        }
    }
}
