package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * The shared fixture of the {@code openvtn bench} smoke tests: a real {@code openvtn dev} (mutual TLS, Derby, admin
 * API, one VEN) on port 0 in a folder of the test's, and a way to run a command line against it.
 */
final class BenchDev {
    private BenchDev() {
    }

    /**
     * Starts {@code openvtn dev} with its data in {@code data/vtn} (its PKI in {@code data/vtn/pki}).
     *
     * @param oadr3 also start the OpenADR 3.1 listener (port 0); else it stays off
     */
    static DevCommand.Running start(Path data, boolean oadr3) throws Exception {
        DevCommand dev = new DevCommand();
        CommandLine devCl = new CommandLine(dev);
        devCl.setOut(new PrintWriter(new StringWriter()));
        devCl.parseArgs("--data", data.resolve("vtn").toString(), "--oadr-port", "0", "--admin-port", "0",
                "--sep-port", "0", "--oadr3-port", oadr3 ? "0" : "-1", "--vens", "1");
        return dev.start();
    }

    /** Runs {@code openvtn args...}, asserts its exit code and returns what it printed (out and err). */
    static String run(int expectedExit, String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int exit = cl.execute(args);
        assertEquals(expectedExit, exit, out.toString());
        return out.toString();
    }
}
