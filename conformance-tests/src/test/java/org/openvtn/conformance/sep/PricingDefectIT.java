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
 * The pricing rows (IEEE 2030.5-2018 §10.5; CSIP-AUS 1.3 Pricing Extensions) against a defective 2030.5 server (a
 * test double over real mutual TLS): it publishes the price the driver asked for as a TimeTariffInterval at the right
 * start, but without replyTo/responseRequired, one unit off in the ConsumptionTariffInterval, and its TariffProfile
 * has no CombinedTimeTariffIntervalListLink. PRICING-TTI and PRICING-CSIPAUS-COMBINED FAIL, naming their rules.
 */
class PricingDefectIT {
    private static final String NS = SepDouble.NS;
    private static final AtomicReference<Long> PUBLISHED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        String tti = "/edev/1/tp/1/rc/1/tti";
        Map<String, String> pages = SepDouble.fsaPages(
                "<description>p</description><TariffProfileListLink all=\"1\" href=\"/edev/1/fsa/1/tp\"/>", Map.of(
                // no csipaus:CombinedTimeTariffIntervalListLink
                "/edev/1/fsa/1/tp", "<TariffProfileList " + NS + " href=\"/edev/1/fsa/1/tp\" all=\"1\" results=\"1\">"
                        + "<TariffProfile href=\"/edev/1/tp/1\"><mRID>0F000000000000000000000000000002</mRID>"
                        + "<currency>840</currency><pricePowerOfTenMultiplier>-4</pricePowerOfTenMultiplier>"
                        + "<primacy>1</primacy><RateComponentListLink all=\"1\" href=\"/edev/1/tp/1/rc\"/>"
                        + "<serviceCategoryKind>0</serviceCategoryKind></TariffProfile></TariffProfileList>",
                "/edev/1/tp/1/rc", "<RateComponentList " + NS + " href=\"/edev/1/tp/1/rc\" all=\"1\" results=\"1\">"
                        + "<RateComponent href=\"/edev/1/tp/1/rc/1\"><mRID>0F000000000000000000000000000003</mRID>"
                        + "<ReadingTypeLink href=\"/edev/1/tp/1/rc/1/rt\"/><roleFlags>0000</roleFlags>"
                        + "<TimeTariffIntervalListLink all=\"1\" href=\"" + tti + "\"/></RateComponent>"
                        + "</RateComponentList>",
                // one unit off: 0.2534 USD/kWh at 10^-4 is 2534
                tti + "/1/cti", "<ConsumptionTariffIntervalList " + NS + " href=\"" + tti + "/1/cti\" all=\"1\""
                        + " results=\"1\"><ConsumptionTariffInterval href=\"" + tti + "/1/cti/1\"><consumptionBlock>1"
                        + "</consumptionBlock><price>2535</price><startValue>0</startValue>"
                        + "</ConsumptionTariffInterval></ConsumptionTariffIntervalList>"));
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            Long start = PUBLISHED.get();
            if (!path.equals(tti) || start == null) {
                return false;
            }
            // the interval the driver published, without replyTo / responseRequired
            SepDouble.page(response, callback, "<TimeTariffIntervalList " + NS + " href=\"" + tti + "\" all=\"1\""
                    + " results=\"1\" subscribable=\"1\"><TimeTariffInterval href=\"" + tti + "/1\">"
                    + "<mRID>0F000000000000000000000000000004</mRID>" + SepDouble.eventFields(1800, start)
                    + "<ConsumptionTariffIntervalListLink all=\"1\" href=\"" + tti + "/1/cti\"/>"
                    + "<touTier>0</touTier></TimeTariffInterval></TimeTariffIntervalList>");
            return true;
        }, SepDouble.seesAdminPosts("/events", body -> {
            String start = SepDouble.jsonString(body, "start");
            if (start != null) {
                PUBLISHED.set(java.time.Instant.parse(start).getEpochSecond());
            }
        }));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** PRICING-TTI FAILs on the event fields and the price; the CSIP-AUS row also on the missing extension. */
    @Test
    void defectivePricingFails() {
        Map<String, CaseResult> result = server.run(Set.of(SepServerSuite.PRICING, SepServerSuite.CSIP_AUS),
                "PRICING-TTI", "PRICING-CSIPAUS-COMBINED");
        for (String id : new String[] {"PRICING-TTI", "PRICING-CSIPAUS-COMBINED"}) {
            CaseResult r = result.get(id);
            assertEquals(Verdict.FAIL, r.verdict(), id + ": " + r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(PricingCases.EVENT)), id + ": "
                    + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(PricingCases.PRICE)
                    && v.message().contains("2535")), id + ": " + r.violations());
        }
        CaseResult aus = result.get("PRICING-CSIPAUS-COMBINED");
        assertTrue(aus.reason().contains("CombinedTimeTariffIntervalListLink") || aus.violations().stream()
                .anyMatch(v -> v.rule().equals(PricingCases.COMBINED)), aus.reason() + " " + aus.violations());
    }
}
