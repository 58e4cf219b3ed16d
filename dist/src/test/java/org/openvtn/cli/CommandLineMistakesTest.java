package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #13, "one way the command line fails": every user mistake on every command (missing or unreadable file,
 * bad port, URL, duration, number, enum value, conflicting flags) is ONE line on stderr naming the flag and the
 * problem, exit status 2, nothing printed on stdout, and no file created (checked before any side effect); the
 * stack trace appears only with {@code --verbose}. Runs the real {@link OpenVtn#commandLine()} in process.
 */
class CommandLineMistakesTest {

    @TempDir
    Path dir;

    /** An existing file that is not what the flag needs (not a certificate, not a key). */
    private Path junk;

    @BeforeEach
    void junkFile() throws IOException {
        junk = Files.writeString(dir.resolve("junk.txt"), "not a certificate\n");
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private List<Path> filesUnder() throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !p.equals(dir) && !p.equals(junk)).forEach(all::add);
        }
        return all;
    }

    /** Runs a mistake; asserts one stderr line starting with {@code prefix} and containing {@code expected}. */
    private void refused(String prefix, String expected, String... args) throws IOException {
        Run r = run(args);
        String what = String.join(" ", args) + "\nstdout: " + r.out() + "\nstderr: " + r.err();
        assertEquals(2, r.exit(), what);
        assertEquals(1, r.err().lines().count(), what);
        String line = r.err().strip();
        assertTrue(line.startsWith(prefix + ": "), what);
        assertTrue(line.contains(expected), what);
        assertFalse(line.contains("Exception") || line.contains("\tat "), what);
        assertEquals("", r.out(), what);
        assertEquals(List.of(), filesUnder(), "no file may be written: " + what);
    }

    private String in(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void devRefusesBadPortsBeforeWritingAPki() throws IOException {
        String data = in("data");
        refused("openvtn dev", "--oadr-port 99999: port must be 0..65535", "dev", "--data", data, "--oadr-port", "99999");
        refused("openvtn dev", "--admin-port -1: port must be 0..65535", "dev", "--data", data, "--admin-port", "-1");
        refused("openvtn dev", "--sep-port 70000: port must be 0..65535 (0 = any free port) or -1 (off)",
                "dev", "--data", data, "--sep-port", "70000");
        refused("openvtn dev", "--oadr-port eighty: not a whole number", "dev", "--data", data, "--oadr-port", "eighty");
        refused("openvtn dev", "--admin-port 9000: port already given to another listener",
                "dev", "--data", data, "--oadr-port", "9000", "--admin-port", "9000");
        refused("openvtn dev", "--vens 0: must be 1 or more", "dev", "--data", data, "--vens", "0");
        refused("openvtn dev", "--data " + junk + ": exists and is not a directory", "dev", "--data", junk.toString());
        refused("openvtn dev", "Unknown options: '--oadr-prot'", "dev", "--data", data, "--oadr-prot", "1");
    }

    @Test
    void venRefusesMissingFilesBadUrlsDurationsAndConflicts() throws IOException {
        String vtn = "https://127.0.0.1:1/OpenADR2/Simple/2.0b";
        String state = in("state");
        String missing = in("missing.key");
        refused("openvtn ven", "--key " + missing + ": file not found", "ven", "--vtn", vtn, "--state", state,
                "--cert", junk.toString(), "--key", missing, "--ca", junk.toString());
        refused("openvtn ven", "--ca " + dir + ": not a regular file", "ven", "--vtn", vtn, "--state", state,
                "--p12", junk.toString(), "--ca", dir.toString());
        refused("openvtn ven", "--vtn localhost:8443: not an http(s) URL", "ven", "--vtn", "localhost:8443",
                "--state", state, "--p12", junk.toString(), "--ca", junk.toString());
        refused("openvtn ven", "--vtn https://a b: not a URL", "ven", "--vtn", "https://a b", "--state", state);
        refused("openvtn ven", "--duration 10s: not an ISO-8601 duration", "ven", "--vtn", vtn, "--state", state,
                "--duration", "10s");
        refused("openvtn ven", "--duration PT0S: must be longer than zero", "ven", "--vtn", vtn, "--state", state,
                "--duration", "PT0S");
        refused("openvtn ven", "--fleet -3: must be 0 or more", "ven", "--vtn", vtn, "--fleet", "-3");
        refused("openvtn ven", "--pki " + in("nopki") + ": directory not found", "ven", "--vtn", vtn, "--fleet", "2",
                "--pki", in("nopki"));
        refused("openvtn ven", "--cert conflicts with --fleet", "ven", "--vtn", vtn, "--state", state, "--fleet", "2",
                "--pki", dir.toString(), "--cert", junk.toString());
        refused("openvtn ven", "--p12 conflicts with --cert", "ven", "--vtn", vtn, "--state", state,
                "--p12", junk.toString(), "--cert", junk.toString(), "--key", junk.toString(), "--ca", junk.toString());
        refused("openvtn ven", "--push-listen port must be 0..65535", "ven", "--vtn", vtn, "--state", state,
                "--p12", junk.toString(), "--ca", junk.toString(), "--push-listen", "127.0.0.1:99999");
        refused("openvtn ven", "--pki " + dir + ": no ven/ directory", "ven", "--vtn", vtn, "--state", state,
                "--fleet", "2", "--pki", dir.toString());
        refused("openvtn ven", "--vtn URL is required", "ven", "--state", state);
        // OpenADR 3.1 VEN (issue #20)
        String url = "https://127.0.0.1:1/openadr3/3.1.0";
        refused("openvtn ven", "--oadr3 needs --client-id ID", "ven", "--oadr3", "--state", state, "--url", url);
        refused("openvtn ven", "--url needs --oadr3", "ven", "--vtn", vtn, "--state", state, "--url", url);
        refused("openvtn ven", "--url localhost:8445: not an http(s) URL", "ven", "--oadr3", "--state", state,
                "--url", "localhost:8445");
        refused("openvtn ven", "--ca: cannot read certificates from " + junk, "ven", "--oadr3", "--state", state,
                "--url", url, "--client-id", "c", "--client-secret-file", junk.toString(), "--ca", junk.toString());
        refused("openvtn ven", "--client-secret-file " + in("nosecret") + ": file not found", "ven", "--oadr3",
                "--state", state, "--url", url, "--client-id", "c", "--client-secret-file", in("nosecret"));
    }

    /** {@code openvtn device} (IEEE 2030.5 device client) and the VEN's automation port: the same one-line refusals. */
    @Test
    void deviceAndVenControlRefuseMistakes() throws IOException {
        String dcap = "https://127.0.0.1:1/dcap";
        String state = in("state");
        String missing = in("missing.key");
        refused("openvtn device", "--key " + missing + ": file not found", "device", "--server", dcap, "--state", state,
                "--cert", junk.toString(), "--key", missing, "--ca", junk.toString());
        refused("openvtn device", "--ca " + dir + ": not a regular file", "device", "--server", dcap, "--state", state,
                "--p12", junk.toString(), "--ca", dir.toString());
        refused("openvtn device", "--server localhost:8444: not an http(s) URL", "device", "--server", "localhost:8444",
                "--state", state);
        refused("openvtn device", "--duration 10s: not an ISO-8601 duration", "device", "--server", dcap,
                "--state", state, "--duration", "10s");
        refused("openvtn device", "--telemetry PT0S: must be longer than zero", "device", "--server", dcap,
                "--state", state, "--telemetry", "PT0S");
        refused("openvtn device", "--fleet -1: must be 0 or more", "device", "--server", dcap, "--fleet", "-1");
        refused("openvtn device", "--pki " + in("nopki") + ": directory not found", "device", "--server", dcap,
                "--fleet", "2", "--pki", in("nopki"));
        refused("openvtn device", "--state " + junk + ": exists and is not a directory", "device", "--server", dcap,
                "--state", junk.toString());
        refused("openvtn device", "--notify-listen must be HOST:PORT with PORT 0..65535", "device", "--server", dcap,
                "--state", state, "--p12", junk.toString(), "--ca", junk.toString(), "--notify-listen", "h:99999");
        refused("openvtn ven", "--control-port 70000: port must be 0..65535", "ven", "--vtn",
                "https://127.0.0.1:1/OpenADR2/Simple/2.0b", "--state", state, "--control-port", "70000");
    }

    @Test
    void pkiRefusesMissingAndWrongFiles() throws IOException {
        refused("openvtn pki show", "CERT " + in("missing.crt") + ": file not found", "pki", "show", in("missing.crt"));
        refused("openvtn pki show", "CERT " + junk + ": no certificate found", "pki", "show", junk.toString());
        refused("openvtn pki init", "--ven -1: must be 0 or more", "pki", "init", "--dir", in("pki"), "--ven", "-1");
        refused("openvtn pki init", "--devices x: not a whole number", "pki", "init", "--dir", in("pki"), "--devices", "x");
        refused("openvtn pki init", "--dir " + junk + ": exists and is not a directory", "pki", "init", "--dir", junk.toString());
    }

    @Test
    void serveXmlConformanceAndBenchRefuseMistakes() throws IOException {
        refused("openvtn serve", "--config " + in("vtn.yaml") + ": file not found", "serve", "--config", in("vtn.yaml"));
        refused("openvtn xml validate", "FILE " + in("a.xml") + ": file not found", "xml", "validate", in("a.xml"));
        refused("openvtn xml roundtrip", "--max-bytes 0: must be 1 or more", "xml", "roundtrip", "--max-bytes", "0",
                junk.toString());
        refused("openvtn conformance run", "--config " + in("t.yaml") + ": file not found", "conformance", "run",
                "--suite", "oadr20b-vtn-pull", "--config", in("t.yaml"));
        refused("openvtn conformance run", "--target ftp://h: not an http(s) URL", "conformance", "run",
                "--suite", "oadr20b-vtn-pull", "--target", "ftp://h");
        refused("openvtn conformance run", "--patience soon: not a duration", "conformance", "run",
                "--suite", "oadr20b-vtn-pull", "--target", "https://h", "--patience", "soon");
        refused("openvtn conformance run", "--report " + junk + ": exists and is not a directory", "conformance", "run",
                "--suite", "oadr20b-vtn-pull", "--target", "https://h", "--report", junk.toString());
        refused("openvtn conformance run", "--admin-token conflicts with --admin-token-file", "conformance", "run",
                "--suite", "oadr20b-vtn-pull", "--target", "https://h", "--admin-token", "t",
                "--admin-token-file", junk.toString());
        refused("openvtn conformance run", "no suite named 'nope'", "conformance", "run", "--suite", "nope",
                "--target", "https://h");
        refused("openvtn bench poll", "--interval 10: not an ISO-8601 duration", "bench", "poll",
                "--vtn", "https://127.0.0.1:1", "--pki", dir.toString(), "--interval", "10");
        refused("openvtn bench poll", "--vtn 127.0.0.1:1: not a URL", "bench", "poll",
                "--vtn", "127.0.0.1:1", "--pki", dir.toString());
        refused("openvtn", "Unknown option: '--nope'", "--nope");
        refused("openvtn", "Unmatched argument at index 0: 'serv'", "serv");
    }

    /** Without --verbose one line, with --verbose the same line and then the stack trace. */
    @Test
    void verbosePrintsTheStackTrace() throws IOException {
        Run quiet = run("pki", "show", in("missing.crt"));
        Run verbose = run("pki", "show", "--verbose", in("missing.crt"));
        assertEquals(2, verbose.exit(), verbose.err());
        assertEquals(quiet.err().strip(), verbose.err().lines().findFirst().orElseThrow());
        assertTrue(verbose.err().contains("\tat picocli."), verbose.err());
        Run global = run("--verbose", "pki", "show", in("missing.crt"));
        assertEquals(2, global.exit(), global.err());
        assertTrue(global.err().lines().count() > 1, global.err());
    }

    @Test
    void everyCommandDocumentsVerbose() {
        for (String[] args : new String[][] {{"--help"}, {"dev", "--help"}, {"ven", "--help"}, {"pki", "show", "--help"},
                {"conformance", "run", "--help"}, {"bench", "poll", "--help"}, {"serve", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().contains("--verbose"), r.out());
        }
    }
}
