package org.openvtn.conformance.sep.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;

/**
 * The {@code sep-client} suite has teeth: OpenVTN's device client behind a relay that makes it defective, one defect
 * each, fails the named row on the named rule. Each test owns its harness, relay and device (all on port 0) and shares
 * only the read-only test PKI, so the tests run concurrently: they mostly wait on sockets and patience.
 */
@Execution(ExecutionMode.CONCURRENT)
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

    /** CSIP-AUS GEN-09 / LOA-09: a device that ignores cancellation (never sees EventStatus 2) fails both. */
    @Test
    void ignoresCancellation() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body,
                doc -> doc.replace("<currentStatus>2</currentStatus>", "<currentStatus>1</currentStatus>")),
                "GEN-09", "LOA-09");
        for (String id : List.of("GEN-09", "LOA-09")) {
            assertFails(r.get(id), DeviceSteps.EFFECTIVE);
            assertFails(r.get(id), DeviceSteps.RESPONSE);
        }
    }

    /**
     * CSIP BASIC-016 / CSIP-AUS GEN-10 / LOA-10: a device that ignores primacy (sees every program at primacy 0) fails
     * both rows.
     */
    @Test
    void ignoresPrimacy() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> body,
                doc -> doc.replaceAll("<primacy>\\d+</primacy>", "<primacy>0</primacy>")), "BASIC-016", "LOA-10");
        assertFails(r.get("BASIC-016"), DeviceSteps.EFFECTIVE);
        assertFails(r.get("LOA-10"), DeviceSteps.EFFECTIVE);
    }

    /**
     * CSIP BASIC-028: a device that reports another operationalModeStatus than its own (2 sent as 1) and one whose
     * mirror names another device's LFDI (BASIC-029, §10.11 deviceLFDI) fail on their rules.
     */
    @Test
    void reportsWrongStatusAndMirrorsUnderAnotherLfdi() throws Exception {
        Map<String, CaseResult> r = run(new SepRelay.Defect((path, body) -> path.equals(Scenario.DER_STATUS)
                ? body.replaceAll("(<operationalModeStatus>(?:(?!</operationalModeStatus>).)*<value>)2(</value>)",
                        "$11$2")
                : body.replaceAll("<deviceLFDI>[0-9A-Fa-f]+</deviceLFDI>",
                        "<deviceLFDI>0123456789ABCDEF0123456789ABCDEF01234567</deviceLFDI>"),
                UnaryOperator.identity()), "BASIC-028", "BASIC-029");
        assertFails(r.get("BASIC-028"), TelemetryCases.STATUS);
        assertFails(r.get("BASIC-029"), TelemetryCases.MIRROR);
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
        return run(defect, caseId).get(caseId);
    }

    /** Runs the rows {@code caseIds} against one device behind the defect; results by row id. */
    static Map<String, CaseResult> run(SepRelay.Defect defect, String... caseIds) throws Exception {
        try (SepRelay relay = new SepRelay(defect); ReferenceDevice ref = new ReferenceDevice(relay::via)) {
            var result = new ConformanceRunner(RunConfig.builder().includes(List.of(caseIds))
                    .caseTimeout(Duration.ofSeconds(40)).build())
                    .run(new SepClientSuite(ref.harness), ref.target(Duration.ofSeconds(3), Map.of()));
            Map<String, CaseResult> out = new java.util.HashMap<>();
            result.results().forEach(c -> out.put(c.id(), c));
            return out;
        }
    }
}
