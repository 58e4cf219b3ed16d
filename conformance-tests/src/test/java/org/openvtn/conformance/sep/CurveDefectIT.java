package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * DER-CURVE-LINK (IEEE 2030.5-2018 §10.10 DERControlBase curve modes as DERCurveLink) against a defective 2030.5
 * server (a test double over real mutual TLS): it publishes the DERControl the driver scheduled, at the start asked
 * for, but its opModVoltVar links a volt-watt curve (curveType 12). The case FAILs on {@code sep.curve.link-resolves}
 * at the curveType.
 */
class CurveDefectIT {
    private static final String NS = SepDouble.NS;
    private static final Pattern START = Pattern.compile("\"start\"\\s*:\\s*\"([^\"]+)\"");
    private static final AtomicLong STARTED = new AtomicLong(-1);
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String edev = SepDouble.deviceFields() + "<FunctionSetAssignmentsListLink all=\"1\" href=\"/edev/1/fsa\"/>";
        String derc = "/edev/1/derp/1/derc";
        StringBuilder points = new StringBuilder();
        for (int[] p : CurveCases.VOLT_VAR_POINTS) {
            points.append("<CurveData><xvalue>").append(p[0]).append("</xvalue><yvalue>").append(p[1])
                    .append("</yvalue></CurveData>");
        }
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"1\" results=\"1\">"
                        + "<FunctionSetAssignments href=\"/edev/1/fsa/1\"><mRID>0F000000000000000000000000000001</mRID>"
                        + "<DERProgramListLink all=\"1\" href=\"/edev/1/fsa/1/derp\"/>"
                        + "</FunctionSetAssignments></FunctionSetAssignmentsList>",
                "/edev/1/fsa/1/derp", "<DERProgramList " + NS + " href=\"/edev/1/fsa/1/derp\" all=\"1\" results=\"1\">"
                        + "<DERProgram href=\"/edev/1/derp/1\"><mRID>0F000000000000000000000000000002</mRID>"
                        + "<DERControlListLink all=\"1\" href=\"" + derc + "\"/><primacy>1</primacy></DERProgram>"
                        + "</DERProgramList>",
                // the defect: a volt-watt curve behind the volt-var link
                "/edev/1/derp/1/dc/1", "<DERCurve " + NS + " href=\"/edev/1/derp/1/dc/1\"><mRID>"
                        + "0F000000000000000000000000000004</mRID><creationTime>0</creationTime>" + points
                        + "<curveType>12</curveType><xMultiplier>0</xMultiplier><yMultiplier>0</yMultiplier>"
                        + "<yRefType>2</yRefType></DERCurve>");
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            long start = STARTED.get();
            if (!path.equals(derc) || start < 0) {
                return false;
            }
            SepDouble.page(response, callback, "<DERControlList " + NS + " href=\"" + derc + "\" all=\"1\" results=\"1\""
                    + " subscribable=\"1\"><DERControl href=\"" + derc + "/1\"><mRID>0F000000000000000000000000000003"
                    + "</mRID><creationTime>0</creationTime><EventStatus><currentStatus>0</currentStatus><dateTime>0"
                    + "</dateTime><potentiallySuperseded>false</potentiallySuperseded></EventStatus><interval>"
                    + "<duration>1800</duration><start>" + start + "</start></interval><DERControlBase>"
                    + "<opModVoltVar href=\"/edev/1/derp/1/dc/1\"/></DERControlBase></DERControl></DERControlList>");
            return true;
        }, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
                Matcher s = START.matcher(SepDouble.body(request));
                if (s.find()) {
                    STARTED.set(java.time.Instant.parse(s.group(1)).getEpochSecond());
                }
            }
            return false;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A link to a curve of another type fails the case, naming the curveType. */
    @Test
    void linkToAnotherCurveTypeFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.CURVES), "DER-CURVE-LINK").get("DER-CURVE-LINK");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(CurveCases.RESOLVES)
                && v.element().endsWith("/curveType")), r.violations().toString());
    }
}
