package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.jetty.server.HttpConfiguration;
import org.junit.jupiter.api.Test;

/** Issue #12 item 9: listener limits have bounded defaults and build() names the bad field. */
class ListenerLimitsTest {

    @Test
    void defaultsAreBounded() {
        ListenerLimits d = ListenerLimits.DEFAULT;
        assertEquals(8192, d.requestHeaderBytes());
        assertEquals(Duration.ofSeconds(30), d.idleTimeout());
        assertEquals(256, d.minRequestDataRate());
        assertEquals(200, d.maxThreads());
        assertEquals(10_000, d.maxConnections());
        HttpConfiguration http = new HttpConfiguration();
        d.apply(http);
        assertEquals(8192, http.getRequestHeaderSize());
        assertEquals(0, http.getHeaderCacheSize(), "no per-connection header cache (98 KB per idle connection, #18)");
        assertEquals(200, d.threadPool("t").getMaxThreads());
    }

    @Test
    void validationNamesTheField() {
        assertField("requestHeaderBytes", ListenerLimits.builder().requestHeaderBytes(100));
        assertField("idleTimeout", ListenerLimits.builder().idleTimeout(Duration.ZERO));
        assertField("minRequestDataRate", ListenerLimits.builder().minRequestDataRate(-1));
        assertField("maxThreads", ListenerLimits.builder().maxThreads(2));
        assertField("maxConnections", ListenerLimits.builder().maxConnections(0));
    }

    private static void assertField(String field, ListenerLimits.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }
}
