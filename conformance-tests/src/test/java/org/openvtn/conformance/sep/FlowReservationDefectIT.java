package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * FLOW-RESERVATION (IEEE 2030.5-2018 §10.9) against a defective 2030.5 server (a test double over real mutual TLS):
 * it stores the device's FlowReservationRequest (201, Location, reads back) but never answers it: its
 * FlowReservationResponseList stays empty. The case FAILs on {@code sep.flow.response.answered}.
 */
class FlowReservationDefectIT {
    private static final String NS = SepDouble.NS;
    private static final AtomicReference<String> STORED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String edev = SepDouble.deviceFields() + "<FlowReservationRequestListLink all=\"0\" href=\"/edev/1/frq\"/>"
                + "<FlowReservationResponseListLink all=\"0\" href=\"/edev/1/frp\"/>";
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                // never answers
                "/edev/1/frp", "<FlowReservationResponseList " + NS + " href=\"/edev/1/frp\" all=\"0\" results=\"0\""
                        + " subscribable=\"1\"/>");
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.equals("/edev/1/frq")) {
                STORED.set(SepDouble.body(request));
                SepDouble.created(response, callback, "/edev/1/frq/1");
                return true;
            }
            if (path.equals("/edev/1/frq/1") && STORED.get() != null) {
                SepDouble.page(response, callback, STORED.get().replace("<FlowReservationRequest ",
                        "<FlowReservationRequest href=\"/edev/1/frq/1\" "));
                return true;
            }
            return false;
        }, false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** The request is stored, so only the missing answer fails the case. */
    @Test
    void unansweredReservationFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.FLOW_RESERVATION), "FLOW-RESERVATION").get("FLOW-RESERVATION");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.reason().contains("no FlowReservationResponse with subject") || r.violations().stream()
                .anyMatch(v -> v.rule().equals(FlowReservationCases.ANSWERED)), r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(FlowReservationCases.STORED)),
                r.violations().toString());
    }
}
