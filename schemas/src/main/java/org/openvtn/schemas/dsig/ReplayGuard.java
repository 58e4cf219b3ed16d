package org.openvtn.schemas.dsig;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers ReplayProtect nonces per signer while their timestamp is inside the window, so a signed payload
 * cannot be accepted twice (OpenADR 2.0b profile, ReplayProtect). Thread-safe.
 *
 * <p>Bounded (issue #12 item 3): a nonce is remembered as a fixed-size 128-bit digest of signer and nonce, never
 * as its text; one signer keeps at most {@code perSigner} nonces and all signers together at most
 * {@code capacity}. When a bound is reached the oldest nonce (of that signer, or of all) is forgotten first; they
 * are the first to expire anyway, and one signer flooding signed messages only pushes out its own nonces until the
 * global bound is reached.
 */
final class ReplayGuard {

    /** The first 128 bits of SHA-256(signer, nonce). */
    private record Digest(long hi, long lo) {
    }

    private record Entry(String signer, Instant forgetAt) {
    }

    private final Duration window;
    private final int capacity;
    private final int perSigner;
    /** Every remembered nonce, oldest first. */
    private final LinkedHashMap<Digest, Entry> seen = new LinkedHashMap<>();
    /** The remembered nonces of each signer, oldest first. */
    private final Map<String, ArrayDeque<Digest>> bySigner = new HashMap<>();

    ReplayGuard(Duration window, int capacity, int perSigner) {
        this.window = window;
        this.capacity = capacity;
        this.perSigner = perSigner;
    }

    /**
     * Records the nonce; false if the same signer already used it and it has not expired yet.
     *
     * @param signer    the signer's identity (certificate fingerprint)
     * @param nonce     the ReplayProtect nonce, already checked against the length bound
     * @param timestamp the ReplayProtect timestamp, already checked to be within the window of {@code now}
     */
    synchronized boolean firstUse(String signer, String nonce, Instant timestamp, Instant now) {
        purge(now);
        Digest key = digest(signer, nonce);
        Entry known = seen.get(key);
        if (known != null && known.forgetAt().isAfter(now)) {
            return false;
        }
        if (known != null) {
            forget(key, known);
        }
        // a nonce stays remembered until its timestamp has left the window for good
        Instant until = timestamp.plus(window).isAfter(now) ? timestamp.plus(window) : now;
        seen.put(key, new Entry(signer, until.plusMillis(1)));
        ArrayDeque<Digest> own = bySigner.computeIfAbsent(signer, s -> new ArrayDeque<>());
        own.addLast(key);
        if (own.size() > perSigner) {
            Digest oldest = own.removeFirst();
            seen.remove(oldest);
        }
        while (seen.size() > capacity) {
            Iterator<Map.Entry<Digest, Entry>> it = seen.entrySet().iterator();
            Map.Entry<Digest, Entry> oldest = it.next();
            it.remove();
            dropFromSigner(oldest.getValue().signer(), oldest.getKey());
        }
        return true;
    }

    private void purge(Instant now) {
        Iterator<Map.Entry<Digest, Entry>> it = seen.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Digest, Entry> e = it.next();
            if (e.getValue().forgetAt().isAfter(now)) {
                return;
            }
            it.remove();
            dropFromSigner(e.getValue().signer(), e.getKey());
        }
    }

    private void forget(Digest key, Entry entry) {
        seen.remove(key);
        dropFromSigner(entry.signer(), key);
    }

    private void dropFromSigner(String signer, Digest key) {
        ArrayDeque<Digest> own = bySigner.get(signer);
        if (own == null) {
            return;
        }
        if (key.equals(own.peekFirst())) {
            own.removeFirst(); // the usual case: both lists are oldest first
        } else {
            own.remove(key);
        }
        if (own.isEmpty()) {
            bySigner.remove(signer);
        }
    }

    /** @return the key a {@link SharedNonces} memory stores for a nonce: 32 hex characters of {@link #digest} */
    static String key(String signer, String nonce) {
        Digest d = digest(signer, nonce);
        return String.format("%016x%016x", d.hi(), d.lo());
    }

    /** @return when a nonce with that timestamp may be forgotten (as {@link #firstUse} remembers it) */
    Instant forgetAt(Instant timestamp, Instant now) {
        Instant until = timestamp.plus(window).isAfter(now) ? timestamp.plus(window) : now;
        return until.plusMillis(1);
    }

    private static Digest digest(String signer, String nonce) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(signer.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            ByteBuffer h = ByteBuffer.wrap(sha.digest(nonce.getBytes(StandardCharsets.UTF_8)));
            return new Digest(h.getLong(), h.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** Remembered nonces of all signers. */
    synchronized int size() {
        return seen.size();
    }

    /** Remembered nonces of one signer. */
    synchronized int size(String signer) {
        ArrayDeque<Digest> own = bySigner.get(signer);
        return own == null ? 0 : own.size();
    }

    /** Signers with at least one remembered nonce. */
    synchronized int signers() {
        return bySigner.size();
    }
}
