package org.openvtn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Suite;
import org.openvtn.conformance.runner.Suites;
import picocli.CommandLine;

/**
 * {@code openvtn conformance list|run} with an injected suite (issue 7, Runner): the catalogue listing, one
 * line per row, the exact summary line, the exit status, the target file's errors, the reports.
 */
class ConformanceCommandTest {

    @TempDir
    Path dir;

    /** A suite whose cases behave as their IDs say. */
    private static final class ScriptedSuite implements Suite {
        private final List<ConformanceCase> cases = new ArrayList<>();

        ScriptedSuite add(String id, Set<String> requires, Requirement level, CaseBody body) {
            CaseInfo info = new CaseInfo(id, List.of(id, "OFF-" + id), "title " + id, "ref " + id, level, "VEN",
                    "simpleHttp-pull", requires);
            cases.add(new ConformanceCase() {
                @Override
                public CaseInfo info() {
                    return info;
                }

                @Override
                public void run(CaseContext context) {
                    body.run(context);
                }
            });
            return this;
        }

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public String description() {
            return "a VEN against nothing";
        }

        @Override
        public String catalogueVersion() {
            return "7.0";
        }

        @Override
        public Map<String, String> capabilities() {
            return Map.of("push", "the target pushes");
        }

        @Override
        public List<ConformanceCase> cases() {
            return cases;
        }
    }

    private interface CaseBody {
        void run(CaseContext ctx);
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Suite suite, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new ConformanceCommand(Suites.of(List.of(suite))));
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static ScriptedSuite passing() {
        return new ScriptedSuite()
                .add("P1", Set.of(), Requirement.MUST, ctx -> { })
                .add("NS2", Set.of(), Requirement.MUST,
                        ctx -> ctx.check(false, () -> RuleViolation.should("r.s", "/e", "late")))
                .add("SK3", Set.of(), Requirement.MUST, ctx -> ctx.prompter().ask("create an event"))
                .add("NA4", Set.of("push"), Requirement.MUST, ctx -> { });
    }

    @Test
    void listPrintsTheCatalogueWithoutRunning() {
        Result r = run(passing(), "list", "--suite", "scripted");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("# suite scripted (catalogue 7.0, 4 cases)"), r.out());
        assertTrue(r.out().contains("NA4\tNA4,OFF-NA4\tMUST\tVEN\tsimpleHttp-pull\tpush\ttitle NA4\tref NA4"), r.out());
        assertTrue(r.out().contains("#   push: the target pushes"), r.out());
        assertEquals(2, run(passing(), "list", "--suite", "nope").exit());
    }

    @Test
    void runPrintsOneLinePerRowAndTheSummaryAndExitsZeroWhenNothingFailed() throws Exception {
        Path report = dir.resolve("report");
        Result r = run(passing(), "run", "--suite", "scripted", "--target", "https://127.0.0.1:1",
                "--non-interactive", "--report", report.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("PASS") && lines.get(0).contains("P1"), r.out());
        assertTrue(lines.get(1).startsWith("NON_STRICT") && lines.get(1).contains("r.s"), r.out());
        assertTrue(lines.get(2).startsWith("SKIPPED") && lines.get(2).contains("needs an operator"), r.out());
        assertTrue(lines.get(3).startsWith("NOT_APPLICABLE") && lines.get(3).contains("'push'"), r.out());
        assertEquals("4 tests, 2 passed, 0 failed, 1 skipped, 1 not applicable", lines.get(4));
        assertTrue(lines.get(5).startsWith("1 of the passed is non-strict"), r.out());
        assertTrue(r.err().contains("[1/4] P1") && r.err().contains("[4/4] NA4"), r.err());
        for (String f : List.of("junit.xml", "index.json", "report.html", "evidence/P1.json")) {
            assertTrue(Files.isRegularFile(report.resolve(f)), f);
        }
    }

    @Test
    void anyFailureMakesTheExitStatusOne() {
        ScriptedSuite suite = passing().add("F5", Set.of(), Requirement.MUST,
                ctx -> ctx.fail("oadr.venID.echo", "/oadrPayload/venID", "expected V1, found V2"));
        Result r = run(suite, "run", "--suite", "scripted", "--target", "https://127.0.0.1:1", "--non-interactive",
                "--capability", "push");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("5 tests, 3 passed, 1 failed, 1 skipped, 0 not applicable"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("FAIL") && l.contains("oadr.venID.echo")
                && l.contains("/oadrPayload/venID")), r.out());
    }

    @Test
    void includeAndExcludeSelectRows() {
        Result r = run(passing(), "run", "--suite", "scripted", "--target", "https://127.0.0.1:1",
                "--non-interactive", "--include", "OFF-P*", "--include", "NS2", "--exclude", "ns*");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("4 tests, 1 passed, 0 failed, 3 skipped, 0 not applicable"), r.out());
    }

    @Test
    void targetFileErrorsNameTheKeyAndExitTwo() throws Exception {
        Path yaml = dir.resolve("target.yaml");
        Files.writeString(yaml, "baseUrl: https://127.0.0.1:1\ncapabilites: [push]\n");
        Result r = run(passing(), "run", "--suite", "scripted", "--config", yaml.toString(), "--non-interactive");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("capabilites: unknown key"), r.err());
        assertEquals("", r.out());

        Result noTarget = run(passing(), "run", "--suite", "scripted", "--non-interactive");
        assertEquals(2, noTarget.exit());
        assertTrue(noTarget.err().contains("baseUrl: required"), noTarget.err());

        Result unknownSuite = run(passing(), "run", "--suite", "other", "--target", "https://h");
        assertEquals(2, unknownSuite.exit());
        assertTrue(unknownSuite.err().contains("no suite named 'other'; known: scripted"), unknownSuite.err());
    }

    @Test
    void flagsOverrideTheTargetFile() throws Exception {
        Path yaml = dir.resolve("target.yaml");
        Files.writeString(yaml, "baseUrl: https://file:1\ncapabilities: [push]\n");
        Result r = run(passing(), "run", "--suite", "scripted", "--config", yaml.toString(), "--target",
                "https://flag:2", "--non-interactive");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("against https://flag:2, capabilities [push]"), r.err());
        assertTrue(r.out().contains("0 not applicable"), "capability from the file still applies: " + r.out());
        assertFalse(r.out().contains("NOT_APPLICABLE"));
    }

    @Test
    void registeredUnderOpenVtn() {
        StringWriter out = new StringWriter();
        CommandLine cl = OpenVtn.commandLine();
        cl.setOut(new PrintWriter(out));
        assertEquals(0, cl.execute("conformance", "--help"));
        assertTrue(out.toString().contains("list") && out.toString().contains("run"), out.toString());
    }
}
