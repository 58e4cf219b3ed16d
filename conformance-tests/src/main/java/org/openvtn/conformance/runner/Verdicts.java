package org.openvtn.conformance.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.openvtn.conformance.CaseFailure;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.CaseNotApplicable;
import org.openvtn.conformance.CaseSkipped;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;

/**
 * How a case's outcome becomes a verdict (see {@link Verdict}):
 * <ul>
 *   <li>a MUST violation recorded anywhere, or {@link CaseFailure}: FAIL, with every violation listed;</li>
 *   <li>any other exception: FAIL with the exception (a target that makes the case crash fails it);</li>
 *   <li>{@link CaseSkipped} without a MUST violation: SKIPPED with its reason;</li>
 *   <li>{@link CaseNotApplicable} without a MUST violation: NOT_APPLICABLE with its reason;</li>
 *   <li>only SHOULD violations: NON_STRICT;</li>
 *   <li>nothing: PASS.</li>
 * </ul>
 * In a case whose catalogue level is SHOULD every rule violation counts as SHOULD (the requirement under test
 * is a recommendation), so such a case ends NON_STRICT rather than FAIL; an unexpected exception still fails.
 */
public final class Verdicts {

    private Verdicts() {
    }

    /** The verdict and its reason. */
    public record Outcome(Verdict verdict, String reason, List<RuleViolation> violations, String stackTrace) {
    }

    /**
     * @param info     the row
     * @param recorded violations recorded during the case, in order
     * @param ended    how the case ended: null when it returned normally
     */
    public static Outcome decide(CaseInfo info, List<RuleViolation> recorded, Throwable ended) {
        List<RuleViolation> all = new ArrayList<>(recorded);
        if (ended instanceof CaseFailure f) {
            all.add(f.violation());
        }
        if (info.level() == Requirement.SHOULD) {
            all.replaceAll(v -> v.level() == Requirement.SHOULD ? v
                    : RuleViolation.should(v.rule(), v.element(), v.message()));
        }
        List<RuleViolation> musts = all.stream().filter(v -> v.level() == Requirement.MUST).toList();
        if (ended != null && !(ended instanceof CaseFailure) && !(ended instanceof CaseSkipped)
                && !(ended instanceof CaseNotApplicable)) {
            return new Outcome(Verdict.FAIL, "exception: " + describe(ended), all, stackTrace(ended));
        }
        if (!musts.isEmpty()) {
            String more = musts.size() > 1 ? " (and " + (musts.size() - 1) + " more MUST violations)" : "";
            return new Outcome(Verdict.FAIL, musts.get(0) + more, all, null);
        }
        if (ended instanceof CaseSkipped s) {
            return new Outcome(Verdict.SKIPPED, String.valueOf(s.getMessage()), all, null);
        }
        if (ended instanceof CaseNotApplicable n) {
            return new Outcome(Verdict.NOT_APPLICABLE, String.valueOf(n.getMessage()), all, null);
        }
        if (!all.isEmpty()) {
            String more = all.size() > 1 ? " (and " + (all.size() - 1) + " more SHOULD violations)" : "";
            return new Outcome(Verdict.NON_STRICT, all.get(0) + more, all, null);
        }
        return new Outcome(Verdict.PASS, "", all, null);
    }

    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
