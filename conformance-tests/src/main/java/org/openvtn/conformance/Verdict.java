package org.openvtn.conformance;

/**
 * The outcome of one catalogue row. Every row of a suite's catalogue gets exactly one verdict; none is
 * silently omitted.
 */
public enum Verdict {
    /** Every MUST and SHOULD check passed. */
    PASS,
    /** Every MUST check passed, at least one SHOULD check did not. */
    NON_STRICT,
    /** A MUST check failed, or the case could not complete because the target misbehaved. */
    FAIL,
    /** A precondition the case needs (not a requirement under test) was not met; the reason says which. */
    SKIPPED,
    /** The target's capability declaration excludes the case; the reason names the capability. */
    NOT_APPLICABLE;

    /** Whether this verdict makes a run fail (exit code, CI). */
    public boolean failsRun() {
        return this == FAIL;
    }
}
