package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.assertFails;
import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.run;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * The group-management, CSIP-AUS limit and scaling rows of {@code sep-client} ({@link GroupCases},
 * {@link LimitCases}) have teeth: OpenVTN's device client behind a relay that makes it defective fails the named row
 * on the named rule. Each test owns its harness, relay and device (port 0), so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveGroupsIT {

    /**
     * CSIP CORE-011 / BASIC-002: a device that reads only the first FunctionSetAssignments (the list's {@code all}
     * seen as 1) misses the second FSA's program and its control; CSIP-AUS ALL-19: one that takes the FSA list's
     * pollRate for {@value NotificationCases#SLOW_POLL} s whatever it says does not read it again at 1 s.
     */
    @Test
    void readsOnlyTheFirstFsaAndIgnoresItsPollRate() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body, doc ->
                doc.contains("<FunctionSetAssignmentsList") ? doc.replaceFirst(" all=\"\\d+\"", " all=\"1\"")
                        .replaceFirst(" pollRate=\"\\d+\"", " pollRate=\"" + NotificationCases.SLOW_POLL + "\"") : doc),
                "CORE-011", "ALL-19");
        assertFails(r.get("CORE-011"), DeviceSteps.EFFECTIVE);
        assertFails(r.get("ALL-19"), PollRateCases.POLL_RATE);
    }

    /**
     * CSIP CORE-010 / BASIC-003 / CSIP-AUS P-02: a device that keeps the FunctionSetAssignments it read first (the
     * row's first FSA list replayed for every later read) never answers the new program's control
     * ({@code sep.client.response}) and keeps the old one ({@code sep.client.effective}; the old FSA's program list is
     * gone, so its walks fail and which of the two is seen first depends on timing).
     */
    @Test
    void keepsTheFirstFsaAssignment() throws Exception {
        AtomicReference<String> first = new AtomicReference<>();
        CaseResult r = run("CORE-010", new SepRelay.Defect((path, body) -> body, doc -> {
            if (!doc.contains("<FunctionSetAssignmentsList") || !doc.contains("harness FSA g")) {
                return doc;
            }
            first.compareAndSet(null, doc);
            return first.get();
        }));
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(DeviceSteps.EFFECTIVE)
                || v.rule().equals(DeviceSteps.RESPONSE)), () -> r.violations().toString());
    }

    /**
     * CSIP-AUS ALL-24: a device that ignores ActivePower multipliers (all seen as 0) applies 4 W and 45 W; STO-03: one
     * that does not know opModStorageTargetW (the element stripped) applies no storage target.
     */
    @Test
    void ignoresMultipliersAndStorageTargets() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body,
                doc -> doc.replaceAll("<multiplier>-?\\d+</multiplier>", "<multiplier>0</multiplier>")
                        .replaceAll("<csipaus:opModStorageTargetW[^>]*>.*?</csipaus:opModStorageTargetW>", "")),
                "ALL-24", "STO-03");
        assertFails(r.get("ALL-24"), DeviceSteps.EFFECTIVE);
        assertFails(r.get("STO-03"), DeviceSteps.EFFECTIVE);
    }

    /**
     * CSIP-AUS GEN-05 / GEN-07: a device whose Notifications are lost (its Subscriptions name a sink that drops them)
     * sees neither the new export limit nor the new default before its next poll, far beyond patience. The relay
     * shows the device its own notificationURI in the SubscriptionList, so the device believes its subscriptions are
     * held (else it would subscribe again and walk, which reads the change without any Notification).
     */
    @Test
    void dropsNotifications() throws Exception {
        AtomicReference<String> own = new AtomicReference<>();
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> {
            if (!path.equals(Scenario.SUBS)) {
                return body;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("<notificationURI>([^<]*)</notificationURI>")
                    .matcher(body);
            if (m.find()) {
                own.set(m.group(1));
            }
            return m.replaceAll("<notificationURI>" + SepRelay.SELF + SepRelay.SINK + "</notificationURI>");
        }, doc -> own.get() == null || !doc.contains("<SubscriptionList") ? doc
                : doc.replaceAll("<notificationURI>[^<]*" + SepRelay.SINK + "</notificationURI>",
                        "<notificationURI>" + java.util.regex.Matcher.quoteReplacement(own.get())
                                + "</notificationURI>")), "GEN-05", "GEN-07");
        assertFails(r.get("GEN-05"), NotificationCases.PICKUP);
        assertFails(r.get("GEN-07"), NotificationCases.PICKUP);
    }
}
