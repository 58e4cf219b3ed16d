package org.openvtn.conformance.oadr20b.ven;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.ven.ReportCapability;
import org.openvtn.ven.VenClient;
import org.openvtn.ven.control.VenControlServer;

/**
 * The reference VEN as {@code openvtn ven --control-port} runs it (ven-client with the automation interface), in
 * process, pointed at the port the harness VTN will listen on, plus the target configuration for the VEN suites.
 */
final class ReferenceVen implements AutoCloseable {

    static final String TOKEN = "ven-control-token-0123456789";
    static final TestPki PKI = TestPki.shared();
    /** A request rewrite answering this drops the payload (the relay answers the VEN itself). */
    static final String SWALLOW = "(swallowed by the defective relay)";

    /** How a defective VEN differs: what it sends, what it understands of the answer. */
    record Rewrites(java.util.function.UnaryOperator<String> request, java.util.function.UnaryOperator<String> response) {
    }

    final int harnessPort;
    VenClient ven;
    VenControlServer control;

    /**
     * @param harnessPort where the harness VTN will listen
     * @param vtnUrl      where the VEN sends its payloads (a relay in front of the harness), null: the harness
     */
    ReferenceVen(int harnessPort, String vtnUrl) {
        this(harnessPort, vtnUrl, false);
    }

    /** @param push a push VEN (its own mutual-TLS listener on a free loopback port) */
    ReferenceVen(int harnessPort, String vtnUrl, boolean push) {
        this.harnessPort = harnessPort;
        // hold the harness port while this VEN binds its own listeners on ephemeral ports, so neither can be given
        // the port the harness VTN is about to listen on (seen once: "Address already in use" for every push row)
        try (ServerSocket hold = holdPort(harnessPort)) {
            build(vtnUrl, push);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ServerSocket holdPort(int port) {
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new java.net.InetSocketAddress("127.0.0.1", port));
            return s;
        } catch (IOException e) {
            return null; // taken meanwhile: the harness start will say so
        }
    }

    private void build(String vtnUrl, boolean push) {
        var f = PKI.files("ven-ecc-0001");
        var b = VenClient.builder();
        if (push) {
            b.pushListener("127.0.0.1", 0);
        }
        ven = b.vtnUrl(vtnUrl != null ? vtnUrl : "https://localhost:" + harnessPort).venName("reference-ven")
                .pem(f.chain(), f.key()).trustAnchorFile(PKI.pki().caFile())
                .reportCapabilities(ReportCapability.telemetryPower("power", Duration.ofSeconds(1), Duration.ofHours(1)),
                        ReportCapability.telemetryStatus("status", Duration.ofSeconds(1), Duration.ofHours(1)))
                .build();
        control = VenControlServer.start(ven, "127.0.0.1", 0, TOKEN);
    }

    /** The target file's content for the VEN suites: the harness listens where the VEN looks. */
    TargetConfig target(Map<String, String> properties) {
        var vtn = PKI.files("vtn-ecc");
        return new TargetConfig("https://127.0.0.1:" + harnessPort, vtn.chain(), vtn.key(), PKI.pki().caFile(), null,
                Set.of(), "http://127.0.0.1:" + control.port(), TOKEN, Duration.ofSeconds(10), properties);
    }

    /**
     * A port for the harness VTN. The VEN under test must be told the harness URL before the suite binds it, so this
     * port is chosen and released: callers run through {@link #onHarnessPort}, which retries when another process
     * took the port in between.
     */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code attempt} on a fresh {@link #freePort() harness port} and again on another one (three tries in all)
     * while the harness VTN could not bind its port: retry-on-bind, since the suite binds a port chosen earlier.
     */
    static <T> T onHarnessPort(java.util.function.IntFunction<T> attempt,
            java.util.function.Function<T, java.util.Collection<org.openvtn.conformance.runner.CaseResult>> results) {
        T last = null;
        for (int i = 0; i < 3; i++) {
            last = attempt.apply(freePort());
            if (results.apply(last).stream().noneMatch(r -> r.reason() != null
                    && r.reason().contains("cannot start the harness VTN"))) {
                return last;
            }
        }
        return last;
    }

    @Override
    public void close() {
        control.close();
        ven.close();
    }
}
