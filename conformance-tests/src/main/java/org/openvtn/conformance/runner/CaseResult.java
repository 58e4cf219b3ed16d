package org.openvtn.conformance.runner;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;

/**
 * The verdict of one catalogue row with its evidence.
 *
 * @param info       the catalogue row
 * @param verdict    the verdict
 * @param reason     why (empty for PASS): the first MUST violation, the skip reason, the missing capability,
 *                   the exception
 * @param violations every rule violation recorded, in order
 * @param exchanges  every exchange recorded, in order
 * @param notes      the case's notes, in order
 * @param started    when the case started (null when it did not run)
 * @param duration   how long it ran (zero when it did not run)
 * @param stackTrace the stack trace of an unexpected exception, null otherwise
 */
public record CaseResult(CaseInfo info, Verdict verdict, String reason, List<RuleViolation> violations,
                         List<Exchange> exchanges, List<String> notes, Instant started, Duration duration,
                         String stackTrace) {

    public CaseResult {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(verdict, "verdict");
        reason = reason == null ? "" : reason;
        violations = violations == null ? List.of() : List.copyOf(violations);
        exchanges = exchanges == null ? List.of() : List.copyOf(exchanges);
        notes = notes == null ? List.of() : List.copyOf(notes);
        duration = duration == null ? Duration.ZERO : duration;
    }

    /** A row that did not run (deselected or not applicable). */
    static CaseResult notRun(CaseInfo info, Verdict verdict, String reason) {
        return new CaseResult(info, verdict, reason, List.of(), List.of(), List.of(), null, Duration.ZERO, null);
    }

    public String id() {
        return info.id();
    }
}
