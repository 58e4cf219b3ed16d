package org.openvtn.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Suite;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.report.Reports;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.Prompters;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunListener;
import org.openvtn.conformance.runner.RunResult;
import org.openvtn.conformance.runner.Suites;
import org.openvtn.conformance.target.TargetFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code openvtn conformance}: the certification suite (issue 7). {@code list} prints the catalogue without
 * touching the network; {@code run} plays a suite against a target and writes the reports. Exit status of
 * {@code run}: 0 when no catalogue row FAILed, 1 when one did, 2 when the run could not start (bad target file,
 * unknown suite).
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Conformance suites: play a VEN or a 2030.5 client against a target and report per official test ID.",
        subcommands = {ConformanceCommand.ListCases.class, ConformanceCommand.Run.class})
final class ConformanceCommand implements Runnable {

    private final Suites suites;

    @Spec
    CommandSpec spec;

    /** The suites registered on the class path. */
    ConformanceCommand() {
        this(null);
    }

    /** A fixed set of suites (tests). */
    ConformanceCommand(Suites suites) {
        this.suites = suites;
    }

    Suites suites() {
        return suites != null ? suites : Suites.discover();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Print the catalogue without running anything: one tab-separated line per case with ID,"
                    + " official IDs, level, role, transport, required capabilities, title and spec reference;"
                    + " then the capabilities a target may declare."})
    static final class ListCases implements Callable<Integer> {

        @ParentCommand
        ConformanceCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--suite", paramLabel = "S", description = "Only this suite (default: every suite).")
        String suite;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Suite> chosen;
            try {
                chosen = suite == null ? parent.suites().all() : List.of(parent.suites().get(suite));
            } catch (IllegalArgumentException e) {
                spec.commandLine().getErr().println("openvtn conformance list: " + e.getMessage());
                return 2;
            }
            if (chosen.isEmpty()) {
                out.println("(no suite on the class path)");
            }
            for (Suite s : chosen) {
                out.println("# suite " + s.name() + " (catalogue " + s.catalogueVersion() + ", " + s.cases().size()
                        + " cases): " + s.description());
                out.println("ID\tofficial IDs\tlevel\trole\ttransport\trequires\ttitle\tspec");
                for (ConformanceCase c : s.cases()) {
                    CaseInfo i = c.info();
                    out.println(String.join("\t", i.id(), String.join(",", i.officialIds()), i.level().name(),
                            i.role(), i.transport(), i.requires().isEmpty() ? "-"
                                    : String.join(",", i.requires().stream().sorted().toList()), i.title(),
                            i.specRef()));
                }
                if (!s.capabilities().isEmpty()) {
                    out.println("# capabilities a target may declare (target file 'capabilities', --capability):");
                    s.capabilities().forEach((k, v) -> out.println("#   " + k + ": " + v));
                }
                out.println();
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Run a suite against a target. Progress goes to stderr; stdout gets one line per catalogue"
                    + " row and the summary 'N tests, P passed, F failed, S skipped, A not applicable'.",
                    "Flags override the target file (--config). Exit status 0 only when nothing FAILed."})
    static final class Run implements Callable<Integer> {

        @ParentCommand
        ConformanceCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--suite", required = true, paramLabel = "S", description = "Suite name (see 'list').")
        String suite;

        @Option(names = "--config", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Target file (YAML; conformance-tests/README.md).")
        Path config;

        @Option(names = "--target", paramLabel = "URL", converter = CliTypes.UrlText.class, description = "Target base URL.")
        String target;

        @Option(names = "--cert", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Client certificate chain (PEM).")
        Path cert;

        @Option(names = "--key", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "Client private key (PEM, PKCS#8).")
        Path key;

        @Option(names = "--ca", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "CA certificate(s) of the target's server certificate (PEM).")
        Path ca;

        @Option(names = "--pki", paramLabel = "DIR", converter = CliTypes.InputDir.class, description = "PKI directory from 'openvtn pki init' (further identities).")
        Path pki;

        @Option(names = "--admin-url", paramLabel = "URL", converter = CliTypes.UrlText.class, description = "Target's admin API, e.g. http://127.0.0.1:8081/api/v1.")
        String adminUrl;

        @Option(names = "--admin-token", paramLabel = "TOKEN", description = "Admin API bearer token.")
        String adminToken;

        @Option(names = "--admin-token-file", paramLabel = "FILE", converter = CliTypes.InputFile.class, description = "File holding the admin API bearer token.")
        Path adminTokenFile;

        @Option(names = "--include", paramLabel = "GLOB", description = "Run only cases whose ID or official ID matches (repeatable).")
        List<String> includes = new ArrayList<>();

        @Option(names = "--exclude", paramLabel = "GLOB", description = "Do not run cases whose ID or official ID matches (repeatable).")
        List<String> excludes = new ArrayList<>();

        @Option(names = "--capability", paramLabel = "CAP", description = "Declare a capability (repeatable; adds to the file's).")
        List<String> capabilities = new ArrayList<>();

        @Option(names = "--property", paramLabel = "K=V", description = "Suite-specific setting (repeatable).")
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--report", paramLabel = "DIR", converter = CliTypes.OutputDir.class, description = "Write junit.xml, index.json, evidence/ and report.html here.")
        Path report;

        @Option(names = "--patience", paramLabel = "DUR", converter = CliTypes.TargetDuration.class, description = "How long to wait for the target to act (10s, PT10S).")
        String patience;

        @Option(names = "--case-timeout", paramLabel = "DUR", defaultValue = "5m", converter = CliTypes.TargetDuration.class,
                description = "Longest a single case may run (default: ${DEFAULT-VALUE}).")
        String caseTimeout;

        @Option(names = "--non-interactive", description = "No operator: cases that need one are SKIPPED.")
        boolean nonInteractive;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (adminToken != null && adminTokenFile != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--admin-token conflicts with --admin-token-file: give one of them");
            }
            Suite s;
            TargetConfig t;
            RunConfig rc;
            try {
                s = parent.suites().get(suite);
                t = targetConfig();
                rc = RunConfig.builder().includes(includes).excludes(excludes)
                        .caseTimeout(TargetFile.parseDuration(caseTimeout))
                        .prompter(nonInteractive ? Prompters.nonInteractive() : Prompters.console(
                                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                                new PrintStream(System.err, true, StandardCharsets.UTF_8)))
                        .listener(new ConsoleProgress(out, err)).build();
            } catch (IllegalArgumentException e) {
                err.println("openvtn conformance run: " + e.getMessage());
                err.flush();
                return 2;
            }
            err.println("suite " + s.name() + " (catalogue " + s.catalogueVersion() + ") against " + t.baseUrl()
                    + (t.capabilities().isEmpty() ? "" : ", capabilities " + t.capabilities()));
            err.flush();
            RunResult result = new ConformanceRunner(rc).run(s, t);
            if (report != null) {
                Reports.write(result, report);
                err.println("reports: " + report.resolve(Reports.HTML) + ", " + report.resolve(Reports.JUNIT) + ", "
                        + report.resolve(Reports.INDEX));
                err.flush();
            }
            out.println(result.summary());
            if (!result.nonStrictNote().isEmpty()) {
                out.println(result.nonStrictNote());
            }
            out.flush();
            return result.failed() ? 1 : 0;
        }

        private TargetConfig targetConfig() {
            TargetFile file = config == null ? TargetFile.empty("command line") : TargetFile.load(config);
            TargetFile flags = new TargetFile("command line", target, cert, key, ca, pki, capabilities, adminUrl,
                    adminToken, adminTokenFile, patience == null ? null : duration("--patience", patience), properties);
            return file.overriddenBy(flags).toTargetConfig();
        }

        private static Duration duration(String flag, String value) {
            try {
                return TargetFile.parseDuration(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(flag + ": " + e.getMessage());
            }
        }
    }

    /** "[N/M] ID" on stderr while a case runs; one result line per row on stdout. */
    private record ConsoleProgress(PrintWriter out, PrintWriter err) implements RunListener {

        @Override
        public void caseStarted(int index, int total, CaseInfo info) {
            err.println("[" + index + "/" + total + "] " + info.id() + " " + info.title());
            err.flush();
        }

        @Override
        public void caseFinished(int index, int total, CaseResult r) {
            String reason = r.verdict() == Verdict.PASS || r.reason().isEmpty() ? "" : " \u2014 " + r.reason();
            out.println(String.format("%-14s %-14s %s%s", r.verdict(), r.id(), r.info().title(), reason));
            out.flush();
        }
    }
}
