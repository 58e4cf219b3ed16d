package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.cli.BenchDev.run;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs of the OpenADR 3.1 benchmarks (issue #20, "Benchmark") with tiny parameters against a real
 * {@code openvtn dev} (its 3.1 listener over TLS, built-in OAuth2 tokens, Derby, admin API), so they cannot rot.
 * They check that each command works and reports its figures, never how fast anything is.
 */
class BenchOadr3CommandTest {
    @TempDir
    static Path data;
    static DevCommand.Running running;
    static String vtn;
    static String admin;
    static Path pki;
    static Path tokens;

    @BeforeAll
    static void startDev() throws Exception {
        running = BenchDev.start(data, true);
        vtn = running.vtn().oadr3().orElseThrow().baseUri();
        admin = running.vtn().adminBaseUri().orElseThrow();
        pki = data.resolve("vtn/pki");
        tokens = data.resolve("vtn/oadr3-dev-tokens.properties");
    }

    @AfterAll
    static void stopDev() {
        running.close();
    }

    /**
     * 3.1 Definition "Webhooks": each VEN client's subscription passes the echo challenge of the bench's listener,
     * and the one event for all reaches every callback exactly once with the subscription's bearer token.
     */
    @Test
    void webhooksNotifyEveryVenOnce() {
        String out = run(0, "bench", "oadr3-webhooks", "--vtn", vtn, "--pki", pki.toString(), "--bl-token-file",
                tokens.toString(), "--admin", admin, "--vens", "3", "--workers", "2", "--timeout", "PT2M");
        assertTrue(out.contains("3 echo challenges answered"), out);
        assertTrue(out.contains("notified 3 of 3 VENs"), out);
        assertTrue(out.contains("missing 0, duplicated 0, rejected (wrong bearer token) 0"), out);
        assertTrue(out.matches("(?s).*per delivery .*p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms.*"), out);
        assertTrue(out.matches("(?s).*server CPU per notification: [0-9.]+ ms .*admin /metrics.*"), out);
        assertTrue(out.contains("cleanup: deleted 3 subscriptions, VENs and clients and the event"), out);
    }

    /** searchAllEvents as a VEN client at saturation, after a BL client created events for all. */
    @Test
    void getEventsAtSaturation() {
        String out = run(0, "bench", "oadr3-get", "--vtn", vtn, "--pki", pki.toString(), "--ven-token-file",
                tokens.toString(), "--bl-token-file", tokens.toString(), "--events", "2", "--admin", admin,
                "--connections", "2", "--duration", "PT1S", "--warmup", "PT0.2S");
        assertTrue(out.matches("(?s).*answer [0-9]+ bytes, ([2-9]|[1-9][0-9]+) objects.*"), out);
        assertTrue(out.contains("errors 0"), out);
        assertTrue(out.matches("(?s).*latency p50 [0-9.]+ p90 [0-9.]+ p99 [0-9.]+ max [0-9.]+ ms.*"), out);
        assertTrue(out.matches("(?s).*server CPU per request: [0-9.]+ ms .*admin /metrics.*"), out);
    }

    @Test
    void nonLoopbackTargetsAreRefused() {
        String out = run(2, "bench", "oadr3-get", "--vtn", "https://192.0.2.1:8445/openadr3/3.1.0", "--pki",
                pki.toString(), "--ven-token-file", tokens.toString());
        assertTrue(out.contains("not a loopback address"), out);
        out = run(2, "bench", "oadr3-webhooks", "--vtn", vtn, "--pki", pki.toString(), "--bl-token-file",
                tokens.toString(), "--admin", admin, "--vens", "20001");
        assertTrue(out.contains("--vens must be between 1 and 20000"), out);
    }
}
