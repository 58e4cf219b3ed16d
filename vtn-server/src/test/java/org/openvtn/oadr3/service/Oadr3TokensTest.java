package org.openvtn.oadr3.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.MutableClock;

/**
 * Built-in token verification (RFC 7519 §4.1.4 {@code exp}; 3.1 Definition "Authorization") with the cache of
 * verified tokens: a token verified once is accepted again without a signature check until it expires, and never
 * after; a token whose signature is altered is refused even when its claims equal a cached token's.
 */
class Oadr3TokensTest {
    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void aCachedTokenIsRefusedOnceExpired() {
        MutableClock clock = new MutableClock(START);
        Oadr3Tokens tokens = Oadr3Tokens.open(null, clock, Duration.ofMinutes(10));
        String t = tokens.issue("ven-1", "VEN").accessToken();
        Oadr3Caller first = tokens.verify(t);
        assertEquals("ven-1", first.clientId());
        assertTrue(first.scopes().contains("read_targets"), first.scopes().toString());
        clock.advance(Duration.ofMinutes(9));
        assertEquals(first, tokens.verify(t)); // from the cache, still valid
        clock.advance(Duration.ofMinutes(1));
        Oadr3Exception e = assertThrows(Oadr3Exception.class, () -> tokens.verify(t));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertThrows(Oadr3Exception.class, () -> tokens.verify(t)); // and again, now without the cache entry
    }

    @Test
    void anAlteredSignatureIsRefusedAfterTheGenuineTokenWasCached() {
        Oadr3Tokens tokens = Oadr3Tokens.open(null, new MutableClock(START), Duration.ofMinutes(10));
        String t = tokens.issue("bl-1", "BL").accessToken();
        tokens.verify(t);
        int dot = t.lastIndexOf('.');
        String sig = t.substring(dot + 1);
        char c = sig.charAt(5) == 'A' ? 'B' : 'A';
        String forged = t.substring(0, dot + 1) + sig.substring(0, 5) + c + sig.substring(6);
        assertThrows(Oadr3Exception.class, () -> tokens.verify(forged));
        Oadr3Tokens other = Oadr3Tokens.open(null, new MutableClock(START), Duration.ofMinutes(10));
        assertThrows(Oadr3Exception.class, () -> other.verify(t)); // another VTN's key: its own cache is empty
    }
}
