package org.openvtn.schemas.dsig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 item 3: the ReplayProtect nonce memory (OpenADR 2.0b profile, ReplayProtect) stays bounded per signer
 * and in all, forgets the oldest nonces first, and still refuses a nonce the same signer used inside the window.
 */
class ReplayGuardTest {

    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    /** Issue #12 item 3: one signer sending many distinct nonces keeps at most the per-signer bound. */
    @Test
    void oneSignerIsBoundedAndForgetsItsOldestFirst() {
        ReplayGuard guard = new ReplayGuard(WINDOW, 1000, 10);
        for (int i = 0; i < 500; i++) {
            assertTrue(guard.firstUse("signer-a", "n" + i, T0, T0));
        }
        assertEquals(10, guard.size("signer-a"));
        assertEquals(10, guard.size());
        assertFalse(guard.firstUse("signer-a", "n499", T0, T0), "a recent nonce is still refused");
        assertTrue(guard.firstUse("signer-a", "n0", T0, T0), "the oldest nonce was forgotten first");
    }

    /** Issue #12 item 3: many signers with many nonces never exceed the global bound; the flooder evicts its own. */
    @Test
    void manySignersStayWithinTheGlobalBound() {
        ReplayGuard guard = new ReplayGuard(WINDOW, 200, 16);
        assertTrue(guard.firstUse("quiet", "q1", T0, T0));
        for (int i = 0; i < 20; i++) {
            assertTrue(guard.firstUse("flooder", "f" + i, T0, T0));
        }
        assertEquals(16, guard.size("flooder"));
        assertFalse(guard.firstUse("quiet", "q1", T0, T0), "another signer's nonce survives one signer's flood");
        for (int s = 0; s < 300; s++) {
            for (int i = 0; i < 50; i++) {
                guard.firstUse("signer-" + s, "nonce-" + i, T0, T0);
            }
            assertTrue(guard.size() <= 200, "entries " + guard.size());
        }
        assertEquals(200, guard.size());
        assertTrue(guard.signers() <= 200, "signers " + guard.signers());
    }

    /** Issue #12 item 3 with the ReplayProtect window: expired nonces are dropped, signers with none are forgotten. */
    @Test
    void expiredNoncesAndIdleSignersAreDropped() {
        ReplayGuard guard = new ReplayGuard(WINDOW, 1000, 10);
        for (int s = 0; s < 50; s++) {
            guard.firstUse("signer-" + s, "n", T0, T0);
        }
        assertEquals(50, guard.signers());
        Instant later = T0.plus(WINDOW).plusSeconds(1);
        assertTrue(guard.firstUse("signer-x", "n", later, later));
        assertEquals(1, guard.size());
        assertEquals(1, guard.signers());
    }

    /** A nonce is keyed by signer: the same nonce from two signers is two first uses. */
    @Test
    void sameNonceFromAnotherSignerIsAFirstUse() {
        ReplayGuard guard = new ReplayGuard(WINDOW, 1000, 10);
        assertTrue(guard.firstUse("a", "n", T0, T0));
        assertTrue(guard.firstUse("b", "n", T0, T0));
        assertFalse(guard.firstUse("a", "n", T0, T0.plusSeconds(1)));
    }
}
