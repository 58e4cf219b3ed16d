package org.openvtn.certs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Peer-controlled text in log lines (issue #12 item 10): no forged lines, no terminal escapes, bounded length. */
class LogSafeTest {
    @Test
    void controlCharactersAreEscaped() {
        String forged = "CN=ven\n2026-12-04 WARN admin token is abc\r\u001b[2J\u0085\u2028\u202e";
        String safe = LogSafe.text(forged);
        assertFalse(safe.chars().anyMatch(c -> c < 0x20 || c == 0x85 || c == 0x2028 || c == 0x202e), safe);
        assertTrue(safe.contains("\\u000a") && safe.contains("\\u001b"), safe);
    }

    @Test
    void backslashCannotImitateAnEscape() {
        assertEquals("a\\\\u000ab", LogSafe.text("a\\u000ab"));
    }

    @Test
    void plainTextUnchangedAndLongTextCut() {
        assertEquals("CN=VEN 1, O=Utility", LogSafe.text("CN=VEN 1, O=Utility"));
        assertEquals("null", LogSafe.text(null));
        String cut = LogSafe.text("x".repeat(10_000));
        assertTrue(cut.length() < LogSafe.MAX + 32 && cut.endsWith("(10000 chars)"), cut);
    }
}
