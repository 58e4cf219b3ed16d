package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.server.VtnConfig;

/** VtnConfig validation names the bad field; defaults are secure and the vtnID is not all lower case. */
class VtnConfigTest {
    private static String message(VtnConfig.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void validationNamesTheField() {
        assertTrue(message(VtnConfig.builder()).startsWith("dataDir"));
        assertTrue(message(VtnConfig.builder().inMemory("x")).startsWith("tls"));
        var tls = TestPki.shared().oadrServerConfig().build();
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(tls).oadrPort(70000)).startsWith("oadrPort"));
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(tls).vtnId("a b")).startsWith("vtnId"));
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(tls).basePath("no-slash")).startsWith("basePath"));
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(tls).pollFreq(Duration.ZERO)).startsWith("pollFreq"));
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(TestPki.shared().sepServerConfig().build()))
                .startsWith("tls"));
    }

    @Test
    void defaults() {
        VtnConfig c = VtnConfig.builder().inMemory("x").tls(TestPki.shared().oadrServerConfig().build()).build();
        assertEquals("OPENVTN", c.vtnId());
        assertNotEquals(c.vtnId().toLowerCase(Locale.ROOT), c.vtnId());
        assertEquals("0.0.0.0", c.oadrHost());
        assertEquals(1024 * 1024, c.maxBodyBytes());
    }
}
