package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Plain HTTP for the admin API only on loopback, judged by address, not by the spelling of the host
 * (issue #12 item 10): {@code 127.evil.example} starts with "127." but is a name that may resolve anywhere.
 */
class AdminConfigTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @Test
    void loopbackAddressesAreLoopback() {
        for (String h : List.of("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost")) {
            assertTrue(AdminConfig.Builder.isLoopback(h), h);
            assertEquals(h, AdminConfig.builder().host(h).port(0).token(TOKEN).build().host());
        }
    }

    @Test
    void namesThatLookLikeLoopbackAreNot() {
        for (String h : List.of("127.evil.example", "127.0.0.1.nip.invalid", "0.0.0.0", "10.0.0.1", "::")) {
            assertFalse(AdminConfig.Builder.isLoopback(h), h);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AdminConfig.builder().host(h).port(0).token(TOKEN).build(), h);
            assertTrue(e.getMessage().startsWith("sslContext:"), e.getMessage());
        }
    }
}
