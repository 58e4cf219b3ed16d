package org.openvtn.ven;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.ven.protocol.Messages;
import org.openvtn.ven.protocol.Xml;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop of a pull session (OpenADR 2.0b rule 500): polls at the VTN's or the configured interval, drains the
 * queue until oadrResponse, backs off while the VTN is unreachable. A push VEN does not start it. Runs on the session's
 * serial executor.
 */
final class SessionPoll {

    private static final Logger LOG = LoggerFactory.getLogger(SessionPoll.class);
    private static final int MAX_DRAIN = 100;

    private final VenSession session;
    private boolean polling;
    private int pollFailures;
    private ScheduledFuture<?> pollTimer;

    SessionPoll(VenSession session) {
        this.session = session;
    }

    void start() {
        if (!polling && !session.isClosed()) {
            polling = true;
            schedulePoll(Duration.ZERO);
        }
    }

    void stop() {
        polling = false;
        if (pollTimer != null) {
            pollTimer.cancel(false);
            pollTimer = null;
        }
    }

    Duration pollInterval() {
        RegistrationInfo r = session.registration();
        if (session.s.honourVtnPollFrequency() && r != null && r.pollFrequency() != null && !r.pollFrequency().isZero()) {
            return r.pollFrequency();
        }
        return session.s.pollInterval();
    }

    private void schedulePoll(Duration delay) {
        if (!polling || session.isClosed()) {
            return;
        }
        if (pollTimer != null) {
            pollTimer.cancel(false);
        }
        pollTimer = session.timer.schedule(() -> session.serial.execute(this::pollCycle), Math.max(1, delay.toMillis()),
                TimeUnit.MILLISECONDS);
    }

    private void pollCycle() {
        if (!polling || session.isClosed()) {
            return;
        }
        drain(0).whenCompleteAsync((x, err) -> {
            if (session.isClosed()) {
                return;
            }
            if (err == null) {
                pollFailures = 0;
                schedulePoll(pollInterval());
            } else {
                VenException e = VenSession.unwrap(err);
                session.error(e);
                if (e.kind() == VenException.Kind.TRANSPORT) {
                    pollFailures++;
                    // The VTN is down: back off (never a busy loop), keep the registration.
                    schedulePoll(session.s.retry().delay(pollFailures, session.s.random()));
                } else {
                    schedulePoll(pollInterval());
                }
            }
        }, session.serial);
    }

    /** Polls until the VTN answers oadrResponse (queue empty), at most {@value #MAX_DRAIN} messages. */
    CompletableFuture<Void> drain(int n) {
        if (session.registration() == null) {
            return session.register(false).thenApply(r -> null);
        }
        return session.send(VenSession.POLL, Messages.poll(session.venId())).thenComposeAsync(m -> {
            if (m instanceof OadrResponseType r) {
                int code = Xml.code(r.getEiResponse());
                if (code == VenException.NOT_REGISTERED) {
                    LOG.info("{}: VTN says 463 not registered; registering again", session.s.venName());
                    session.forgetRegistration();
                    return session.register(true).thenApply(x -> (Void) null);
                }
                return CompletableFuture.completedFuture((Void) null);
            }
            CompletableFuture<Void> handled = session.dispatch(m, session::send).exceptionally(err -> {
                session.error(VenSession.unwrap(err));
                return null;
            });
            if (n + 1 >= MAX_DRAIN) {
                return handled;
            }
            return handled.thenComposeAsync(x -> session.registration() == null ? CompletableFuture.completedFuture(null)
                    : drain(n + 1), session.serial);
        }, session.serial);
    }
}
