package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue #15 end to end through the CLI: {@code openvtn conformance run --suite oadr20b-ven-pull --config T} against
 * {@code openvtn ven --control-port} (the automation interface with a token file), both from this class path, over
 * real mutual TLS with a PKI from {@code openvtn pki init}; and the listing of both VEN suites.
 */
class VenSuiteCommandTest {

    @TempDir
    Path dir;

    @Test
    void listShowsBothVenSuites() {
        StringWriter out = new StringWriter();
        assertEquals(0, run(out, "conformance", "list", "--suite", "oadr20b-ven-pull"), out.toString());
        assertTrue(out.toString().contains("N1_0010") && out.toString().contains("A_E1_0430"), out.toString());
        out = new StringWriter();
        assertEquals(0, run(out, "conformance", "list", "--suite", "oadr20b-ven-push"), out.toString());
        assertTrue(out.toString().contains("N0_5010") && out.toString().contains("A_E0_0430"), out.toString());
    }

    @Test
    void conformanceRunCertifiesOpenvtnVen() throws Exception {
        Path pki = dir.resolve("pki");
        StringWriter pkiOut = new StringWriter();
        assertEquals(0, run(pkiOut, "pki", "init", "--dir", pki.toString(), "--ven", "1", "--ven-rsa", "0",
                "--devices", "0"), pkiOut.toString());
        Files.writeString(dir.resolve("token"), "ven-control-token-0123456789\n");
        StringWriter out = new StringWriter();
        StringWriter venOut = new StringWriter();
        int exit = -1;
        // the VEN is told the harness URL before `conformance run` binds it, so that port is chosen and released:
        // retry-on-bind with another one if something took it meanwhile; the VEN's own interface binds port 0
        for (int attempt = 0; attempt < 3 && (exit == -1 || out.toString().contains("cannot start the harness VTN"));
                attempt++) {
            int vtnPort = freePort();
            String state = "state-" + attempt;
            StringWriter ranOut = new StringWriter();
            Thread ven = new Thread(() -> run(ranOut, "ven", "--vtn", "https://localhost:" + vtnPort,
                    "--cert", pki.resolve("ven/ven-ecc-0001-chain.crt").toString(),
                    "--key", pki.resolve("ven/ven-ecc-0001.key").toString(), "--ca", pki.resolve("ca.crt").toString(),
                    "--state", dir.resolve(state).toString(), "--control-port", "0",
                    "--control-token-file", dir.resolve("token").toString(), "--duration", "PT60S"),
                    "openvtn-ven-under-test");
            ven.setDaemon(true);
            ven.start();
            java.util.regex.Matcher control = java.util.regex.Pattern.compile("automation interface on (http://\\S+)")
                    .matcher("");
            for (int i = 0; i < 100 && !control.reset(ranOut.toString()).find(); i++) {
                ven.join(100); // the VEN prints the line once its interface listens
            }
            venOut = ranOut;
            assertTrue(control.reset(ranOut.toString()).find(), ranOut.toString());
            Path target = dir.resolve("ven-pull.yaml");
            Files.writeString(target, String.join("\n",
                    "baseUrl: https://127.0.0.1:" + vtnPort,
                    "certificate: pki/vtn/vtn-ecc-chain.crt",
                    "key: pki/vtn/vtn-ecc.key",
                    "ca: pki/ca.crt",
                    "admin: {url: " + control.group(1) + ", tokenFile: token}",
                    "patience: 10s",
                    "properties: {venDriver: automation, pollFreq: PT10S}", ""));
            out = new StringWriter();
            exit = run(out, "conformance", "run", "--suite", "oadr20b-ven-pull", "--config", target.toString(),
                    "--include", "N1_0010", "--include", "E1_1020", "--include", "P1_2010", "--non-interactive",
                    "--report", dir.resolve("report").toString());
        }
        assertEquals(0, exit, out + "\n--- ven:\n" + venOut);
        assertTrue(out.toString().contains("N1_0010") && out.toString().contains("PASS"), out.toString());
        assertTrue(Files.isRegularFile(dir.resolve("report/index.json")));
        assertTrue(Files.isRegularFile(dir.resolve("report/junit.xml")));
    }

    @Test
    void aControlInterfaceOffLoopbackNeedsAToken() throws Exception {
        Path pki = dir.resolve("pki");
        assertEquals(0, run(new StringWriter(), "pki", "init", "--dir", pki.toString(), "--ven", "1", "--ven-rsa", "0",
                "--devices", "0"));
        StringWriter out = new StringWriter();
        int exit = run(out, "ven", "--vtn", "https://127.0.0.1:1", "--cert",
                pki.resolve("ven/ven-ecc-0001-chain.crt").toString(), "--key", pki.resolve("ven/ven-ecc-0001.key")
                        .toString(), "--ca", pki.resolve("ca.crt").toString(), "--state", dir.resolve("s").toString(),
                "--control-port", "0", "--control-host", "0.0.0.0");
        assertEquals(2, exit, out.toString());
        assertTrue(out.toString().contains("--control-token-file"), out.toString());
    }

    /** A port for the harness VTN, chosen and released (see the retry in {@link #conformanceRunCertifiesOpenvtnVen}). */
    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int run(StringWriter out, String... args) {
        CommandLine cl = OpenVtn.commandLine();
        PrintWriter w = new PrintWriter(out, true);
        cl.setOut(w);
        cl.setErr(w);
        return cl.execute(args);
    }
}
