package org.openvtn.conformance;

/**
 * One executable case. A case drives the target through {@link CaseContext}, records every exchange there,
 * and reports problems through the context's checks. Returning normally means PASS (or NON_STRICT when a
 * SHOULD check failed); {@link CaseContext#fail}, {@link CaseContext#skip} and any exception end the case.
 */
public interface ConformanceCase {

    CaseInfo info();

    void run(CaseContext context) throws Exception;
}
