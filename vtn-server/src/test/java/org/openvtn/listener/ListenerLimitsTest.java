package org.openvtn.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
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
        assertEquals(256, d.maxHandshakes());
        HttpConfiguration http = new HttpConfiguration();
        d.apply(http);
        assertEquals(8192, http.getRequestHeaderSize());
        assertEquals(0, http.getHeaderCacheSize(), "no per-connection header cache (98 KB per idle connection, #18)");
        assertEquals(200, d.threadPool("t").getMaxThreads());
    }

    /** Issue #18: at the connection limit, idle connections are closed after 2 s so waiting VENs get in. */
    @Test
    void connectionLimitShortensTheIdleTimeout() {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        ListenerLimits.DEFAULT.apply(server, c);
        NetworkConnectionLimit limit = server.getBean(NetworkConnectionLimit.class);
        assertEquals(10_000, limit.getMaxNetworkConnectionCount());
        assertEquals(2_000, limit.getEndPointIdleTimeout());
        assertEquals(30_000, c.getIdleTimeout());
        assertEquals(ListenerLimits.ACCEPT_QUEUE, c.getAcceptQueueSize(), "clients beyond the limit wait, not reset");
        Server short1 = new Server();
        ServerConnector c1 = new ServerConnector(short1);
        ListenerLimits.builder().idleTimeout(Duration.ofMillis(500)).build().apply(short1, c1);
        assertEquals(500, short1.getBean(NetworkConnectionLimit.class).getEndPointIdleTimeout());
    }

    @Test
    void validationNamesTheField() {
        assertField("requestHeaderBytes", ListenerLimits.builder().requestHeaderBytes(100));
        assertField("idleTimeout", ListenerLimits.builder().idleTimeout(Duration.ZERO));
        assertField("minRequestDataRate", ListenerLimits.builder().minRequestDataRate(-1));
        assertField("maxThreads", ListenerLimits.builder().maxThreads(2));
        assertField("maxConnections", ListenerLimits.builder().maxConnections(0));
        assertField("maxHandshakes", ListenerLimits.builder().maxHandshakes(0));
    }

    private static void assertField(String field, ListenerLimits.Builder b) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
    }

    /** Issue #18: connections are bounded below the open-file limit, with a reserve for the pool, files and push. */
    @Test
    void connectionBudgetLeavesAReserveBelowTheOpenFileLimit() {
        assertEquals(20_000 - 200 - 1_250, ConnectionBudget.budget(20_000, 200));
        assertEquals(256 - 114 - ConnectionBudget.MIN_RESERVE, ConnectionBudget.budget(256, 114));
        assertEquals(1, ConnectionBudget.budget(100, 90), "never below one connection");
    }
}
