package org.openvtn.conformance.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.openvtn.conformance.runner.RunResult;

/**
 * Writes a run's reports into a directory: {@value #JUNIT} (CI), {@value #INDEX} (JSON index with the
 * header), {@code evidence/ID.json} (per-case evidence) and {@value #HTML} (self-contained page for a lab).
 */
public final class Reports {

    public static final String JUNIT = "junit.xml";
    public static final String INDEX = "index.json";
    public static final String HTML = "report.html";
    public static final String EVIDENCE_DIR = "evidence";

    private Reports() {
    }

    /** Writes all four formats with this tool's version; returns the header written. */
    public static ReportHeader write(RunResult run, Path dir) {
        return write(run, dir, ReportHeader.currentToolVersion());
    }

    public static ReportHeader write(RunResult run, Path dir, String toolVersion) {
        ReportHeader header = ReportHeader.of(run, toolVersion);
        try {
            Files.createDirectories(dir);
            JUnitXmlReport.write(dir.resolve(JUNIT), header, run);
            JsonReport.write(dir, header, run);
            HtmlReport.write(dir.resolve(HTML), header, run);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports into " + dir + ": " + e.getMessage(), e);
        }
        return header;
    }

    /** The evidence file name of a case ID (characters outside {@code [A-Za-z0-9._-]} become {@code _}). */
    public static String fileName(String caseId) {
        String s = caseId.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.startsWith(".") ? "_" + s.substring(1) : s;
    }
}
