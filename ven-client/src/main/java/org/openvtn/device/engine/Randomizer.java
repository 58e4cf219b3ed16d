package org.openvtn.device.engine;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Draws the per-device random offsets of RandomizableEvent (IEEE 2030.5-2018 sep.xsd RandomizableEvent:
 * "Number of seconds boundary inside which a random value must be selected"; §10.2.3 Effective Start Time /
 * Effective End Time). A positive bound {@code b} gives a value in {@code [0, b]}, a negative one a value in
 * {@code [b, 0]}: the sign of the attribute is the direction of the shift.
 *
 * <p>Each draw is a pure function of (device seed, event href, purpose), so a device with a fixed seed draws
 * the same offsets after a restart even without its state file, and two devices with different seeds spread.
 */
final class Randomizer {

    /** Purpose of a draw, part of the hash so the three offsets of one event are independent. */
    static final int START = 1;
    static final int DURATION = 2;
    static final int CANCEL = 3;

    private final long seed;

    Randomizer(long seed) {
        this.seed = seed;
    }

    long seed() {
        return seed;
    }

    /** A reproducible value between 0 and {@code bound} inclusive, with the sign of {@code bound}. */
    int draw(String href, int purpose, int bound) {
        if (bound == 0) {
            return 0;
        }
        long h = seed ^ fnv64(href) ^ (purpose * 0x9E3779B97F4A7C15L);
        int v = new SplittableRandom(h).nextInt(Math.abs(bound) + 1);
        return bound < 0 ? -v : v;
    }

    private static long fnv64(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
