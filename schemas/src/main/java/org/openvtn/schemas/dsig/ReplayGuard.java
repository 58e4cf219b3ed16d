package org.openvtn.schemas.dsig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers ReplayProtect nonces per signer while their timestamp is inside the window, so a signed payload
 * cannot be accepted twice (OpenADR 2.0b profile, ReplayProtect). Bounded: when full, the oldest entries go
 * first (they are the first to expire anyway). Thread-safe.
 */
final class ReplayGuard {

    private record Seen(String key, Instant forgetAt) {
    }

    private final Duration window;
    private final int capacity;
    private final Map<String, Instant> seen = new HashMap<>();
    private final Deque<Seen> order = new ArrayDeque<>();

    ReplayGuard(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    /**
     * Records the nonce; false if the same signer already used it and it has not expired yet.
     *
     * @param timestamp the ReplayProtect timestamp, already checked to be within the window of {@code now}
     */
    synchronized boolean firstUse(String signer, String nonce, Instant timestamp, Instant now) {
        purge(now);
        String key = signer + '\n' + nonce;
        Instant forgetAt = seen.get(key);
        if (forgetAt != null && forgetAt.isAfter(now)) {
            return false;
        }
        // a nonce stays remembered until its timestamp has left the window for good
        Instant until = timestamp.plus(window).isAfter(now) ? timestamp.plus(window) : now;
        seen.put(key, until.plusMillis(1));
        order.addLast(new Seen(key, until.plusMillis(1)));
        while (order.size() > capacity) {
            Seen oldest = order.removeFirst();
            seen.remove(oldest.key(), oldest.forgetAt());
        }
        return true;
    }

    private void purge(Instant now) {
        while (!order.isEmpty() && !order.peekFirst().forgetAt().isAfter(now)) {
            Seen s = order.removeFirst();
            seen.remove(s.key(), s.forgetAt());
        }
    }

    synchronized int size() {
        return seen.size();
    }
}
