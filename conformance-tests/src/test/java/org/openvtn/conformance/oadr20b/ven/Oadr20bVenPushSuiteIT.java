package org.openvtn.conformance.oadr20b.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * Issue #15: the whole {@code oadr20b-ven-push} suite against the reference VEN as a push VEN (its own mutual-TLS
 * listener) over real sockets: the harness pushes to it and takes its synchronous answers. Every row reported and
 * PASS; events really travel by push (the E0_6020 evidence holds a suite->target POST to the VEN's listener).
 */
class Oadr20bVenPushSuiteIT {

    /** Rows allowed to end other than PASS against the reference push VEN, with why. None. */
    static final Map<String, String> EXPECTED_NOT_PASS = Map.of();

    @Test
    void referencePushVenPassesEveryRow() {
        Oadr20bVenPushSuite suite = new Oadr20bVenPushSuite();
        RunResult result = ReferenceVen.onHarnessPort(port -> {
            try (ReferenceVen ref = new ReferenceVen(port, null, true)) {
                return new ConformanceRunner(RunConfig.builder().caseTimeout(Duration.ofSeconds(90)).build())
                        .run(suite, ref.target(Map.of("pollFreq", "PT10S", "verifyHostname", "false")));
            }
        }, RunResult::results);
        String table = result.results().stream().map(r -> r.id() + " " + r.verdict() + " " + r.reason()
                + (r.violations().isEmpty() ? "" : " " + r.violations())).collect(Collectors.joining("\n"));
        System.out.println(result.summary() + "\n" + table);
        List<String> ids = suite.cases().stream().map(ConformanceCase::info).map(i -> i.id()).toList();
        assertEquals(ids, result.results().stream().map(CaseResult::id).toList(), "every catalogue row reported");
        for (CaseResult r : result.results()) {
            if (!EXPECTED_NOT_PASS.containsKey(r.id())) {
                assertEquals(Verdict.PASS, r.verdict(), () -> r.id() + ": " + r.reason() + "\n" + r.violations()
                        + "\n" + r.notes() + (r.stackTrace() == null ? "" : "\n" + r.stackTrace()));
            }
        }
        CaseResult e6020 = result.results().stream().filter(r -> r.id().equals("E0_6020")).findFirst().orElseThrow();
        List<Exchange> pushes = e6020.exchanges().stream().filter(x -> x.label().startsWith("push EiEvent")).toList();
        assertTrue(!pushes.isEmpty() && pushes.stream().allMatch(x -> x.status() == 200 && x.tls() != null),
                () -> "E0_6020 pushed its event: " + e6020.exchanges());
    }
}
