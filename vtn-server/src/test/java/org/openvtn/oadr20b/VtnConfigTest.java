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
        assertTrue(message(VtnConfig.builder().inMemory("x").tls(tls).enrolment(null)).startsWith("enrolment"));
    }

    /** Issue #12 item 5: the builder (development) default is open; policy names parse and bad ones are named. */
    @Test
    void enrolmentPolicy() {
        VtnConfig c = VtnConfig.builder().inMemory("x").tls(TestPki.shared().oadrServerConfig().build()).build();
        assertEquals(org.openvtn.core.EnrolmentPolicy.OPEN, c.enrolment());
        assertEquals(org.openvtn.core.EnrolmentPolicy.ALLOWLIST,
                org.openvtn.core.EnrolmentPolicy.parse(" Allowlist ", "oadr.enrolment"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> org.openvtn.core.EnrolmentPolicy.parse("closed", "oadr.enrolment")).getMessage()
                .startsWith("oadr.enrolment"));
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
