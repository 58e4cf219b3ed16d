package org.openvtn.conformance;

/** Thrown by {@link CaseContext#fail} to end a case with FAIL. */
public final class CaseFailure extends RuntimeException {

    private final RuleViolation violation;

    public CaseFailure(RuleViolation violation) {
        super(violation.toString(), null, false, false);
        this.violation = violation;
    }

    public RuleViolation violation() {
        return violation;
    }
}
