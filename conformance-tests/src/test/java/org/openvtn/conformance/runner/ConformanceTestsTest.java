package org.openvtn.conformance.runner;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.ConformanceTests;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;

/** The JUnit 5 adapter (issue 7: the suite is usable as a library of dynamic tests). */
class ConformanceTestsTest {

    @TempDir
    Path dir;

    private static FakeSuite suite(AtomicInteger closed) {
        CaseInfo na = new CaseInfo("NA", List.of(), "needs push", "s", Requirement.MUST, "VEN", "x", Set.of("push"));
        return new FakeSuite("fake")
                .add("PASS", ctx -> ctx.shared(AutoCloseable.class, () -> closed::incrementAndGet))
                .add("FAIL", ctx -> ctx.violations(List.of(RuleViolation.must("r.a", "/a", "bad a"),
                        RuleViolation.must("r.b", "/b", "bad b"))))
                .add("SKIP", ctx -> ctx.skip("no second VEN"))
                .add(na, ctx -> { });
    }

    @Test
    void oneTestPerRowWithJUnitOutcomesAndReportsOnClose() throws Throwable {
        AtomicInteger closed = new AtomicInteger();
        Path reports = dir.resolve("r");
        List<DynamicTest> tests;
        try (Stream<DynamicTest> s = ConformanceTests.dynamicTests(suite(closed),
                ConformanceRunnerTest.target(Set.of()), Optional.of(reports))) {
            tests = s.toList();
            assertEquals(List.of("PASS: title of PASS", "FAIL: title of FAIL", "SKIP: title of SKIP", "NA: needs push"),
                    tests.stream().map(DynamicTest::getDisplayName).toList());
            assertDoesNotThrow(() -> tests.get(0).getExecutable().execute());
            AssertionFailedError fail = assertThrows(AssertionFailedError.class,
                    () -> tests.get(1).getExecutable().execute());
            assertTrue(fail.getMessage().contains("r.a") && fail.getMessage().contains("r.b"), fail.getMessage());
            TestAbortedException skip = assertThrows(TestAbortedException.class,
                    () -> tests.get(2).getExecutable().execute());
            assertEquals("SKIPPED: no second VEN", skip.getMessage());
            TestAbortedException na = assertThrows(TestAbortedException.class,
                    () -> tests.get(3).getExecutable().execute());
            assertTrue(na.getMessage().startsWith("NOT_APPLICABLE: target does not declare capability 'push'"));
            assertEquals(0, closed.get(), "shared objects live until the stream is closed");
        }
        assertEquals(1, closed.get());
        assertTrue(Files.readString(reports.resolve("index.json")).contains("\"FAIL\""));
    }

    /** The adapter used the way a downstream build uses it: only rows that pass or abort, never fail. */
    @TestFactory
    Stream<DynamicTest> asATestFactory() {
        FakeSuite s = new FakeSuite("fake-ok").add("OK_1", ctx -> ctx.note("fine"))
                .add("OK_2", ctx -> ctx.check(false, () -> RuleViolation.should("r", "/", "non-strict passes")))
                .add("OP_3", ctx -> ctx.prompter().ask("needs a human"));
        return ConformanceTests.dynamicTests(s, ConformanceRunnerTest.target(Set.of()), Optional.empty());
    }
}
