package org.openvtn.conformance.runner;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;

/**
 * The outcome of a run: one {@link CaseResult} per catalogue row, in catalogue order.
 *
 * @param suite            the suite's name
 * @param suiteDescription what the suite plays against what
 * @param catalogueVersion the suite's catalogue version
 * @param target           the target configuration the run used
 * @param started          start of the run
 * @param finished         end of the run
 * @param results          every catalogue row's result
 */
public record RunResult(String suite, String suiteDescription, String catalogueVersion, TargetConfig target,
                        Instant started, Instant finished, List<CaseResult> results) {

    public RunResult {
        results = List.copyOf(results);
    }

    /** Count per verdict (every verdict present, zero when none). */
    public Map<Verdict, Integer> counts() {
        Map<Verdict, Integer> m = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) {
            m.put(v, 0);
        }
        results.forEach(r -> m.merge(r.verdict(), 1, Integer::sum));
        return m;
    }

    /** True when a row's verdict fails the run (see {@link Verdict#failsRun()}). */
    public boolean failed() {
        return results.stream().anyMatch(r -> r.verdict().failsRun());
    }

    /**
     * The summary line, exactly {@code N tests, P passed, F failed, S skipped, A not applicable}; NON_STRICT
     * rows count as passed (see {@link #nonStrictNote()}).
     */
    public String summary() {
        Map<Verdict, Integer> c = counts();
        int passed = c.get(Verdict.PASS) + c.get(Verdict.NON_STRICT);
        return results.size() + " tests, " + passed + " passed, " + c.get(Verdict.FAIL) + " failed, "
                + c.get(Verdict.SKIPPED) + " skipped, " + c.get(Verdict.NOT_APPLICABLE) + " not applicable";
    }

    /** {@code K of the passed are non-strict (...)} when there are NON_STRICT rows, else empty. */
    public String nonStrictNote() {
        int n = counts().get(Verdict.NON_STRICT);
        return n == 0 ? "" : n + " of the passed " + (n == 1 ? "is" : "are")
                + " non-strict (every MUST passed, a SHOULD did not)";
    }
}
