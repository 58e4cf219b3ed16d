package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * CSIP-AUS S-ALL-43, S-OPT-05, S-ALL-49 and CSIP BASIC-016 against a defective 2030.5 server (a test double over real mutual TLS) whose
 * admin API accepts every driver call but ignores it: every list keeps pollRate 900 (S-ALL-43 FAILs on
 * {@code sep.pollRate.updated}), the MirrorUsagePoint never carries the postRate (S-OPT-05 FAILs on
 * {@code sep.postRate.updated}), both programs keep primacy 1 (S-ALL-49 and BASIC-016 FAIL on {@code sep.derp.primacy}) and
 * both FunctionSetAssignments are offered whatever the device's group (BASIC-002 FAILs on {@code sep.fsa.group}).
 */
class RatesAndProgramsDefectIT {
    private static final String NS = SepDouble.NS;
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String edev = "<DERListLink all=\"1\" href=\"/edev/1/der\"/>" + SepDouble.deviceFields()
                + "<FunctionSetAssignmentsListLink all=\"2\" href=\"/edev/1/fsa\"/>";
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\" pollRate=\"900\"><EndDeviceListLink all=\"1\""
                        + " href=\"/edev\"/><MirrorUsagePointListLink all=\"0\" href=\"/mup\"/></DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\" pollRate=\"900\">"
                        + "<EndDevice href=\"/edev/1\">" + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"2\" results=\"2\""
                        + " pollRate=\"900\">" + fsa("p1") + fsa("p2") + "</FunctionSetAssignmentsList>",
                "/edev/1/fsa/p1/derp", programList("p1"),
                "/edev/1/fsa/p2/derp", programList("p2"),
                "/edev/1/der", "<DERList " + NS + " href=\"/edev/1/der\" all=\"1\" results=\"1\" pollRate=\"900\">"
                        + "<DER href=\"/edev/1/der/1\"/></DERList>",
                "/mup", "<MirrorUsagePointList " + NS + " href=\"/mup\" all=\"0\" results=\"0\" pollRate=\"900\"/>",
                "/mup/1", "<MirrorUsagePoint " + NS + " href=\"/mup/1\"><mRID>0F000000000000000000000000000009</mRID>"
                        + "<roleFlags>49</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status>"
                        + "<deviceLFDI>" + SepDouble.deviceFields().replaceAll(".*<lFDI>([0-9A-Fa-f]+)</lFDI>.*", "$1")
                        + "</deviceLFDI></MirrorUsagePoint>");
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.equals("/mup")) {
                SepDouble.body(request);
                SepDouble.created(response, callback, "/mup/1");
                return true;
            }
            return false;
        }, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith("/programs")) {
                // the suite's second program ("-2") and group B's ("-b") are p2, the others p1
                String name = SepDouble.body(request).replaceAll("(?s).*\"name\"\s*:\s*\"([^\"]*)\".*", "$1");
                String id = name.endsWith("-2") || name.endsWith("-b") ? "p2" : "p1";
                response.setStatus(201);
                response.write(true, java.nio.ByteBuffer.wrap(("{\"id\": \"" + id + "\"}")
                        .getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            return false;
        });
    }

    private static String fsa(String p) {
        return "<FunctionSetAssignments href=\"/edev/1/fsa/" + p + "\"><mRID>0F00000000000000000000000000000"
                + p.charAt(1) + "</mRID><DERProgramListLink all=\"1\" href=\"/edev/1/fsa/" + p + "/derp\"/>"
                + "</FunctionSetAssignments>";
    }

    /** The program ignores the primacy the driver set. */
    private static String programList(String p) {
        return "<DERProgramList " + NS + " href=\"/edev/1/fsa/" + p + "/derp\" all=\"1\" results=\"1\" pollRate=\"900\">"
                + "<DERProgram href=\"/edev/1/derp/" + p + "\"><mRID>0F00000000000000000000000000010" + p.charAt(1)
                + "</mRID><DefaultDERControlLink href=\"/edev/1/derp/" + p + "/dderc\"/><DERControlListLink all=\"0\""
                + " href=\"/edev/1/derp/" + p + "/derc\"/><primacy>1</primacy></DERProgram></DERProgramList>";
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A pollRate the driver set never served. */
    @Test
    void pollRateNeverServedFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.RATES), "S-ALL-43").get("S-ALL-43");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.reason().contains(RateCases.POLL_RATE) || r.violations().stream()
                .anyMatch(v -> v.rule().equals(RateCases.POLL_RATE)), r.reason() + " " + r.violations());
    }

    /** A postRate the driver set never served. */
    @Test
    void postRateNeverServedFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.RATES, SepServerSuite.MIRROR_METERING), "S-OPT-05")
                .get("S-OPT-05");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.reason().contains(RateCases.POST_RATE) || r.violations().stream()
                .anyMatch(v -> v.rule().equals(RateCases.POST_RATE)), r.reason() + " " + r.violations());
    }

    /** Both programs keep primacy 1: S-ALL-49 and CSIP BASIC-016 fail on it. */
    @Test
    void primacyIgnoredFails() {
        Map<String, CaseResult> results = server.run(Set.of(SepServerSuite.PROGRAMS, SepServerSuite.DEFAULT_CONTROL),
                "S-ALL-49", "BASIC-016");
        for (String id : List.of("S-ALL-49", "BASIC-016")) {
            CaseResult r = results.get(id);
            assertEquals(Verdict.FAIL, r.verdict(), id + " " + r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(ProgramCases.PRIMACY)
                    && v.message().contains("the utility set 2")), id + " " + r.reason() + " " + r.violations());
        }
    }

    /** Both groups' programs offered to a device in group A. */
    @Test
    void groupsIgnoredFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.GROUPS), "BASIC-002").get("BASIC-002");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(GroupCases.GROUP_FSA)
                && v.message().contains("the other group's program")), r.reason() + " " + r.violations());
    }
}
