package org.openvtn.core;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The durable outbox of the OpenADR 2.0b push exchange model (issue #14) as the push worker sees it (issue #13:
 * adapters talk to services, not stores): stored pushes per VEN, oldest first, and each VEN's delivery state. The
 * assembly wires an implementation over the database ({@code JdbcPushStore}); payloads are rendered, unsigned 2.0b
 * messages the outbox does not interpret.
 */
public interface PushOutboxService {

    /** One stored push, oldest first per VEN. */
    record Entry(long seq, String venId, String kind, String reference, String payload, Instant createdAt) {
    }

    /**
     * Delivery state of one VEN.
     *
     * @param attempts      failed attempts of the current head entry
     * @param nextAttemptAt not before this instant (backoff), null = now
     * @param urlForm       remembered service-URL convention, null = the configured default
     * @param delivered     entries delivered so far
     * @param metadataFor   registrationID for which the VTN's METADATA was queued, null = none yet
     */
    record State(String venId, int attempts, Instant nextAttemptAt, String lastError, Instant lastErrorAt,
                 boolean unreachable, String urlForm, long delivered, String metadataFor) {
        /** State of a VEN never pushed to. */
        public static State initial(String venId) {
            return new State(venId, 0, null, null, null, false, null, 0, null);
        }

        /** @return a copy after a failed attempt */
        public State failed(String error, Instant at, Instant next, boolean nowUnreachable) {
            return new State(venId, attempts + 1, next, error, at, nowUnreachable, urlForm, delivered, metadataFor);
        }

        /** @return a copy after a delivery (a problem with the answer is kept as the last error) */
        public State delivered(String form, String answerProblem, Instant at) {
            return new State(venId, 0, null, answerProblem == null ? lastError : answerProblem,
                    answerProblem == null ? lastErrorAt : at, false, form, delivered + 1, metadataFor);
        }

        /** @return a copy ready to deliver now (operator retry, new registration) */
        public State reset() {
            return new State(venId, 0, null, lastError, lastErrorAt, false, urlForm, delivered, metadataFor);
        }

        /** @return a copy with {@code metadataFor} set */
        public State withMetadataFor(String registrationId) {
            return new State(venId, attempts, nextAttemptAt, lastError, lastErrorAt, unreachable, urlForm, delivered,
                    registrationId);
        }
    }

    /** Runs {@code work} in one transaction (joins an outer one, also the core services' transactions). */
    <T> T inTransaction(Supplier<T> work);

    /** Appends an entry to the VEN's outbox. */
    Entry append(String venId, String kind, String reference, String payload, Instant at);

    /** @return the oldest entry of the VEN */
    Optional<Entry> head(String venId);

    /** @return number of entries of the VEN */
    int size(String venId);

    /** @return number of entries of every VEN */
    int size();

    /** @return VENs with at least one entry */
    List<String> vensWithEntries();

    /** Removes a delivered entry. */
    void delete(long seq);

    /**
     * Removes the VEN's entries of {@code kind} except the oldest entry of the VEN (which may be in flight): used
     * when a newer entry supersedes them (a full event list replaces an older one).
     */
    int deleteSupersededExceptHead(String venId, String kind);

    /** Removes every entry of the VEN (it stopped being a push VEN). */
    int deleteByVen(String venId);

    /** @return the VEN's delivery state, {@link State#initial} when none is stored */
    State state(String venId);

    /** Inserts or replaces the VEN's delivery state. */
    void save(State s);

    /** @return VENs marked unreachable */
    int unreachableCount();

    /**
     * Leases the head entry of the VEN's lane to {@code node} until {@code now + lease} (issue #19: each pending push
     * is delivered by one node). Only the head is ever leased, so per-VEN order holds across nodes. The head is
     * returned when it is unleased, leased by {@code node} itself (a renewal), or its lease lapsed (its holder died);
     * empty when the lane is empty or another node holds a live lease on its head.
     *
     * A holder id must belong to one claim loop (one lane per VEN per node): a second loop using the same id would
     * renew, not be refused.
     *
     * @param node id of the claiming node, at most 64 characters
     */
    Optional<Entry> claimHead(String venId, String node, Instant now, Duration lease);

    /**
     * Extends the lease {@code node} holds on an entry it is delivering to {@code now + lease}.
     *
     * @return whether {@code node} still held it (false: it lapsed and was taken over, or the entry is gone)
     */
    boolean renew(long seq, String node, Instant now, Duration lease);

    /**
     * Several nodes (issue #19): locks the VEN's delivery state row for the calling transaction, creating it when
     * missing, so one node at a time moves the VEN's poll items into the outbox and decides its METADATA push. Never
     * waits for a row another node holds ({@code SKIP LOCKED}): that node is doing the work.
     *
     * @return whether this transaction holds the lock (false: another node holds it now)
     */
    default boolean lockVen(String venId) {
        return true;
    }

    /**
     * @return whether several processes may share this outbox (PostgreSQL, issue #19): the push worker then leases
     *         each head entry before it delivers it ({@link #claimHead}, {@link #complete}, {@link #release}). False
     *         for the embedded Derby database (one process): the worker reads heads and deletes delivered entries
     *         directly, as before the leases existed
     */
    default boolean shared() {
        return false;
    }

    /**
     * Gives a leased head back without delivering it (a failed attempt: the next claim, by any node, retries it).
     *
     * @return whether {@code node} held the lease
     */
    boolean release(long seq, String node);

    /**
     * Removes a delivered head, only while {@code node} still holds its lease: a node whose lease lapsed and was taken
     * over does not delete the entry the new holder is delivering.
     *
     * @return whether the entry was removed
     */
    boolean complete(long seq, String node);
}
