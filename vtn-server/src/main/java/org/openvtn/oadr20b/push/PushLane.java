package org.openvtn.oadr20b.push;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.openvtn.core.PushOutboxService;
import org.openvtn.core.Registration;

/**
 * One push VEN's lane in {@link PushDispatcher} (OpenADR 2.0b push model, issue #14): at most one step (claim,
 * exchange or completion) at a time, so the VEN's pushes stay in order; a kick while a step runs makes the lane run
 * once more when it ends; after a failed attempt the lane waits out its backoff on the timer. The entry being delivered
 * is handed between the dispatcher's steps through the lane's fields.
 */
final class PushLane {
    /** What the lane needs from its dispatcher. */
    interface Owner {
        /** @return whether the dispatcher stopped (lanes then start nothing) */
        boolean closed();

        /** Runs a cycle of the lane (claim or resend), outside the lane's monitor. */
        void cycle(PushLane lane);
    }

    final String venId;
    private final Owner owner;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private boolean running;
    private boolean again;
    private ScheduledFuture<?> backoff;
    private boolean started;
    /** The head failed and is resent after the backoff as it is, without a claim pass through the store. */
    boolean resend;
    /** The exchange in flight holds a retry slot, not a first-attempt slot. */
    boolean retrying;
    /** The entry being delivered, its VEN's registration and outbox state. */
    Registration reg;
    PushOutboxService.Entry head;
    PushOutboxService.State state;

    PushLane(String venId, Owner owner, ScheduledExecutorService timer, Clock clock) {
        this.venId = venId;
        this.owner = owner;
        this.timer = timer;
        this.clock = clock;
    }

    /**
     * Starts a cycle unless one runs (then it runs again when it ends). The cycle itself runs outside the lane's
     * monitor: it may read the database, and {@link PushDispatcher} kicks lanes from inside database transactions, so
     * holding the monitor while waiting for the database lock deadlocked (lane monitor vs database lock). The
     * {@code running} flag keeps one cycle per lane; the monitor hands its fields over.
     *
     * @param now an operator retry: cancel the backoff and read the state again
     */
    void kick(boolean now) {
        synchronized (this) {
            if (now) {
                resend = false; // operator retry: the state was reset in the store, read it again
                if (backoff != null) {
                    backoff.cancel(false);
                    backoff = null;
                }
            }
            if (backoff != null || owner.closed()) {
                return; // waiting out a backoff: the timer kicks again
            }
            if (running) {
                again = true;
                return;
            }
            running = true;
        }
        owner.cycle(this);
    }

    /** @return true the first time only (the first claim after a start also looks at entries left by a previous run) */
    synchronized boolean first() {
        boolean first = !started;
        started = true;
        return first;
    }

    /** The lane's cycle ended: nothing (more) to send, blocked, or a backoff until {@code next}. */
    void idle(Instant next) {
        synchronized (this) {
            if (!idleLocked(next)) {
                return;
            }
        }
        owner.cycle(this); // outside the monitor, as in kick
    }

    /** @return whether the cycle runs again at once (the caller runs it after leaving the monitor) */
    private boolean idleLocked(Instant next) {
        running = false;
        if (owner.closed()) {
            return false;
        }
        if (next != null) {
            long delay = Math.max(0, Duration.between(clock.instant(), next).toMillis());
            try {
                backoff = timer.schedule(() -> {
                    synchronized (PushLane.this) {
                        backoff = null;
                    }
                    kick(false);
                }, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                // closed meanwhile
            }
        } else if (again) {
            again = false;
            running = true;
            return true;
        }
        return false;
    }
}
