package org.openvtn.conformance;

/** Thrown by {@link CaseContext#skip} to end a case with SKIPPED (a precondition, not a requirement, failed). */
public final class CaseSkipped extends RuntimeException {

    public CaseSkipped(String reason) {
        super(reason, null, false, false);
    }
}
