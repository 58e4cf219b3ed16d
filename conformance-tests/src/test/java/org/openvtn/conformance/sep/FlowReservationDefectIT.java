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
 * FlowReservationResponseList stays empty. The case FAILs on {@code sep.flow.response.answered}. A second double
 * answers but refuses the Response its answer asks for.
 */
class FlowReservationDefectIT {
    private static final String NS = SepDouble.NS;
    private static final AtomicReference<String> STORED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> pages = SepDouble.devicePages(
                "<FlowReservationRequestListLink all=\"0\" href=\"/edev/1/frq\"/>"
                + "<FlowReservationResponseListLink all=\"0\" href=\"/edev/1/frp\"/>", Map.of(
                // never answers
                "/edev/1/frp", "<FlowReservationResponseList " + NS + " href=\"/edev/1/frp\" all=\"0\" results=\"0\""
                        + " subscribable=\"1\"/>"));
        server = SepDouble.start(pages, storesRequests(STORED), false);
    }

    /** Stores the posted FlowReservationRequest in {@code stored} (201 + Location) and serves it back. */
    private static SepDouble.Behaviour storesRequests(AtomicReference<String> stored) {
        return (request, response, callback, path) -> {
            if ("POST".equals(request.getMethod()) && path.equals("/edev/1/frq")) {
                stored.set(SepDouble.body(request));
                SepDouble.created(response, callback, "/edev/1/frq/1");
                return true;
            }
            if (path.equals("/edev/1/frq/1") && stored.get() != null) {
                SepDouble.page(response, callback, stored.get().replace("<FlowReservationRequest ",
                        "<FlowReservationRequest href=\"/edev/1/frq/1\" "));
                return true;
            }
            return false;
        };
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

    /**
     * A second double answers the request (subject, EventStatus) with replyTo and responseRequired 01 but refuses the
     * Response the device posts there (400): FAIL on {@code sep.flow.response.reply-accepted}, nothing else.
     */
    @Test
    void refusedReplyFails() throws Exception {
        AtomicReference<String> stored = new AtomicReference<>();
        SepDouble.Behaviour requests = storesRequests(stored);
        Map<String, String> pages = SepDouble.devicePages(
                "<FlowReservationRequestListLink all=\"0\" href=\"/edev/1/frq\"/>"
                + "<FlowReservationResponseListLink all=\"0\" href=\"/edev/1/frp\"/>", Map.of());
        try (SepDouble refusing = SepDouble.start(pages, (request, response, callback, path) -> {
            if (requests.handle(request, response, callback, path)) {
                return true;
            }
            String body = stored.get();
            if (path.equals("/edev/1/frp") && body != null) {
                String mrid = body.substring(body.indexOf("<mRID>") + 6, body.indexOf("</mRID>"));
                SepDouble.page(response, callback, "<FlowReservationResponseList " + NS + " href=\"/edev/1/frp\""
                        + " all=\"1\" results=\"1\" subscribable=\"1\"><FlowReservationResponse href=\"/edev/1/frp/1\""
                        + " replyTo=\"/edev/1/frp/rsp\" responseRequired=\"01\"><mRID>0F000000000000000000000000000009"
                        + "</mRID>" + SepDouble.eventFields(7200, System.currentTimeMillis() / 1000 + 7200)
                        + "<energyAvailable><multiplier>0</multiplier><value>20000</value></energyAvailable>"
                        + "<powerAvailable><multiplier>0</multiplier><value>7000</value></powerAvailable><subject>"
                        + mrid + "</subject></FlowReservationResponse></FlowReservationResponseList>");
                return true;
            }
            if ("POST".equals(request.getMethod()) && path.equals("/edev/1/frp/rsp")) {
                SepDouble.status(response, callback, 400);
                return true;
            }
            return false;
        }, false)) {
            CaseResult r = refusing.run(Set.of(SepServerSuite.FLOW_RESERVATION), "FLOW-RESERVATION")
                    .get("FLOW-RESERVATION");
            assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(FlowReservationCases.REPLY)),
                    r.violations().toString());
            assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(FlowReservationCases.STORED)
                    || v.rule().equals(FlowReservationCases.ANSWERED)), r.violations().toString());
        }
    }
}
