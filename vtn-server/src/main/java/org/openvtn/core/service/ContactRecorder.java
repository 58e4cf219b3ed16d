package org.openvtn.core.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openvtn.store.VtnStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * VENs' last contact (migration V28, issue #19), written at most once per {@code interval} per VEN and node, and off
 * the request thread: contacts collect in memory and one writer thread stores all that collected in one transaction.
 * A fleet of 100,000 VENs polling every 10 s makes 1,667 contacts a second; one commit (and, on Derby, one log
 * sync under its single connection) each would have been on the poll path of every VEN once a minute (issue #18).
 * Reads see the contacts not yet stored; a contact is lost only if the process stops before its batch is written.
 */
final class ContactRecorder {
    private static final Logger LOG = LoggerFactory.getLogger(ContactRecorder.class);

    private final VtnStore store;
    private final Clock clock;
    private final Duration interval;
    /** VEN ID -> when this node last recorded its contact. */
    private final Map<String, Instant> recorded = new ConcurrentHashMap<>();
    /** Contacts recorded and not yet committed. */
    private final Map<String, Instant> pending = new ConcurrentHashMap<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** One writer thread, started on demand and ended after 5 s without work (no thread to close). */
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "openvtn-last-contact");
                t.setDaemon(true);
                return t;
            });

    ContactRecorder(VtnStore store, Clock clock, Duration interval) {
        this.store = store;
        this.clock = clock;
        this.interval = interval;
    }

    /** Records an authorised request of {@code venId} now, unless one was recorded less than the interval ago. */
    void record(String venId) {
        Instant now = clock.instant();
        Instant last = recorded.get(venId);
        if (last != null && now.isBefore(last.plus(interval))) {
            return;
        }
        recorded.put(venId, now);
        pending.put(venId, now);
        if (scheduled.compareAndSet(false, true)) {
            writer.execute(this::write);
        }
    }

    private void write() {
        scheduled.set(false);
        Map<String, Instant> batch = new HashMap<>(pending);
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.inTransaction(() -> {
                batch.forEach((venId, at) -> store.registrations().touch(venId, at));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("last contact of {} VENs not recorded: {}", batch.size(), e.toString());
        }
        batch.forEach(pending::remove); // removes only the values written; a newer contact stays pending
    }

    /** @return the stored contacts with the pending ones over them */
    Map<String, Instant> overlay(Map<String, Instant> stored) {
        if (pending.isEmpty()) {
            return stored;
        }
        Map<String, Instant> out = new HashMap<>(stored);
        pending.forEach((venId, at) -> out.merge(venId, at, (a, b) -> a.isAfter(b) ? a : b));
        return out;
    }

    /** @return the pending contact of one VEN, or null */
    Instant pending(String venId) {
        return pending.get(venId);
    }
}
