package org.openvtn.conformance.runner;

import org.openvtn.conformance.CaseInfo;

/**
 * Progress of a run. Called on the runner's thread, in catalogue order; {@code index} is 1-based and
 * {@code total} is the number of catalogue rows (rows that do not run are reported too).
 */
public interface RunListener {

    /** A row is about to be evaluated. */
    default void caseStarted(int index, int total, CaseInfo info) {
    }

    /** A row has its verdict. */
    default void caseFinished(int index, int total, CaseResult result) {
    }

    /** Listens to nothing. */
    RunListener NONE = new RunListener() { };
}
