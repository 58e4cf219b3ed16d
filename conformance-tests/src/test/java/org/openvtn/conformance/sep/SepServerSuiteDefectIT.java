package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * The suite pointed at a defective 2030.5 server (a test double over real mutual TLS with the 2030.5 profile):
 * its EndDeviceList claims {@code results="2"} but holds one EndDevice, its Time resource lacks the required
 * {@code quality}, and it answers a DERStatus PUT with 204 but keeps serving a stale DERStatus. The cases that read
 * them fail, naming the rule and the element.
 */
class SepServerSuiteDefectIT {

    private static final String NS = SepDouble.NS;
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><TimeLink href=\"/tm\"/>"
                        + "<EndDeviceListLink all=\"1\" href=\"/edev\"/></DeviceCapability>",
                "/tm", "<Time " + NS + " href=\"/tm\"><currentTime>" + (System.currentTimeMillis() / 1000)
                        + "</currentTime><dstEndTime>0</dstEndTime><dstOffset>0</dstOffset><dstStartTime>0"
                        + "</dstStartTime><tzOffset>0</tzOffset></Time>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"2\"><EndDevice href=\"/edev/1\">"
                        + SepDouble.deviceFields()
                        + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + SepDouble.deviceFields()
                        + "<DERListLink all=\"1\" href=\"/edev/1/der\"/>"
                        + "<FunctionSetAssignmentsListLink all=\"0\" href=\"/edev/1/fsa\"/></EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"0\" results=\"0\"/>",
                "/edev/1/der", "<DERList " + NS + " href=\"/edev/1/der\" all=\"1\" results=\"1\"><DER href=\"/edev/1/der/1\">"
                        + "<DERStatusLink href=\"/edev/1/der/1/ders\"/></DER></DERList>",
                "/edev/1/der/1", "<DER " + NS + " href=\"/edev/1/der/1\"><DERStatusLink href=\"/edev/1/der/1/ders\"/></DER>",
                // Accepts every PUT (204) but keeps serving this stale status: the device's report is lost.
                "/edev/1/der/1/ders", "<DERStatus " + NS + " href=\"/edev/1/der/1/ders\"><operationalModeStatus>"
                        + "<dateTime>0</dateTime><value>0</value></operationalModeStatus><readingTime>0</readingTime>"
                        + "</DERStatus>");
        server = SepDouble.start(pages, SepDouble.acceptsEveryPut(pages), false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** CSIP CORE-003 reads the EndDeviceList, CORE-005 the Time: both FAIL with the rule and element. */
    @Test
    void defectsFailTheNamedCases() {
        Map<String, CaseResult> result = server.run(Set.of(), "CORE-003", "CORE-005");
        CaseResult polling = result.get("CORE-003");
        CaseResult time = result.get("CORE-005");
        assertEquals(Verdict.FAIL, polling.verdict(), polling.reason() + " " + polling.violations());
        RuleViolation lists = polling.violations().stream().filter(v -> v.rule().equals(SepRules.LIST_ALL_RESULTS))
                .findFirst().orElseThrow(() -> new AssertionError(polling.violations().toString()));
        assertTrue(lists.element().endsWith("/EndDeviceList/@results"), lists.toString());
        assertTrue(lists.message().contains("results=2 but 1 items"), lists.toString());

        assertEquals(Verdict.FAIL, time.verdict(), time.reason() + " " + time.violations());
        RuleViolation xsd = time.violations().stream().filter(v -> v.rule().equals(SepRules.XSD)).findFirst()
                .orElseThrow(() -> new AssertionError(time.violations().toString()));
        assertTrue(xsd.element().startsWith("GET Time: line 1"), xsd.toString());
        assertTrue(xsd.message().contains("tzOffset") || xsd.message().contains("quality"), xsd.toString());
        assertTrue(result.values().stream().filter(r -> !List.of("CORE-003", "CORE-005").contains(r.id()))
                .noneMatch(r -> r.verdict() == Verdict.PASS || r.verdict() == Verdict.FAIL), "only the included run");
    }

    /** CSIP BASIC-028 / CSIP-AUS S-ALL-09: a DERStatus PUT that is accepted but not stored FAILs on the read-back. */
    @Test
    void lostDerStatusFailsBasic028() {
        CaseResult status = server.run(Set.of(), "BASIC-028").get("BASIC-028");
        assertEquals(Verdict.FAIL, status.verdict(), status.reason() + " " + status.violations());
        RuleViolation mode = status.violations().stream().filter(v -> v.rule().equals(DerCases.READ_BACK)
                        && v.element().endsWith("/DERStatus/operationalModeStatus/value")).findFirst()
                .orElseThrow(() -> new AssertionError(status.violations().toString()));
        assertTrue(mode.message().contains("'0' but the device PUT '2'"), mode.toString());
        assertTrue(status.violations().stream().anyMatch(v -> v.rule().equals(DerCases.READ_BACK)
                && v.element().endsWith("/DERStatus/genConnectStatus")), status.violations().toString());
    }
}
