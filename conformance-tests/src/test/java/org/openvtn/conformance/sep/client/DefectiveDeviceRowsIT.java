package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;

/**
 * The chain, scheduling and restart rows of {@code sep-client} have teeth (issue #16): OpenVTN's device client behind a relay
 * that makes it defective fails the named rows on the named rule. Each test owns its relay, harness and device (port
 * 0), so they run concurrently. The case timeout (90 s) only bounds a hung row: the first row of a run also waits for
 * the device to start, which on a loaded machine took up to 40 s.
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveDeviceRowsIT {
    static final List<String> NEGATIVES = List.of("COMM-004A", "COMM-004B", "COMM-004C", "COMM-004D", "COMM-004E",
            "COMM-004F", "COMM-004G");
    private static final Pattern START = Pattern.compile("<start>(\\d+)</start>");

    /**
     * CSIP COMM-004A..G: a device that trusts any server chain (the relay's leg to the harness accepts anything)
     * fails every negative row on {@code sep.client.tls.chain}; the valid chains of COMM-004 still pass through it.
     */
    @Test
    void deviceThatTrustsAnyServerFailsEveryNegative() throws Exception {
        List<String> ids = new ArrayList<>(NEGATIVES);
        ids.add("COMM-004");
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body, UnaryOperator.identity()), true, ids);
        for (String id : NEGATIVES) {
            DefectiveDeviceIT.assertFails(r.get(id), ChainCases.CHAIN);
        }
        CaseResult ok = r.get("COMM-004");
        assertEquals(Verdict.PASS, ok.verdict(), () -> ok.reason() + " " + ok.violations() + "\n" + ok.notes());
    }

    /**
     * CSIP-AUS ALL-21, CSIP CORE-021 / ALL-22: a device that starts events 40 s late (it sees every interval start
     * 40 s later) fails the future-event and randomisation rows; one that ignores primacy fails BASIC-022.
     */
    @Test
    void deviceThatStartsLateOrIgnoresPrimacyFailsSchedulingRows() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body, doc -> {
            Matcher m = START.matcher(doc);
            return m.replaceAll(x -> "<start>" + (Long.parseLong(x.group(1)) + 40) + "</start>");
        }), false, List.of("ALL-21", "CORE-021"));
        DefectiveDeviceIT.assertFails(r.get("ALL-21"), DeviceSteps.EFFECTIVE);
        DefectiveDeviceIT.assertFails(r.get("CORE-021"), DeviceSteps.EFFECTIVE);
        Map<String, CaseResult> p = run(new SepRelay.Defect((path, body) -> body,
                doc -> doc.replaceAll("<primacy>\\d+</primacy>", "<primacy>0</primacy>")), false, List.of("BASIC-022"));
        DefectiveDeviceIT.assertFails(p.get("BASIC-022"), DeviceSteps.EFFECTIVE);
    }

    /**
     * CSIP CORE-004: a device that reads only the first page of a DERControlList (the relay tells it the list holds
     * one item: {@code all="1"}) never asks for s=1 or s=2 and misses the active control on the last page.
     */
    @Test
    void deviceThatReadsOnlyTheFirstPageFailsCore004() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body,
                doc -> doc.contains("<DERControlList") ? doc.replaceFirst(" all=\"\\d+\"", " all=\"1\"") : doc),
                false, List.of("CORE-004"));
        DefectiveDeviceIT.assertFails(r.get("CORE-004"), "sep.client.paging");
    }

    /** CSIP-AUS ALL-30: a device that loses its state in a restart fails on {@code sep.client.restart.persist}. */
    @Test
    void deviceThatForgetsItsStateOnRestartFailsAll30() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body, UnaryOperator.identity()), false,
                List.of("ALL-30"), true);
        DefectiveDeviceIT.assertFails(r.get("ALL-30"), RestartCases.PERSIST);
    }

    private static Map<String, CaseResult> run(SepRelay.Defect defect, boolean trustAnyServer, List<String> ids)
            throws Exception {
        return run(defect, trustAnyServer, ids, false);
    }

    private static Map<String, CaseResult> run(SepRelay.Defect defect, boolean trustAnyServer, List<String> ids,
                                               boolean forgetOnRestart) throws Exception {
        try (SepRelay relay = new SepRelay(defect, trustAnyServer);
             ReferenceDevice ref = new ReferenceDevice(relay::via, 5, forgetOnRestart)) {
            var result = new ConformanceRunner(RunConfig.builder().includes(ids).caseTimeout(Duration.ofSeconds(90))
                    .build()).run(new SepClientSuite(ref.harness), ref.target(Duration.ofSeconds(3), Map.of()));
            System.out.println(result.results().stream().map(c -> c.id() + " " + c.verdict() + " " + c.duration()
                    .toMillis() + " ms").collect(Collectors.joining("\n")));
            return result.results().stream().collect(Collectors.toMap(CaseResult::id, c -> c));
        }
    }
}
