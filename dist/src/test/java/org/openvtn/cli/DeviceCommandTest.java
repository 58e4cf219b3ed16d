package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import picocli.CommandLine;

/**
 * {@code openvtn device} (issue #16 item 7): the 2030.5 device simulator against a real {@code openvtn dev} server over
 * mutual TLS with CCM_8: one device prints the change of its effective control that an event created through the
 * server's event model causes; a fleet of the dev PKI's devices runs in one process; bad flags are refused with one line.
 */
class DeviceCommandTest {

    @TempDir
    Path data;

    /**
     * Issue #16 item 7: one line per change of effective control, for one device and for a fleet (with notifications);
     * the fleet shares one TLS context ({@code SepFleetTls}; IEEE 2030.5-2018 §6.11.2: each connection still presents
     * its device's own certificate) and is closed concurrently.
     */
    @Test
    void simulatedDevicesPrintTheirEffectiveControl() throws Exception {
        DevCommand dev = new DevCommand();
        CommandLine devCl = new CommandLine(dev);
        devCl.setOut(new PrintWriter(new StringWriter()));
        devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0",
                "--sep-port", "0", "--oadr3-port", "-1", "--vens", "1");
        try (DevCommand.Running running = dev.start()) {
            Path pki = data.resolve("vtn/pki");
            Program p = running.vtn().core().programs().create("der", "http://example.com/der");
            running.vtn().core().events().create(EventSpec.builder().programId(p.id())
                    .start(Instant.now().minusSeconds(30)).targets(Targets.everyone())
                    .responseRequired(ResponseRequired.ALWAYS)
                    .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofHours(1), 4.0)))
                    // BASIC-008: a fixed power factor, under-excited, in the same DERControl
                    .signal("x-fixedPFInject", "setpoint", null, List.of(Map.entry(Duration.ofHours(1), -0.95))).build());
            String url = "https://127.0.0.1:" + running.sep().port() + "/dcap";

            StringWriter out = new StringWriter();
            int exit = run(out, "device", "--server", url, "--p12", pki.resolve("devices/device-0001.p12").toString(),
                    "--ca", pki.resolve("serca.crt").toString(), "--state", data.resolve("state").toString(),
                    "--stop-after-changes", "1", "--duration", "PT60S", "--telemetry", "PT1S", "--storage");
            assertEquals(0, exit, out.toString());
            assertTrue(out.toString().matches("(?s).*device-0001 started: LFDI \\p{XDigit}{40}, SFDI \\d+, EndDevice /\\S+, polling.*"),
                    out.toString());
            assertTrue(out.toString().matches("(?s).*device-0001 effective: opModFixedPFInjectW=-950e-3 \\(/\\S+\\)"
                    + " opModTargetW=\\d+(e-?\\d+)? \\(/\\S+\\).*"), out.toString());
            // the simulated DER acts on both (SimulatedDer): its output follows opModTargetW, not the PV it has
            // available, and absorbs vars at the under-excited power factor: 4000 W x tan(acos 0.95) = 1315 var
            assertTrue(out.toString().contains("device-0001 applies: 4000 W, -1315 var (opModTargetW, PF -0.950)"),
                    out.toString());

            StringWriter ctl = new StringWriter();
            exit = run(ctl, "device", "--server", url, "--p12", pki.resolve("devices/device-0001.p12").toString(),
                    "--ca", pki.resolve("serca.crt").toString(), "--state", data.resolve("ctl-state").toString(),
                    "--control-port", "0", "--stop-after-changes", "1", "--duration", "PT60S");
            assertEquals(0, exit, ctl.toString());
            assertTrue(ctl.toString().contains("automation interface on http://127.0.0.1:"), ctl.toString());
            assertRefused("--control-host 0.0.0.0 is not a loopback address", "device", "--server", url, "--p12",
                    pki.resolve("devices/device-0001.p12").toString(), "--ca", pki.resolve("serca.crt").toString(),
                    "--state", data.resolve("ctl-state").toString(), "--control-port", "0", "--control-host", "0.0.0.0");
            assertRefused("--control-port drives one device", "device", "--server", url, "--fleet", "2", "--pki",
                    pki.toString(), "--state", data.resolve("ctl-state").toString(), "--control-port", "0");

            StringWriter fleetOut = new StringWriter();
            exit = run(fleetOut, "device", "--server", url, "--fleet", "2", "--pki", pki.toString(),
                    "--state", data.resolve("fleet-state").toString(), "--notify-listen", "127.0.0.1:0",
                    "--stop-after-changes", "2", "--duration", "PT60S");
            assertEquals(0, exit, fleetOut.toString());
            assertTrue(fleetOut.toString().contains("device-0002 effective: opModFixedPFInjectW=-950e-3"), fleetOut.toString());
            assertTrue(fleetOut.toString().contains("subscribed (notifications on port"), fleetOut.toString());
            // one TLS context for the fleet (SepFleetTls), each device presenting its own certificate: both registered
            // (their own LFDIs above prove the server saw each device's certificate); the fleet closed concurrently
            assertTrue(fleetOut.toString().contains("fleet: 2 devices on one shared TLS context (2 identities)"),
                    fleetOut.toString());
            assertTrue(fleetOut.toString().matches("(?s).*closed 2 devices in \\d+ ms.*"), fleetOut.toString());
            assertTrue(fleetOut.toString().contains("devices 2, started 2, effective-control changes 2, start failures 0 (final)"),
                    fleetOut.toString());
        }
    }

    /** Issue #16 item 7: bounded, clear one-line errors (exit code 2, the flag named), before anything starts. */
    @Test
    void badFlagsAreRefusedWithOneLine() throws java.io.IOException {
        String url = "https://127.0.0.1:1/dcap";
        String p12 = java.nio.file.Files.writeString(data.resolve("x.p12"), "x").toString(); // the files exist: the
        String ca = java.nio.file.Files.writeString(data.resolve("y.crt"), "y").toString(); // flag checks come first
        assertRefused("--ca is required", "device", "--server", url, "--p12", p12);
        assertRefused("--fleet needs --pki DIR", "device", "--server", url, "--fleet", "2");
        assertRefused("--notify-listen must be HOST:PORT", "device", "--server", url, "--notify-listen", "8444");
        assertRefused("has no devices/ directory", "device", "--server", url, "--fleet", "3", "--pki", data.toString());
        assertRefused("server must be https://", "device", "--server", "http://127.0.0.1/dcap", "--fleet", "0",
                "--p12", p12, "--ca", ca);
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
