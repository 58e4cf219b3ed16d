package org.openvtn.conformance.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;

/** The runner's verdict rules, selection, applicability, shared objects and progress (issue 7, Runner). */
class ConformanceRunnerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    static TargetConfig target(Set<String> caps) {
        return new TargetConfig("https://127.0.0.1:1", null, null, null, null, caps, null, null, null, Map.of());
    }

    private static RunResult run(FakeSuite suite, RunConfig.Builder config, Set<String> caps) {
        return new ConformanceRunner(config.clock(CLOCK).build()).run(suite, target(caps));
    }

    private static CaseResult result(RunResult r, String id) {
        return r.results().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void verdictsFollowTheViolationsAndHowTheCaseEnded() {
        FakeSuite suite = new FakeSuite("fake")
                .add("PASS_1", ctx -> ctx.note("did nothing wrong"))
                .add("SHOULD_1", ctx -> ctx.violations(List.of(RuleViolation.should("r.should", "/a", "late"))))
                .add("MUST_2", ctx -> ctx.violations(List.of(RuleViolation.must("r.one", "/x[1]", "bad one"),
                        RuleViolation.should("r.s", "/y", "meh"), RuleViolation.must("r.two", "/x[2]", "bad two"))))
                .add("FAIL_CALL", ctx -> {
                    ctx.check(true, () -> RuleViolation.must("never", "", "not recorded"));
                    ctx.fail("r.fail", "/oadrPayload", "expected 200");
                })
                .add("SKIP", ctx -> ctx.skip("no second VEN certificate"))
                .add("SKIP_AFTER_MUST", ctx -> {
                    ctx.check(false, () -> RuleViolation.must("r.before", "/e", "broken"));
                    ctx.skip("then a precondition failed");
                })
                .add("THROWS", ctx -> {
                    throw new IllegalStateException("boom");
                });
        RunResult r = run(suite, RunConfig.builder(), Set.of());

        assertEquals(Verdict.PASS, result(r, "PASS_1").verdict());
        assertEquals(List.of("did nothing wrong"), result(r, "PASS_1").notes());
        assertEquals(Verdict.NON_STRICT, result(r, "SHOULD_1").verdict());
        CaseResult must = result(r, "MUST_2");
        assertEquals(Verdict.FAIL, must.verdict());
        assertEquals(3, must.violations().size(), "every violation is listed, not only the first");
        assertTrue(must.reason().contains("r.one") && must.reason().contains("1 more"), must.reason());
        CaseResult failed = result(r, "FAIL_CALL");
        assertEquals(Verdict.FAIL, failed.verdict());
        assertEquals(List.of(RuleViolation.must("r.fail", "/oadrPayload", "expected 200")), failed.violations());
        assertEquals(Verdict.SKIPPED, result(r, "SKIP").verdict());
        assertEquals("no second VEN certificate", result(r, "SKIP").reason());
        assertEquals(Verdict.FAIL, result(r, "SKIP_AFTER_MUST").verdict(), "a recorded MUST violation is not lost");
        CaseResult threw = result(r, "THROWS");
        assertEquals(Verdict.FAIL, threw.verdict());
        assertTrue(threw.reason().contains("IllegalStateException: boom"), threw.reason());
        assertTrue(threw.stackTrace().contains("ConformanceRunnerTest"), threw.stackTrace());

        assertEquals("7 tests, 2 passed, 4 failed, 1 skipped, 0 not applicable", r.summary());
        assertTrue(r.nonStrictNote().startsWith("1 of the passed is non-strict"), r.nonStrictNote());
        assertTrue(r.failed());
    }

    @Test
    void shouldLevelCaseNeverFails() {
        CaseInfo info = new CaseInfo("REC_1", List.of("REC_1"), "a recommendation", "§x", Requirement.SHOULD, "VEN",
                "https", Set.of());
        RunResult r = run(new FakeSuite("fake").add(info, ctx -> ctx.fail("r", "/e", "not as recommended")),
                RunConfig.builder(), Set.of());
        assertEquals(Verdict.NON_STRICT, r.results().get(0).verdict());
        assertEquals(Requirement.SHOULD, r.results().get(0).violations().get(0).level());
        assertFalse(r.failed());
    }

    @Test
    void undeclaredCapabilityMakesTheRowNotApplicableWithTheReason() {
        AtomicInteger ran = new AtomicInteger();
        CaseInfo needsPush = new CaseInfo("PUSH_1", List.of("PUSH_1"), "push", "§8", Requirement.MUST, "VEN",
                "simpleHttp-push", Set.of("push"));
        FakeSuite suite = new FakeSuite("fake").capability("push", "the VTN can push to the VEN")
                .add(needsPush, ctx -> ran.incrementAndGet());
        CaseResult na = run(suite, RunConfig.builder(), Set.of()).results().get(0);
        assertEquals(Verdict.NOT_APPLICABLE, na.verdict());
        assertEquals("target does not declare capability 'push' (the VTN can push to the VEN)", na.reason());
        assertEquals(0, ran.get());

        assertEquals(Verdict.PASS, run(suite, RunConfig.builder(), Set.of("push")).results().get(0).verdict());
        assertEquals(1, ran.get());
    }

    @Test
    void includeAndExcludeGlobsMatchIdsAndOfficialIdsAndDeselectedRowsAreReported() {
        CaseInfo multi = new CaseInfo("CORE-001", List.of("CORE-001", "S-ALL-01"), "t", "s", Requirement.MUST,
                "client", "https", Set.of());
        FakeSuite suite = new FakeSuite("fake").add("N1_0010", ctx -> { }).add("N1_0020", ctx -> { })
                .add("E1_1010", ctx -> { }).add(multi, ctx -> { });
        RunResult r = run(suite, RunConfig.builder().include("n1_*").include("s-all-0?").exclude("N1_0020"),
                Set.of());
        assertEquals(4, r.results().size(), "every catalogue row is reported");
        assertEquals(Verdict.PASS, result(r, "N1_0010").verdict());
        assertEquals(Verdict.SKIPPED, result(r, "N1_0020").verdict());
        assertEquals("deselected: matches --exclude N1_0020", result(r, "N1_0020").reason());
        assertEquals(Verdict.SKIPPED, result(r, "E1_1010").verdict());
        assertTrue(result(r, "E1_1010").reason().startsWith("deselected: matches no --include"));
        assertEquals(Verdict.PASS, result(r, "CORE-001").verdict(), "selected through its official ID S-ALL-01");
    }

    @Test
    void nonInteractivePrompterSkipsCasesThatNeedAnOperator() {
        RunResult r = run(new FakeSuite("fake").add("OP_1", ctx -> {
            assertFalse(ctx.prompter().interactive());
            ctx.prompter().ask("create an event for VEN X");
        }), RunConfig.builder(), Set.of());
        assertEquals(Verdict.SKIPPED, r.results().get(0).verdict());
        assertEquals("needs an operator: create an event for VEN X", r.results().get(0).reason());
    }

    /** A resource shared by the cases of a run. */
    static final class Resource implements AutoCloseable {
        final AtomicInteger closed = new AtomicInteger();

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }

    @Test
    void eachCaseGetsAFreshContextAndSharedObjectsLiveForTheRun() {
        List<Resource> seen = new ArrayList<>();
        FakeSuite suite = new FakeSuite("fake")
                .add("A", ctx -> {
                    seen.add(ctx.shared(Resource.class, Resource::new));
                    ctx.record(new Exchange("a", "suite->target", "GET", "https://x/a", CLOCK.instant(), "", null, 0,
                            "", null, "refused"));
                })
                .add("B", ctx -> {
                    Resource res = ctx.shared(Resource.class, Resource::new);
                    assertEquals(0, res.closed.get(), "not closed between cases");
                    seen.add(res);
                });
        RunResult r = run(suite, RunConfig.builder(), Set.of());
        assertSame(seen.get(0), seen.get(1));
        assertEquals(1, seen.get(0).closed.get(), "closed once at the end of the run");
        assertEquals(1, result(r, "A").exchanges().size());
        assertEquals(0, result(r, "B").exchanges().size(), "evidence does not leak between cases");
    }

    @Test
    void progressIsReportedForEveryRow() {
        List<String> events = new ArrayList<>();
        RunListener listener = new RunListener() {
            @Override
            public void caseStarted(int index, int total, CaseInfo info) {
                events.add("start " + index + "/" + total + " " + info.id());
            }

            @Override
            public void caseFinished(int index, int total, CaseResult result) {
                events.add("end " + index + "/" + total + " " + result.verdict());
            }
        };
        CaseInfo na = new CaseInfo("NA", List.of(), "t", "s", Requirement.MUST, "VEN", "x", Set.of("cap"));
        run(new FakeSuite("fake").add("ONE", ctx -> { }).add(na, ctx -> { }), RunConfig.builder().listener(listener),
                Set.of());
        assertEquals(List.of("start 1/2 ONE", "end 1/2 PASS", "start 2/2 NA", "end 2/2 NOT_APPLICABLE"), events);
    }

    @Test
    void aCaseThatOverrunsItsTimeoutFailsAndTheRunGoesOn() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        FakeSuite suite = new FakeSuite("fake").add("HANGS", ctx -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
        }).add("NEXT", ctx -> { });
        RunResult r = new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofMillis(200)).build())
                .run(suite, target(Set.of()));
        assertEquals(Verdict.FAIL, result(r, "HANGS").verdict());
        assertTrue(result(r, "HANGS").reason().contains("did not finish within PT0.2S"), result(r, "HANGS").reason());
        assertEquals(Verdict.PASS, result(r, "NEXT").verdict());
        try {
            assertTrue(interrupted.await(30, java.util.concurrent.TimeUnit.SECONDS), "the case thread is interrupted");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void duplicateCaseIdsAreRejected() {
        FakeSuite suite = new FakeSuite("dup").add("X", ctx -> { }).add("X", ctx -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> run(suite, RunConfig.builder(), Set.of()));
        assertTrue(e.getMessage().contains("X twice"));
    }

    @Test
    void adminClientComesFromTheTarget() {
        TargetConfig t = new TargetConfig("https://127.0.0.1:1", null, null, null, null, Set.of(),
                "http://127.0.0.1:8081/api/v1", "secret", null, Map.of());
        List<Boolean> present = new ArrayList<>();
        new ConformanceRunner(RunConfig.builder().build()).run(new FakeSuite("f").add("A",
                ctx -> present.add(ctx.admin().isPresent())), t);
        new ConformanceRunner(RunConfig.builder().build()).run(new FakeSuite("f").add("A",
                ctx -> present.add(ctx.admin().isPresent())), target(Set.of()));
        assertEquals(List.of(true, false), present);
        assertEquals(URI.create("http://127.0.0.1:8081/api/v1/programs"),
                org.openvtn.conformance.http.HttpAdminClient.create("http://127.0.0.1:8081/api/v1/", "t",
                        Duration.ofSeconds(1)).resolve("programs"));
        assertEquals(URI.create("http://127.0.0.1:8081/api/v1/events"),
                org.openvtn.conformance.http.HttpAdminClient.create("http://127.0.0.1:8081/api/v1", "t",
                        Duration.ofSeconds(1)).resolve("/api/v1/events"));
        assertNotNull(RunConfig.defaults());
    }
}
