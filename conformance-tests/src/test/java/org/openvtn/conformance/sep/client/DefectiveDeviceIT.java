package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;

/**
 * The {@code sep-client} suite has teeth: OpenVTN's device client behind a relay that makes it defective, one defect
 * each, fails the named row on the named rule.
 */
class DefectiveDeviceIT {

    /** CSIP CORE-022 / BASIC-004: a device that posts no Response fails on {@code sep.client.response}. */
    @Test
    void postsNoResponse() throws Exception {
        CaseResult r = run("BASIC-004", new SepRelay.Defect((path, body) -> path.equals(Scenario.RSP)
                ? SepRelay.SWALLOW : body, UnaryOperator.identity()));
        assertFails(r, DeviceSteps.RESPONSE);
    }

    /** CSIP BASIC-004: a device answering "started" as "received" (wrong status) fails on {@code sep.client.response}. */
    @Test
    void wrongResponseStatus() throws Exception {
        CaseResult r = run("BASIC-004", new SepRelay.Defect((path, body) -> path.equals(Scenario.RSP)
                ? body.replace("<status>2</status>", "<status>1</status>") : body, UnaryOperator.identity()));
        assertFails(r, DeviceSteps.RESPONSE);
    }

    /** CSIP-AUS GEN-09: a device that ignores cancellation (never sees EventStatus 2) fails. */
    @Test
    void ignoresCancellation() throws Exception {
        CaseResult r = run("GEN-09", new SepRelay.Defect((path, body) -> body,
                doc -> doc.replace("<currentStatus>2</currentStatus>", "<currentStatus>1</currentStatus>")));
        assertFails(r, DeviceSteps.EFFECTIVE);
        assertFails(r, DeviceSteps.RESPONSE);
    }

    /** CSIP BASIC-016 / CSIP-AUS GEN-10: a device that ignores primacy (sees every program at primacy 0) fails. */
    @Test
    void ignoresPrimacy() throws Exception {
        CaseResult r = run("BASIC-016", new SepRelay.Defect((path, body) -> body,
                doc -> doc.replaceAll("<primacy>\\d+</primacy>", "<primacy>0</primacy>")));
        assertFails(r, DeviceSteps.EFFECTIVE);
    }

    /**
     * CSIP CORE-019: a device whose Notifications are lost (its Subscription names a sink that drops them) only
     * sees the new DERControl at its next poll, which the slow pollRate puts far beyond patience: fails on
     * {@code sep.client.notification}.
     */
    @Test
    void dropsNotifications() throws Exception {
        CaseResult r = run("CORE-018", new SepRelay.Defect((path, body) -> path.equals(Scenario.SUBS)
                ? body.replaceAll("<notificationURI>[^<]*</notificationURI>",
                        "<notificationURI>" + SepRelay.SELF + SepRelay.SINK + "</notificationURI>") : body,
                UnaryOperator.identity()));
        assertFails(r, NotificationCases.PICKUP);
    }

    /** CSIP-AUS GEN-01: a device that does not understand the csipaus namespace (its elements stripped) fails. */
    @Test
    void ignoresCsipAusModes() throws Exception {
        CaseResult r = run("GEN-01", new SepRelay.Defect((path, body) -> body,
                doc -> doc.replaceAll("<csipaus:(\\w+)[^>]*>.*?</csipaus:\\1>", "")));
        assertFails(r, DeviceSteps.EFFECTIVE);
    }

    static void assertFails(CaseResult r, String rule) {
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations() + "\n" + r.notes());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(rule)), () -> r.violations().toString());
    }

    static CaseResult run(String caseId, SepRelay.Defect defect) throws Exception {
        try (SepRelay relay = new SepRelay(defect); ReferenceDevice ref = new ReferenceDevice(relay::via)) {
            var result = new ConformanceRunner(RunConfig.builder().include(caseId).caseTimeout(Duration.ofSeconds(40))
                    .build()).run(new SepClientSuite(ref.harness), ref.target(Duration.ofSeconds(3), Map.of()));
            return result.results().stream().filter(c -> c.id().equals(caseId)).findFirst().orElseThrow();
        }
    }
}
