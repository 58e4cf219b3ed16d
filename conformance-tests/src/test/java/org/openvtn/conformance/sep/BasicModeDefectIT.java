package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * SunSpec CSIP BASIC-008, BASIC-009, BASIC-010 and BASIC-013 (one DER control mode each) against a defective 2030.5
 * server (a test double over real mutual TLS, driven through its admin endpoint like OpenVTN): it publishes every
 * scheduled control at the start asked for, but drops the opModMaxLimW of a maximum-power control (an empty
 * DERControlBase) while it carries opModConnect through. BASIC-010 FAILs on {@code sep.derc.published}; BASIC-009
 * passes against the same double, so the case tells the modes apart. BASIC-013 FAILs when opModFixedW is dropped,
 * BASIC-008 when opModFixedPFInjectW arrives without its excitation (over-excited instead of the under-excited power
 * factor scheduled).
 */
class BasicModeDefectIT {
    private static final String NS = SepDouble.NS;
    private static final String DERC = CombinationDefectIT.DERP + "/derc";
    private static final AtomicLong STARTED = new AtomicLong(-1);
    private static final AtomicReference<String> SIGNAL = new AtomicReference<>("");
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        server = SepDouble.start(CombinationDefectIT.pages(""), BasicModeDefectIT::controls, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.endsWith("/events")) {
                String body = SepDouble.body(request);
                SIGNAL.set(body);
                STARTED.set(java.time.Instant.parse(SepDouble.jsonString(body, "start")).getEpochSecond());
            }
            return false;
        });
    }

    /**
     * The defect: a maximum-power and a fixed-W control are published without their mode, a fixed power factor without
     * its excitation; a connect control as scheduled.
     */
    private static boolean controls(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                    org.eclipse.jetty.util.Callback callback, String path) {
        long start = STARTED.get();
        if (!path.equals(DERC) || start < 0) {
            return false;
        }
        String signal = SIGNAL.get();
        String base = "";
        if (signal.contains("x-connect")) {
            base = "<opModConnect>false</opModConnect>";
        } else if (signal.contains("x-fixedPFInject")) {
            // the power factor's displacement is kept but its excitation dropped (under-excited asked, false sent)
            base = "<opModFixedPFInjectW><displacement>950</displacement><excitation>false</excitation>"
                    + "<multiplier>-3</multiplier></opModFixedPFInjectW>";
        }
        SepDouble.page(response, callback, "<DERControlList " + NS + " href=\"" + DERC + "\" all=\"1\" results=\"1\">"
                + "<DERControl href=\"" + DERC + "/1\"><mRID>0F000000000000000000000000000003</mRID>"
                + SepDouble.eventFields(1800, start) + "<DERControlBase>" + base + "</DERControlBase></DERControl>"
                + "</DERControlList>");
        return true;
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The dropped opModMaxLimW fails BASIC-010 on the published rule; the carried opModConnect passes BASIC-009. */
    @Test
    void droppedModeFailsItsOwnId() {
        CaseResult connect = server.run(Set.of(), "BASIC-009").get("BASIC-009");
        assertEquals(Verdict.PASS, connect.verdict(), connect.reason() + " " + connect.violations());
        CaseResult max = server.run(Set.of(), "BASIC-010").get("BASIC-010");
        assertEquals(Verdict.FAIL, max.verdict(), max.reason() + " " + max.violations());
        assertTrue(max.violations().stream().anyMatch(v -> v.rule().equals(SepCases.PUBLISHED)),
                max.violations().toString());
    }

    /** BASIC-013 FAILs when opModFixedW is dropped, BASIC-008 when the power factor loses its excitation flag. */
    @Test
    void droppedFixedModesFailTheirIds() {
        for (String id : new String[] {"BASIC-013", "BASIC-008"}) {
            CaseResult r = server.run(Set.of(), id).get(id);
            assertEquals(Verdict.FAIL, r.verdict(), id + " " + r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(SepCases.PUBLISHED)),
                    id + " " + r.violations());
        }
    }
}
