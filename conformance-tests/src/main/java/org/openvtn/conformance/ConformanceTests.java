package org.openvtn.conformance;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.openvtn.conformance.report.Reports;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * A suite as JUnit 5 dynamic tests, so other projects run it in their builds:
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> conformance() {
 *     return ConformanceTests.dynamicTests(Suites.discover().get("oadr20b-vtn-pull"), target,
 *             Optional.of(Path.of("target/conformance")));
 * }
 * }</pre>
 *
 * One test per catalogue row, run when JUnit executes it: FAIL throws {@link AssertionFailedError} listing
 * every violation; SKIPPED and NOT_APPLICABLE throw {@link TestAbortedException} with the reason (JUnit
 * reports them as skipped); PASS and NON_STRICT pass. When JUnit closes the stream (after the last test) the
 * run's shared objects are closed and, if a directory is given, the reports are written there.
 */
public final class ConformanceTests {

    private ConformanceTests() {
    }

    /** With the default run configuration (no operator: cases that need one are skipped). */
    public static Stream<DynamicTest> dynamicTests(Suite suite, TargetConfig target, Optional<Path> reportDir) {
        return dynamicTests(suite, target, reportDir, RunConfig.defaults());
    }

    /** With a run configuration of the caller's (include/exclude, timeout, prompter, clock). */
    public static Stream<DynamicTest> dynamicTests(Suite suite, TargetConfig target, Optional<Path> reportDir,
                                                   RunConfig config) {
        ConformanceRunner.Session session = new ConformanceRunner(config).open(suite, target);
        List<CaseInfo> rows = session.rows();
        return IntStream.range(0, rows.size())
                .mapToObj(i -> DynamicTest.dynamicTest(rows.get(i).id() + ": " + rows.get(i).title(),
                        () -> assertVerdict(session.run(i))))
                .onClose(() -> {
                    RunResult result = session.finish();
                    reportDir.ifPresent(dir -> Reports.write(result, dir));
                });
    }

    /** Turns a row's verdict into the JUnit outcome. */
    public static void assertVerdict(CaseResult r) {
        switch (r.verdict()) {
            case FAIL -> {
                String violations = r.violations().stream().map(v -> "  " + v).collect(Collectors.joining("\n"));
                throw new AssertionFailedError(r.id() + " FAIL: " + r.reason()
                        + (violations.isEmpty() ? "" : "\n" + violations)
                        + (r.stackTrace() == null ? "" : "\n" + r.stackTrace()));
            }
            case SKIPPED, NOT_APPLICABLE -> throw new TestAbortedException(r.verdict() + ": " + r.reason());
            default -> {
                // PASS, NON_STRICT (every MUST passed)
            }
        }
    }
}
