package org.openvtn.conformance;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;

/**
 * What a running case sees: the target, the evidence log and the checks. One context per case; objects
 * that live for the whole run (a registered test VEN, an HTTP client) come from {@link #shared}.
 */
public interface CaseContext {

    /** The target under test: URLs, TLS material, declared capabilities, how to drive it. */
    TargetConfig target();

    /** The operator, when the target is driven interactively; also usable for notes to the operator. */
    Prompter prompter();

    /** The target's admin API client, if the target configuration names one (our VTN offers it). */
    java.util.Optional<AdminClient> admin();

    Clock clock();

    /**
     * How long the case waits for something the target must do on its own (e.g. deliver an event after it
     * was created). From the target configuration; the default is short for an in-process target.
     */
    Duration patience();

    /** An object shared by every case of this run, created on first use, closed at the end if AutoCloseable. */
    <T> T shared(Class<T> type, Supplier<T> factory);

    /** Adds an exchange to the case's evidence. */
    void record(Exchange exchange);

    /** Adds a free-text line to the case's evidence (what the case is doing, values it derived). */
    void note(String line);

    /**
     * Records the violations found in one message; a MUST violation fails the case when it ends (all are
     * reported, not just the first), a SHOULD violation makes it NON_STRICT at worst.
     */
    void violations(Collection<RuleViolation> violations);

    /** Records a single check: if {@code ok} is false the violation is recorded as by {@link #violations}. */
    default void check(boolean ok, Supplier<RuleViolation> violation) {
        if (!ok) {
            violations(java.util.List.of(violation.get()));
        }
    }

    /** Ends the case now with FAIL. */
    default CaseFailure fail(String rule, String element, String message) {
        throw new CaseFailure(RuleViolation.must(rule, element, message));
    }

    /** Ends the case now with SKIPPED. */
    default CaseSkipped skip(String reason) {
        throw new CaseSkipped(reason);
    }
}
