package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Exponential backoff with jitter: grows, is capped, never zero (no busy loop). */
class RetryPolicyTest {

    @Test
    void delaysGrowAreCappedAndJittered() {
        RetryPolicy p = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), 2.0, 0.2);
        Random r = new Random(1);
        for (int n = 1; n <= 20; n++) {
            long base = Math.min(2000, 100L << Math.min(n - 1, 20));
            long d = p.delay(n, r).toMillis();
            assertTrue(d <= base && d >= base * 0.8 - 1, "attempt " + n + ": " + d + " vs " + base);
        }
        assertTrue(p.delay(1, () -> 0L).toMillis() >= 1);
    }

    @Test
    void invalidPoliciesNameTheField() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(2), 2, 0.1));
        assertTrue(e.getMessage().contains("maxAttempts"));
        e = assertThrows(IllegalArgumentException.class,
                () -> new RetryPolicy(1, Duration.ofSeconds(3), Duration.ofSeconds(2), 2, 0.1));
        assertTrue(e.getMessage().contains("maxDelay"));
    }
}
