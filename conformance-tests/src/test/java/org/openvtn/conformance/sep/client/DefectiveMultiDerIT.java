package org.openvtn.conformance.sep.client;

import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.assertFails;
import static org.openvtn.conformance.sep.client.DefectiveDeviceIT.run;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The several-DER rows of {@code sep-client} ({@link MultiDerCases}) have teeth: OpenVTN's device client with two DERs
 * ({@link ReferenceDevice}) behind a relay that makes it report for its first DER only, or mirror a non-aggregated
 * figure, fails the named row on {@value MultiDerCases#MULTI}. Each test owns its harness, relay and device (port 0),
 * so they run concurrently.
 */
@Execution(ExecutionMode.CONCURRENT)
class DefectiveMultiDerIT {

    /** The same relay passing everything through: the two-DER reference device passes MUL-01..03 (the control). */
    @Test
    void faithfulRelayPasses() throws Exception {
        var all = run(new SepRelay.Defect((path, body) -> body, UnaryOperator.identity()), "MUL-01", "MUL-02",
                "MUL-03");
        for (String id : new String[] {"MUL-01", "MUL-02", "MUL-03"}) {
            var r = all.get(id);
            org.junit.jupiter.api.Assertions.assertEquals(org.openvtn.conformance.Verdict.PASS, r.verdict(),
                    () -> id + ": " + r.reason() + " " + r.violations() + "\n" + r.notes());
        }
    }

    /** CSIP-AUS MUL-01: a device that PUTs only its first DER's DERStatus (the second DER's swallowed) fails. */
    @Test
    void reportsOnlyTheFirstDersStatus() throws Exception {
        assertFails(run("MUL-01", new SepRelay.Defect((path, body) -> path.equals(Scenario.derStatus(2))
                ? SepRelay.SWALLOW : body, UnaryOperator.identity())), MultiDerCases.MULTI);
    }

    /**
     * CSIP-AUS MUL-02: a device whose site active power is its first DER's figure (1500 W mirrored as 900 W, not the
     * sum of 900 W and 600 W) fails; IEEE 2030.5-2018 §10.11.
     */
    @Test
    void mirrorsANonAggregatedFigure() throws Exception {
        assertFails(run("MUL-02", new SepRelay.Defect((path, body) -> body.contains("<value>1500</value>")
                && body.contains("MirrorMeterReading") ? body.replace("<value>1500</value>", "<value>900</value>")
                : body, UnaryOperator.identity())), MultiDerCases.MULTI);
    }

    /** CSIP-AUS MUL-03: a device that PUTs the DERCapability and DERSettings of its first DER only fails. */
    @Test
    void reportsOnlyTheFirstDersRatingsAndSettings() throws Exception {
        assertFails(run("MUL-03", new SepRelay.Defect((path, body) -> path.equals(Scenario.derCapability(2))
                || path.equals(Scenario.derSettings(2)) ? SepRelay.SWALLOW : body, UnaryOperator.identity())),
                MultiDerCases.MULTI);
    }
}
