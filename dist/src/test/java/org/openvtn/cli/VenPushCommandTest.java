package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code openvtn ven --push-listen HOST:PORT [--push-url URL]} (issue #14, VEN side): a push VEN of the simulator
 * registers with a real {@code openvtn dev} server over mutual TLS and reports its push address; bad flags are refused
 * with one line naming the flag, before anything is started.
 */
class VenPushCommandTest {

    @TempDir
    Path data;

    /** Issue #14: the simulator registers as a push VEN (oadrTransportAddress = its listener) instead of polling. */
    @Test
    void aPushVenRegistersWithItsListenerAddress() throws Exception {
        DevCommand dev = new DevCommand();
        CommandLine devCl = new CommandLine(dev);
        devCl.setOut(new PrintWriter(new StringWriter()));
        devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0",
                "--sep-port", "0", "--oadr3-port", "-1", "--vens", "2");
        try (DevCommand.Running running = dev.start()) {
            Path pki = data.resolve("vtn/pki");
            StringWriter out = new StringWriter();
            int exit = run(out, "ven", "--vtn", running.vtn().oadrBaseUri().toString(),
                    "--p12", pki.resolve("ven/ven-ecc-0001.p12").toString(), "--ca", pki.resolve("ca.crt").toString(),
                    "--state", data.resolve("state").toString(), "--push-listen", "127.0.0.1:0", "--duration", "PT6S");
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().matches("(?s).*registered as venID \\S+ .*push to https://127\\.0\\.0\\.1:\\d+\\).*"),
                    out.toString());

            StringWriter fleetOut = new StringWriter();
            exit = run(fleetOut, "ven", "--vtn", running.vtn().oadrBaseUri().toString(), "--fleet", "2", "--pki",
                    pki.toString(), "--state", data.resolve("fleet-state").toString(),
                    "--push-listen", "127.0.0.1:0", "--duration", "PT6S");
            assertEquals(0, exit, fleetOut.toString());
            assertTrue(fleetOut.toString().contains("vens 2, registered 2, events seen 0, errors 0 (final)"),
                    fleetOut.toString());
            // ven-ecc-0001 (the single VEN above and fleet VEN 0) and ven-ecc-0002: both registered as push VENs
            assertEquals(2, running.vtn().core().registrations().list().stream()
                    .filter(r -> r.pushes() && r.oadr().transportAddress().startsWith("https://127.0.0.1:")).count());
        }
    }

    /** Issue #14: bounded, clear one-line errors for bad push flags (exit code 2, the flag named). */
    @Test
    void badPushFlagsAreRefusedWithOneLine() {
        String vtn = "https://127.0.0.1:1/OpenADR2/Simple/2.0b";
        assertRefused("--push-listen must be HOST:PORT", "ven", "--vtn", vtn, "--push-listen", "8444");
        assertRefused("--push-listen port must be 0..65535, was 70000", "ven", "--vtn", vtn,
                "--push-listen", "127.0.0.1:70000");
        assertRefused("--push-url needs --push-listen", "ven", "--vtn", vtn, "--push-url", "https://ven.example:8444");
        assertRefused("binds every interface: give --push-url", "ven", "--vtn", vtn, "--push-listen", "0.0.0.0:8444");
        assertRefused("--push-url must be https://", "ven", "--vtn", vtn, "--push-listen", "127.0.0.1:8444",
                "--push-url", "http://ven.example:8444");
        assertRefused("ports 65530..65539 exceed 65535", "ven", "--vtn", vtn, "--fleet", "10", "--pki",
                data.toString(), "--push-listen", "127.0.0.1:65530");
        assertRefused("with --fleet, --push-url must name a port", "ven", "--vtn", vtn, "--fleet", "2", "--pki",
                data.toString(), "--push-listen", "127.0.0.1:0", "--push-url", "https://ven.example:9000");
        assertRefused("at most 10000 VENs", "ven", "--vtn", vtn, "--fleet", "10001", "--pki",
                data.toString(), "--push-listen", "127.0.0.1:1000");
    }

    /** Issue #14: the fleet's advertised addresses follow the base port, one per VEN. */
    @Test
    void fleetPortsAndUrlsCountUpFromTheBase() {
        PushFlags f = PushFlags.parse(new CommandLine(new VenCommand()), "0.0.0.0:9000",
                "https://gw.example:19000/ven", 3);
        assertEquals(9000, f.listenPort(0));
        assertEquals(9002, f.listenPort(2));
        assertEquals("https://gw.example:19000/ven", f.advertised(0));
        assertEquals("https://gw.example:19002/ven", f.advertised(2));
        PushFlags any = PushFlags.parse(new CommandLine(new VenCommand()), "127.0.0.1:0", null, 3);
        assertEquals(0, any.listenPort(2));
        assertEquals(null, any.advertised(2));
    }

    private void assertRefused(String expected, String... args) {
        CommandLine cl = OpenVtn.commandLine();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        assertEquals(2, exit, err.toString());
        String first = err.toString().lines().findFirst().orElse("");
        assertTrue(first.contains(expected), "expected '" + expected + "' in: " + first);
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }
}
