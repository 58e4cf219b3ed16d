package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;

/**
 * CSIP-AUS ALL-03 (connection point) and ALL-10 (telemetry post rate updates) of {@code sep-client} pass against
 * OpenVTN's device client and have teeth: a device configured without a connection point id never PUTs one, and a
 * device that never sees the MirrorUsagePoint's postRate (a relay strips it) keeps its own interval. Each test owns its
 * relay, harness and device (port 0), so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveAusRowsIT {
    private static final List<String> ROWS = List.of("ALL-03", "ALL-10");

    /** The reference device passes both rows. */
    @Test
    void referenceDevicePassesBoth() throws Exception {
        Map<String, CaseResult> r = run(UnaryOperator.identity(), ReferenceDevice.NMI, ROWS);
        for (String id : ROWS) {
            CaseResult c = r.get(id);
            assertEquals(Verdict.PASS, c.verdict(), () -> id + ": " + c.reason() + " " + c.violations() + "\n"
                    + c.notes());
        }
    }

    /** CSIP-AUS ALL-03: a device without a configured connection point id never PUTs a ConnectionPoint. */
    @Test
    void deviceWithoutConnectionPointFailsAll03() throws Exception {
        Map<String, CaseResult> r = run(UnaryOperator.identity(), null, List.of("ALL-03"));
        DefectiveDeviceIT.assertFails(r.get("ALL-03"), NmiCases.CONNECTION_POINT);
    }

    /** CSIP-AUS ALL-10: a device that never learns the postRate keeps mirroring at its own 2 s interval. */
    @Test
    void deviceIgnoringPostRateFailsAll10() throws Exception {
        Map<String, CaseResult> r = run(doc -> doc.replaceAll("<((?:[\\w-]+:)?)postRate>\\d+</\\1postRate>", ""),
                ReferenceDevice.NMI, List.of("ALL-10"));
        DefectiveDeviceIT.assertFails(r.get("ALL-10"), PostRateCases.POST_RATE);
    }

    private static Map<String, CaseResult> run(UnaryOperator<String> response, String nmi, List<String> ids)
            throws Exception {
        try (SepRelay relay = new SepRelay(new SepRelay.Defect((path, body) -> body, response), false);
             ReferenceDevice ref = new ReferenceDevice(relay::via, 5, false, nmi)) {
            var result = new ConformanceRunner(RunConfig.builder().includes(ids).caseTimeout(Duration.ofSeconds(120))
                    .build()).run(new SepClientSuite(ref.harness), ref.target(Duration.ofSeconds(3), Map.of()));
            System.out.println(result.results().stream().map(c -> c.id() + " " + c.verdict() + " " + c.duration()
                    .toMillis() + " ms").collect(Collectors.joining("\n")));
            return result.results().stream().collect(Collectors.toMap(CaseResult::id, c -> c));
        }
    }
}
