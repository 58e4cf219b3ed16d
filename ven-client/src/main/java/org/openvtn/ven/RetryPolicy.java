package org.openvtn.ven;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and jitter, used when the VTN is unreachable, times
 * out or answers with HTTP 5xx. Attempt {@code n} (1-based, after the first failure) waits
 * {@code min(maxDelay, initialDelay * multiplier^(n-1))}, reduced by a random fraction up to
 * {@code jitter} so a fleet that lost the VTN at the same moment does not come back in lockstep.
 * The same curve, without the attempt bound, spaces the poll loop while the VTN stays down, so
 * the client never busy-loops.
 *
 * @param maxAttempts  total attempts of one request, first included (≥ 1)
 * @param initialDelay delay before the first retry (&gt; 0)
 * @param maxDelay     cap of the delay (≥ initialDelay)
 * @param multiplier   growth factor (≥ 1)
 * @param jitter       fraction 0..1 of the delay that is randomized
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, double multiplier, double jitter) {

    public RetryPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("retryPolicy.maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (initialDelay.isNegative() || initialDelay.isZero()) {
            throw new IllegalArgumentException("retryPolicy.initialDelay must be > 0");
        }
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("retryPolicy.maxDelay must be >= initialDelay");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("retryPolicy.multiplier must be >= 1, was " + multiplier);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("retryPolicy.jitter must be in 0..1, was " + jitter);
        }
    }

    /** 4 attempts, 1 s doubling to at most 60 s, 20 % jitter. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(60), 2.0, 0.2);
    }

    /** The delay before retry {@code n} (1-based), jittered with the given random source. */
    public Duration delay(int n, RandomGenerator random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, Math.max(0, n - 1));
        double capped = Math.min(base, maxDelay.toNanos());
        double jittered = capped * (1 - jitter * random.nextDouble());
        return Duration.ofNanos(Math.max(1_000_000L, (long) jittered));
    }
}
