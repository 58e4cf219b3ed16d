package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.cli.BenchDev.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of every {@code openvtn bench} command with tiny parameters against a real {@code openvtn dev}
 * (mutual TLS, Derby, admin API) so the benchmarks cannot rot (issue 8). They check that each command works and
 * reports its figures, never how fast anything is.
 */
class BenchCommandTest {
    @TempDir
    static Path data;
    static DevCommand.Running running;
    static String vtn;
    static String sep;
    static String admin;
    static Path pki;

    @BeforeAll
    static void startDev() throws Exception {
        running = BenchDev.start(data, false);
        vtn = running.vtn().oadrBaseUri().toString();
        sep = "https://127.0.0.1:" + running.sep().port();
        admin = running.vtn().adminBaseUri().orElseThrow();
        pki = data.resolve("vtn/pki");
    }

    @AfterAll
    static void stopDev() {
        running.close();
    }

    @Test
    void pollReportsRateLatencyAndServerFigures() {
        String out = run(0, "bench", "poll", "--vtn", vtn, "--pki", pki.toString(), "--admin", admin,
                "--vens", "3", "--interval", "PT0.2S", "--duration", "PT1S", "--warmup", "PT0.2S", "--check-every", "1");
        assertTrue(out.contains("errors 0"), out);
        assertTrue(out.contains("(invalid 0)"), out);
        assertTrue(out.matches("(?s).*latency p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms.*"), out);
        assertTrue(out.contains("server: CPU "), out);
        assertTrue(out.matches("(?s).*server CPU per request: [0-9.]+ ms .*admin /metrics.*"), out); // issue #18
        assertTrue(out.contains("cleanup: cancelled 3 registrations"), out);
    }

    /**
     * Issue #18 (scale): polls over one connection each, the TLS session resumed (RFC 5246 §7.3), spread over two
     * generator JVMs whose figures are aggregated; the cached identities are reused by the second process.
     */
    @Test
    void pollPerConnectionOverTwoProcessesCountsResumedHandshakes() {
        String out = run(0, "bench", "poll", "--vtn", vtn, "--pki", pki.toString(), "--admin", admin,
                "--vens", "4", "--interval", "PT0.2S", "--duration", "PT2S", "--warmup", "PT0.4S", "--check-every", "1",
                "--connections", "per-poll", "--processes", "2");
        assertTrue(out.contains("errors 0"), out);
        assertTrue(out.contains("connections per-poll, 2 generator process(es)"), out);
        assertTrue(out.matches("(?s).*TLS handshakes during the load: [0-9]+ full, [1-9][0-9]* resumed.*"), out);
        assertTrue(out.contains("[generator 1] cleanup: cancelled 2 registrations"), out);
        assertTrue(out.matches("(?s).*load generators: CPU [0-9.]+ cores in total over 2 processes.*"), out);
    }

    /**
     * Issues #18/#19: --preregister registers the fleet through the admin bulk path (each generator its share), then
     * each VEN's first poll makes its full handshake; the load and the protocol's cancellation work as after
     * oadrCreatePartyRegistration.
     */
    @Test
    void pollWithPreregisteredVensOverTwoProcesses() {
        String out = run(0, "bench", "poll", "--vtn", vtn, "--pki", pki.toString(), "--admin", admin,
                "--vens", "4", "--interval", "PT0.2S", "--duration", "PT1S", "--warmup", "PT0.2S", "--check-every", "1",
                "--processes", "2", "--preregister");
        assertTrue(out.contains("errors 0"), out);
        assertTrue(out.contains("admin POST /vens/preregister"), out);
        assertTrue(out.contains("[generator 1] cleanup: cancelled 2 registrations"), out);
        out = run(2, "bench", "poll", "--vtn", vtn, "--pki", pki.toString(), "--vens", "1", "--preregister");
        assertTrue(out.contains("--preregister needs --admin"), out);
    }

    @Test
    void fanoutSeesTheEventAtEveryVen() {
        String out = run(0, "bench", "fanout", "--vtn", vtn, "--pki", pki.toString(), "--admin", admin,
                "--vens", "3", "--interval", "PT0.5S", "--timeout", "PT60S");
        assertTrue(out.contains("received by 3 of 3 VENs"), out);
        assertTrue(out.contains("queued for every registered VEN (targets all) when the admin call returned: "), out);
    }

    /**
     * Issue #16 (device benchmark): device clients with their own CSIP certificates self-register against the dev
     * 2030.5 listener (IEEE 2030.5-2018 §8.2) and subscribe through one shared listener (§5.6); the DERControl made
     * from one admin event for all becomes every device's effective opModTargetW.
     */
    @Test
    void devicesAllGetTheControlByNotification() {
        String out = run(0, "bench", "devices", "--sep", sep, "--pki", pki.toString(), "--admin", admin,
                "--devices", "3", "--workers", "2", "--timeout", "PT2M");
        assertTrue(out.contains("3 subscribed through one listener"), out);
        assertTrue(out.matches("(?s).*3 of 3 started devices have opModTargetW=[0-9]+ W as their effective control.*"), out);
        // in this JVM the dev server's own allocations move the heap too: the figure is only meaningful in a bench
        // process of its own (BENCHMARKS.md §8), so only its presence is checked here
        assertTrue(out.matches("(?s).*heap per device: -?[0-9.]+ KB.*"), out);
        assertTrue(out.contains("server CPU per notification: "), out);
    }

    /**
     * Issue #14 (push benchmark): push VENs with their own listeners register with oadrHttpPullModel=false, the
     * VTN pushes the event and records every reachable VEN's synchronous oadrCreatedEvent; of four VENs at 50 %
     * unreachable one refuses the connection and one is a black hole, and neither keeps the command from finishing.
     */
    @Test
    void pushRecordsEveryReachableVensAnswer() {
        String out = run(0, "bench", "push", "--vtn", vtn, "--pki", pki.toString(), "--admin", admin,
                "--vens", "4", "--unreachable", "50", "--timeout", "PT2M");
        assertTrue(out.contains("2 reachable, 1 refusing, 1 black holes"), out);
        assertTrue(out.contains("recorded the oadrCreatedEvent of 2 of 2 reachable VENs"), out);
        assertTrue(out.matches("(?s).*per-delivery delay .*p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms.*"), out);
        assertTrue(out.contains("cleanup: cancelled 4 registrations"), out);
    }

    @Test
    void handshakeCoversTheThreeSuites() {
        String out = run(0, "bench", "handshake", "--vtn", vtn, "--sep", sep, "--pki", pki.toString(),
                "--duration", "PT1S", "--threads", "1", "--max-connections", "5");
        assertTrue(out.contains("TLS_RSA_WITH_AES_128_CBC_SHA256: "), out);
        assertTrue(out.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: "), out);
        assertTrue(out.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8: "), out);
        assertTrue(out.matches("(?s)(.*failures 0.*){3}"), out);
    }

    @Test
    void sepReadsTheDerControlList() {
        String out = run(0, "bench", "sep", "--sep", sep, "--pki", pki.toString(), "--admin", admin,
                "--clients", "2", "--duration", "PT1S", "--paths", "/dcap,derc");
        assertTrue(out.contains("/derc?s=0&l=24"), out);
        assertTrue(out.contains("errors 0"), out);
        assertTrue(out.matches("(?s).*server CPU per request: [0-9.]+ ms .*admin /metrics.*"), out); // issue #18
    }

    @Test
    void notifyDeliversEveryNotification() {
        String out = run(0, "bench", "notify", "--pki", pki.toString(), "--subscribers", "3", "--rate", "30",
                "--duration", "PT1S", "--drain", "PT60S");
        assertTrue(out.contains("dropped 0"), out);
        assertTrue(out.matches("(?s).*listener received (\\d+) of \\1 expected.*"), out);
    }

    @Test
    void footprintMeasuresHeapAndStartup() {
        String out = run(0, "bench", "footprint", "--vens", "20,40", "--data", data.resolve("footprint").toString());
        assertTrue(out.contains("footprint: 40 registered idle VENs"), out);
        assertTrue(out.contains("startup: openvtn dev first start (creates PKI + database): first accepted connection after "), out);
        assertTrue(!out.contains("none (process exited"), out);
    }

    @Test
    void nonLoopbackTargetsAndUnboundedRunsAreRefused() {
        String out = run(2, "bench", "poll", "--vtn", "https://192.0.2.1:8443/OpenADR2/Simple/2.0b", "--pki",
                pki.toString(), "--vens", "1");
        assertTrue(out.contains("not a loopback address"), out);
        out = run(2, "bench", "poll", "--vtn", vtn, "--pki", pki.toString(), "--duration", "PT2H");
        assertTrue(out.contains("--duration must be"), out);
        out = run(2, "bench", "sep", "--sep", "https://192.0.2.1:8444", "--pki", pki.toString());
        assertTrue(out.contains("not a loopback address"), out);
        // issue #18: discovery needs the VTN, which the nginx baseline is not
        out = run(2, "bench", "sep", "--sep", sep, "--pki", pki.toString(), "--static-server", "--paths", "derc");
        assertTrue(out.contains("--paths: `derc` needs discovery"), out);
    }
}
