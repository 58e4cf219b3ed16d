package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code openvtn xml validate|roundtrip} as a lab uses it on captured traffic: one line per file, exit 0 only
 * when all are valid (or similar after the round trip).
 */
class XmlCommandTest {

    private static Path vectors() {
        return Path.of(System.getProperty("openvtn.vectors", "../shared/vectors"));
    }

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter sw = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(sw));
        int exit = cl.execute(args);
        return new Run(exit, sw.toString());
    }

    private static List<String> files(String sub) throws Exception {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(vectors().resolve(sub))) {
            s.sorted().forEach(p -> out.add(p.toString()));
        }
        return out;
    }

    @Test
    void validVectorsAreReportedValid() throws Exception {
        List<String> args = new ArrayList<>(List.of("xml", "validate"));
        args.addAll(files("openadr-2.0b/valid"));
        args.addAll(files("ieee-2030.5/valid"));
        args.addAll(files("csip-aus-1.3/valid"));
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out());
        long lines = r.out().lines().count();
        assertEquals(args.size() - 2, lines, r.out());
        assertTrue(r.out().lines().allMatch(l -> l.contains(": VALID (")), r.out());
        assertTrue(r.out().contains("VALID (CSIP-AUS 1.3)"), r.out());
        assertTrue(r.out().contains("VALID (IEEE 2030.5-2018)"), r.out());
        assertTrue(r.out().contains("VALID (OpenADR 2.0b)"), r.out());
    }

    @Test
    void anInvalidFileFailsTheRunAndNamesTheReason() throws Exception {
        String good = files("ieee-2030.5/valid").get(0);
        String bad = files("ieee-2030.5/invalid").get(0);
        Run r = run("xml", "validate", good, bad);
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains(bad + ": INVALID line "), r.out());
        assertTrue(r.out().contains(good + ": VALID"), r.out());
    }

    @Test
    void roundTripReportsSimilar() throws Exception {
        List<String> args = new ArrayList<>(List.of("xml", "roundtrip"));
        args.addAll(files("openadr-2.0b/valid").subList(0, 5));
        args.addAll(files("ieee-2030.5/valid").subList(0, 5));
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().lines().allMatch(l -> l.contains(": SIMILAR (")), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] args : new String[][] {{"--help"}, {"xml", "--help"}, {"xml", "validate", "--help"},
                {"xml", "roundtrip", "--help"}}) {
            Run r = run(args);
            assertEquals(0, r.exit(), String.join(" ", args));
            assertTrue(r.out().startsWith("Usage: openvtn"), r.out());
        }
    }

    /** Issue #13: a file that does not exist is a command-line mistake (exit 2, one line), not a crash. */
    @Test
    void aMissingFileIsAUsageErrorNotACrash() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("xml", "validate", "/nonexistent/file.xml"));
        assertEquals("openvtn xml validate: FILE /nonexistent/file.xml: file not found", err.toString().strip());
        assertEquals("", out.toString());
    }
}
