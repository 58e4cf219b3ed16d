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
 * The edge cases of {@link EdgeCases} against a defective 2030.5 server (a test double over real mutual TLS with the
 * 2030.5 profile) that behaves as OpenVTN did before issue #17: a duplicate EndDevice POST answers 201, a re-POSTed
 * MirrorUsagePoint keeps its old roleFlags, a MirrorMeterReadingList is refused, the EndDeviceList is neither marked
 * subscribable nor accepted as a subscribedResource. CSIP-AUS S-ALL-51, S-ALL-07 and S-ALL-25 FAIL, naming the rule.
 */
class SepEdgeCasesDefectIT {

    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String endDevice = SepDouble.deviceFields();
        String ns = SepDouble.NS;
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + ns + " href=\"/dcap\"><TimeLink href=\"/tm\"/>"
                        + "<EndDeviceListLink all=\"1\" href=\"/edev\"/><MirrorUsagePointListLink all=\"1\" href=\"/mup\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + ns + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + endDevice + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + ns + " href=\"/edev/1\">" + endDevice
                        + "<SubscriptionListLink all=\"0\" href=\"/edev/1/sub\"/></EndDevice>");
        AtomicReference<String> firstMup = new AtomicReference<>();
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            if ("GET".equals(request.getMethod()) && "/mup/1".equals(path) && firstMup.get() != null) {
                SepDouble.page(response, callback, firstMup.get());
                return true;
            }
            if (!"POST".equals(request.getMethod())) {
                return false;
            }
            String body = SepDouble.body(request);
            switch (path) {
                case "/edev" -> SepDouble.created(response, callback, "/edev/1"); // the defect: a duplicate LFDI accepted
                case "/mup" -> {
                    firstMup.compareAndSet(null, body); // the defect: a re-POST changes nothing
                    SepDouble.created(response, callback, "/mup/1");
                }
                case "/mup/1" -> SepDouble.status(response, callback, body.contains("MirrorMeterReadingList") ? 400 : 201);
                case "/edev/1/sub" -> SepDouble.status(response, callback, 400); // the defect: the EndDeviceList refused
                default -> SepDouble.status(response, callback, 404);
            }
            return true;
        }, false);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** CSIP-AUS S-ALL-51, S-ALL-07 and S-ALL-25 FAIL against the defects, each naming its rule. */
    @Test
    void defectsFailSAll51SAll07AndSAll25() {
        Map<String, CaseResult> result = server.run(Set.of(SepServerSuite.MIRROR_METERING, SepServerSuite.SUBSCRIPTIONS,
                SepServerSuite.REGISTRATION), "S-ALL-51", "S-ALL-07", "S-ALL-25");
        CaseResult dup = result.get("S-ALL-51");
        CaseResult tel = result.get("S-ALL-07");

        assertEquals(Verdict.FAIL, dup.verdict(), dup.reason() + " " + dup.violations());
        assertTrue(dup.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.DUPLICATE)
                && v.message().contains("4XX")), dup.violations().toString());

        assertEquals(Verdict.FAIL, tel.verdict(), tel.reason() + " " + tel.violations());
        assertTrue(tel.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.MUP_UPDATED)
                && v.element().endsWith("/roleFlags")), tel.violations().toString());
        assertTrue(tel.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.READING_LIST)),
                tel.violations().toString());

        CaseResult sub = result.get("S-ALL-25");
        assertEquals(Verdict.FAIL, sub.verdict(), sub.reason() + " " + sub.violations());
        assertTrue(sub.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.LIST_SUBSCRIBABLE)
                && v.element().endsWith("/@subscribable")), sub.violations().toString());
        assertTrue(sub.violations().stream().anyMatch(v -> v.rule().equals(SubscriptionCases.SUBSCRIBE)),
                sub.violations().toString());
    }
}
