package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.junit.jupiter.api.Test;

/**
 * Issue #13 part C item 3 ("one assembly"): {@link VtnServer} composes the OpenADR 2.0b listener, the IEEE 2030.5
 * listener (its own TLS profile, CCM_8) and the admin API as connectors of ONE Jetty server with one lifecycle;
 * requests are served only by the listener they arrive on; a port that cannot be bound stops everything and names
 * the listener.
 */
class OneAssemblyIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String TOKEN = "assembly-token-0123456789abcdef";

    private static VtnConfig.Builder config(int sepPort, int adminPort) {
        return VtnConfig.builder().oadrHost("127.0.0.1").oadrPort(0)
                .inMemory("assembly" + UUID.randomUUID().toString().replace("-", ""))
                .tls(PKI.oadrServerConfig().build())
                .admin(AdminConfig.builder().port(adminPort).token(TOKEN).build())
                .sep(SepConfig.builder().tls(PKI.sepServerConfig().build()).codec(SepFixture.CODEC)
                        .host("127.0.0.1").port(sepPort).build());
    }

    /**
     * One start serves all three listeners; the 2030.5 resources answer only on the 2030.5 connector (IEEE 2030.5-2018
     * §6.11 TLS profile there, the OpenADR profile on the other), and one close stops every port.
     */
    @Test
    void oneServerServesEachListenerOnItsOwnConnector() throws Exception {
        int oadr;
        int sep;
        int admin;
        try (VtnServer server = VtnServer.start(config(0, 0).build())) {
            oadr = server.oadrPort();
            sep = server.sep().orElseThrow().port();
            admin = server.adminPort().orElseThrow();
            assertNotEquals(oadr, sep);
            try (SepFixture.Client device = SepFixture.client(PKI, PKI.device(), sep)) {
                SepFixture.Reply dcap = device.get("/dcap");
                assertEquals(200, dcap.status(), dcap.text());
                assertTrue(dcap.header("content-type").startsWith("application/sep+xml"), dcap.header("content-type"));
            }
            // Jetty's own errors stay bodiless on the 2030.5 connector (as when it had its own server)
            try (SepFixture.Client device = SepFixture.client(PKI, PKI.device(), sep)) {
                SepFixture.Reply bad = device.get("/dcap/%2e%2e/%2e%2e/x");
                assertTrue(bad.status() >= 400, "status " + bad.status());
                assertEquals(0, bad.body().length, bad.text());
            }
            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + admin + "/api/v1/metrics"))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), metrics.body());
            // the admin connector does not serve 2030.5 resources, nor the 2030.5 connector admin ones
            HttpResponse<String> dcapOnAdmin = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + admin + "/dcap")).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, dcapOnAdmin.statusCode(), dcapOnAdmin.body());
            try (SepFixture.Client device = SepFixture.client(PKI, PKI.device(), sep)) {
                assertEquals(404, device.get("/api/v1/metrics").status());
            }
        }
        for (int port : List.of(oadr, sep, admin)) {
            assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close(),
                    "port " + port + " still open after close()");
        }
    }

    /**
     * A 2030.5 port that is taken: start fails naming that listener and port, and nothing of the VTN keeps running
     * (no listener threads, no notifier; the OpenADR and admin ports are closed again).
     */
    @Test
    void aPortThatCannotBeBoundStopsEverythingAndNamesTheListener() throws Exception {
        java.util.Set<Thread> before = java.util.Set.copyOf(Thread.getAllStackTraces().keySet());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> VtnServer.start(config(port, 0).build()).close());
            assertTrue(e.getMessage().contains("the IEEE 2030.5 listener on 127.0.0.1:" + port), e.getMessage());
            Instant deadline = Instant.now().plusSeconds(20);
            List<String> left = startedSince(before);
            while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll, bounded by the deadline
                left = startedSince(before);
            }
            assertEquals(List.of(), left, "threads of the failed VTN still running");
        }
    }

    /** Listener and notifier threads started since {@code before} that are still alive. */
    private static List<String> startedSince(java.util.Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && !before.contains(t))
                .map(Thread::getName).filter(n -> n.startsWith("openvtn-") || n.startsWith("sep-notify")).toList();
    }
}
