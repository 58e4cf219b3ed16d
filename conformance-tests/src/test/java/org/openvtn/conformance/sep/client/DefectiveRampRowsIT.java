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
 * The ramp rows of {@code sep-client} (CSIP-AUS ALL-13, ALL-17, ALL-25, ALL-25-EXT, ALL-28; IEEE 2030.5-2018 §10.10
 * rampTms / setGradW) have teeth: OpenVTN's device client passes them directly, and fails them on
 * {@code sep.client.ramp} behind a relay that hides the element it must follow (a device that ignores rampTms
 * reports the default ramp rate; one that ignores the DefaultDERControl's setGradW reports its own DERSettings).
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveRampRowsIT {
    static final List<String> ROWS = List.of("ALL-13", "ALL-17", "ALL-25", "ALL-25-EXT", "ALL-28");

    @Test
    void referenceDevicePassesTheRampRows() throws Exception {
        Map<String, CaseResult> r = run(UnaryOperator.identity());
        for (String id : ROWS) {
            CaseResult c = r.get(id);
            assertEquals(Verdict.PASS, c.verdict(), () -> id + ": " + c.reason() + " " + c.violations() + "\n"
                    + c.notes());
        }
    }

    /** A device that ignores DERControlBase.rampTms fails ALL-25, ALL-25-EXT and ALL-28. */
    @Test
    void deviceThatIgnoresRampTmsFails() throws Exception {
        Map<String, CaseResult> r = run(doc -> doc.replaceAll("<rampTms>\\d+</rampTms>", ""));
        for (String id : List.of("ALL-25", "ALL-25-EXT", "ALL-28")) {
            DefectiveDeviceIT.assertFails(r.get(id), RampCases.RAMP);
        }
    }

    /** A device that ignores DefaultDERControl.setGradW fails ALL-13, ALL-17, ALL-25-EXT and ALL-28. */
    @Test
    void deviceThatIgnoresTheDefaultRampRateFails() throws Exception {
        Map<String, CaseResult> r = run(doc -> doc.contains("<DefaultDERControl")
                ? doc.replaceAll("<setGradW>\\d+</setGradW>", "") : doc);
        for (String id : List.of("ALL-13", "ALL-17", "ALL-25-EXT", "ALL-28")) {
            DefectiveDeviceIT.assertFails(r.get(id), RampCases.RAMP);
        }
    }

    private static Map<String, CaseResult> run(UnaryOperator<String> doc) throws Exception {
        try (SepRelay relay = new SepRelay(new SepRelay.Defect((path, body) -> body, doc), false);
             ReferenceDevice ref = new ReferenceDevice(relay::via, 5)) {
            var result = new ConformanceRunner(RunConfig.builder().includes(ROWS).caseTimeout(Duration.ofSeconds(120))
                    .build()).run(new SepClientSuite(ref.harness), ref.target(Duration.ofSeconds(5), Map.of()));
            System.out.println(result.results().stream().map(c -> c.id() + " " + c.verdict() + " " + c.duration()
                    .toMillis() + " ms " + c.reason() + " " + c.violations()).collect(Collectors.joining("\n")));
            return result.results().stream().collect(Collectors.toMap(CaseResult::id, c -> c));
        }
    }
}
