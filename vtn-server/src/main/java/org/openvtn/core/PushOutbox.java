package org.openvtn.core;

import java.time.Instant;
import java.util.Optional;

/**
 * What the operator sees of a push delivery channel (OpenADR 2.0b push exchange model, issue #14): the outbox
 * state per VEN, totals for the metrics, and re-push on demand. {@link #NONE} when no push channel runs.
 */
public interface PushOutbox {

    /**
     * Delivery state of one VEN.
     *
     * @param queued        entries waiting (outbox plus not yet rendered poll items)
     * @param attempts      failed attempts of the current head entry
     * @param nextAttemptAt when the next attempt is due, null = now or idle
     * @param lastError     last failure, null when none
     * @param lastErrorAt   when it happened
     * @param unreachable   true after the attempt limit: nothing is pushed until a retry or a new registration
     * @param urlForm       service-URL convention in use ({@code SPEC} or {@code SHORT})
     * @param delivered     entries delivered so far
     */
    record Status(String venId, int queued, int attempts, Instant nextAttemptAt, String lastError, Instant lastErrorAt,
                  boolean unreachable, String urlForm, long delivered) {
    }

    /** Totals for {@code GET /api/v1/metrics}. */
    record Totals(int queued, long attempts, long failures, long delivered, int unreachable) {
    }

    /** @return the VEN's state when it is a push VEN */
    Optional<Status> status(String venId);

    /** @return totals over every VEN */
    Totals totals();

    /**
     * Clears the unreachable mark and the backoff of a push VEN and delivers its outbox now; with nothing queued,
     * the VEN's current event list is pushed again.
     *
     * @return false when the VEN is not a push VEN
     */
    boolean retry(String venId);

    /** No push channel. */
    PushOutbox NONE = new PushOutbox() {
        @Override
        public Optional<Status> status(String venId) {
            return Optional.empty();
        }

        @Override
        public Totals totals() {
            return new Totals(0, 0, 0, 0, 0);
        }

        @Override
        public boolean retry(String venId) {
            return false;
        }
    };
}
