package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
    private static final AtomicLong STARTED = new AtomicLong(-1);
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String derc = "/edev/1/derp/1/derc";
        StringBuilder points = new StringBuilder();
        for (int[] p : CurveCases.VOLT_VAR_POINTS) {
            points.append("<CurveData><xvalue>").append(p[0]).append("</xvalue><yvalue>").append(p[1])
                    .append("</yvalue></CurveData>");
        }
        Map<String, String> pages = SepDouble.devicePages("<DERProgramListLink all=\"1\" href=\"/edev/1/fsa/1/derp\"/>");
        pages.put("/edev/1/fsa/1/derp", "<DERProgramList " + NS + " href=\"/edev/1/fsa/1/derp\" all=\"1\" results=\"1\">"
                + "<DERProgram href=\"/edev/1/derp/1\"><mRID>0F000000000000000000000000000002</mRID>"
                + "<DERControlListLink all=\"1\" href=\"" + derc + "\"/><primacy>1</primacy></DERProgram>"
                + "</DERProgramList>");
        // the defect: a volt-watt curve (12) behind the volt-var link
        pages.put("/edev/1/derp/1/dc/1", "<DERCurve " + NS + " href=\"/edev/1/derp/1/dc/1\"><mRID>"
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
        }, SepDouble.eventStarts(STARTED));
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
