package org.openvtn.sep.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.junit.jupiter.api.Test;

/** The notificationURI host rule (issue #12 item 10, server-side request forgery), including DNS rebinding. */
class NotificationTargetsTest {
    private static final NotificationTargets PROD = NotificationTargets.publicOnly(List.of());

    @Test
    void nonPublicLiteralsAreRefused() {
        for (String h : List.of("127.0.0.1", "127.1.2.3", "localhost", "api.localhost", "[::1]", "::1", "10.1.1.1",
                "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "[fe80::1]",
                "[fd12::1]", "[::ffff:10.0.0.1]", "198.18.0.1", "240.0.0.1", "[2001:db8::1]")) {
            assertNotNull(PROD.refusal(h), h);
        }
    }

    @Test
    void publicAddressesAndNamesPass() {
        for (String h : List.of("8.8.8.8", "203.0.114.1", "[2606:4700::1111]", "notify.utility.example")) {
            assertNull(PROD.refusal(h), h);
        }
    }

    @Test
    void allowlistNamesBlocksAndHosts() throws Exception {
        NotificationTargets t = NotificationTargets.publicOnly(List.of("10.20.0.0/16", "ems.lan", "fd00::/8"));
        assertNull(t.refusal("10.20.3.4"));
        assertNotNull(t.refusal("10.21.0.1"));
        assertNull(t.refusal("[fd00::5]"));
        assertTrue(t.allowedAddress("ems.lan", InetAddress.getByName("192.168.7.7")));
        assertFalse(t.allowedAddress("other.lan", InetAddress.getByName("192.168.7.7")));
        assertThrows(IllegalArgumentException.class, () -> NotificationTargets.publicOnly(List.of("10.0.0.0/33")));
        assertThrows(IllegalArgumentException.class, () -> NotificationTargets.publicOnly(List.of("bad host!")));
    }

    /** A public-looking name that resolves to loopback at delivery time gets no connection (DNS rebinding). */
    @Test
    void resolverDropsAddressesTheRuleRefuses() throws Exception {
        SocketAddressResolver rebinding = (host, port, ctx, promise) -> promise.succeeded(List.of(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        CompletableFuture<List<InetSocketAddress>> got = new CompletableFuture<>();
        new TargetFilteringResolver(rebinding, PROD).resolve("rebind.example", 443, Map.of(), Promise.from(got));
        ExecutionException e = assertThrows(ExecutionException.class, () -> got.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("rebind.example"), e.getCause().getMessage());

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress pub = InetAddress.getByName("8.8.4.4");
        SocketAddressResolver mixed = (host, port, ctx, promise) -> promise.succeeded(List.of(
                new InetSocketAddress(loopback, port), new InetSocketAddress(pub, port)));
        CompletableFuture<List<InetSocketAddress>> kept = new CompletableFuture<>();
        new TargetFilteringResolver(mixed, PROD).resolve("mixed.example", 443, Map.of(), Promise.from(kept));
        assertEquals(List.of(new InetSocketAddress(InetAddress.getByName("8.8.4.4"), 443)), kept.get(5, TimeUnit.SECONDS));
    }
}
