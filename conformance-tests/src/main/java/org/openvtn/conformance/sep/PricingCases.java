package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Pricing function set (IEEE 2030.5-2018 §10.5) and the CSIP-AUS 1.3 Pricing Extensions. The official server
 * procedures have no pricing ID (CSIP-AUS PRC-01 … PRC-05 test clients), so the rows are named after the function
 * set: a price the driver publishes reaches the device as a TimeTariffInterval (an event with EventStatus, replyTo
 * and responseRequired) of a RateComponent of a TariffProfile linked from its FunctionSetAssignments, and its
 * ConsumptionTariffInterval carries the price at the TariffProfile's pricePowerOfTenMultiplier; with CSIP-AUS the
 * TariffProfile links a CombinedTimeTariffIntervalList holding the interval, which carries its
 * ConsumptionTariffIntervalListSummary and RateComponentLink.
 */
final class PricingCases {

    /** The published price is reachable as a TimeTariffInterval with its ConsumptionTariffInterval. */
    static final String PUBLISHED = "sep.pricing.tti.published";
    /** The TimeTariffInterval is an event: EventStatus, replyTo, responseRequired. */
    static final String EVENT = "sep.pricing.tti.event";
    /** The ConsumptionTariffInterval's price is the published one at the tariff's multiplier. */
    static final String PRICE = "sep.pricing.cti.price";
    /** CSIP-AUS: CombinedTimeTariffIntervalListLink, summary and RateComponentLink. */
    static final String COMBINED = "sep.csipaus.pricing.combined";

    private static final double PER_KWH = 0.2534;

    private PricingCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("PRICING-TTI"), "A published price reaches the device: FunctionSetAssignments ->"
                                + " TariffProfile -> RateComponent -> TimeTariffInterval (EventStatus, replyTo,"
                                + " responseRequired) -> ConsumptionTariffInterval with the price at the tariff's"
                                + " pricePowerOfTenMultiplier",
                        "IEEE 2030.5-2018 §10.5 Pricing (TariffProfile, RateComponent, TimeTariffInterval,"
                                + " ConsumptionTariffInterval)", Set.of(SepServerSuite.PRICING),
                        (ctx, s) -> published(ctx, s, 5)),
                SepCase.must(List.of("PRICING-CSIPAUS-COMBINED"), "CSIP-AUS pricing extensions: the TariffProfile"
                                + " links a CombinedTimeTariffIntervalList holding the published interval, which carries"
                                + " its ConsumptionTariffIntervalListSummary with the price and its RateComponentLink",
                        "csipaus-core-v1.3.xsd Pricing Extensions (TariffProfile, TimeTariffInterval);"
                                + " csipaus-ext-v1.3.xsd CombinedTimeTariffIntervalList",
                        Set.of(SepServerSuite.PRICING, SepServerSuite.CSIP_AUS), PricingCases::combined));
    }

    /** A TimeTariffInterval found with the TariffProfile and RateComponent it belongs to. */
    private record Found(Element profile, Element rate, Element interval, long price) {
    }

    private static Found published(CaseContext ctx, SepSession s, int hours) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Instant start = SepCases.at(ctx, Duration.ofHours(hours));
        int multiplier = s.driver(ctx).schedulePrice(ctx, s.mainDevice(), start, Duration.ofMinutes(30), PER_KWH);
        long expected = Math.round(PER_KWH * Math.pow(10, -multiplier));
        Found f = find(c, start.getEpochSecond()).orElseThrow(() -> ctx.fail(PUBLISHED, "TimeTariffIntervalList",
                "no TimeTariffInterval starting at " + start.getEpochSecond() + " in any RateComponent of any"
                        + " TariffProfile of the device's FunctionSetAssignments"));
        Element tti = f.interval();
        SepCases.check(ctx, SepXml.text(tti, "EventStatus", "currentStatus").isPresent(), EVENT, SepXml.path(tti)
                + "/EventStatus", "a TimeTariffInterval is an Event and needs its EventStatus");
        SepCases.check(ctx, SepXml.attr(tti, "replyTo").filter(v -> !v.isBlank()).isPresent()
                && !"00".equals(SepXml.attr(tti, "responseRequired").orElse("00")), EVENT, SepXml.path(tti),
                "the price event requires responses but has no replyTo or responseRequired");
        SepCases.check(ctx, SepXml.number(f.profile(), "pricePowerOfTenMultiplier").orElse(0L) == multiplier, PRICE,
                SepXml.path(f.profile()) + "/pricePowerOfTenMultiplier", "expected " + multiplier);
        SepCases.check(ctx, f.price() == expected, PRICE, SepXml.path(tti) + " ConsumptionTariffInterval/price",
                f.price() + " but " + PER_KWH + " per kWh at 10^" + multiplier + " is " + expected);
        return f;
    }

    private static void combined(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Found f = published(ctx, s, 6);
        String href = SepXml.link(f.profile(), "CombinedTimeTariffIntervalListLink").orElseThrow(() -> ctx.fail(
                COMBINED, SepXml.path(f.profile()), "CSIP-AUS requires csipaus:CombinedTimeTariffIntervalListLink"));
        String tti = SepXml.attr(f.interval(), "href").orElse("");
        boolean listed = c.items("GET CombinedTimeTariffIntervalList", href, "TimeTariffIntervalList").stream()
                .anyMatch(x -> SepXml.attr(x, "href").orElse("").equals(tti));
        SepCases.check(ctx, listed, COMBINED, href, "the CombinedTimeTariffIntervalList lacks " + tti);
        Optional<Element> summary = SepXml.child(f.interval(), "ConsumptionTariffIntervalListSummary");
        SepCases.check(ctx, summary.flatMap(x -> SepXml.text(x, "ConsumptionTariffInterval", "price"))
                .map(p -> Long.parseLong(p) == f.price()).orElse(false), COMBINED, SepXml.path(f.interval()),
                "CSIP-AUS requires csipaus:ConsumptionTariffIntervalListSummary with the interval's price");
        String rc = SepXml.attr(f.rate(), "href").orElse("");
        SepCases.check(ctx, SepXml.link(f.interval(), "RateComponentLink").map(rc::equals).orElse(false), COMBINED,
                SepXml.path(f.interval()), "CSIP-AUS requires a RateComponentLink to " + rc);
    }

    /** Walks FSA -> TariffProfile -> RateComponent -> TimeTariffInterval for the interval starting at {@code start}. */
    private static Optional<Found> find(SepClientHarness c, long start) {
        Element edev = c.endDevice();
        Optional<String> fsaList = SepXml.link(edev, "FunctionSetAssignmentsListLink");
        List<Element> fsas = fsaList.isEmpty() ? List.of()
                : c.items("GET FunctionSetAssignmentsList", fsaList.get(), "FunctionSetAssignmentsList");
        List<Element> profiles = new ArrayList<>();
        for (Element fsa : fsas) {
            SepXml.link(fsa, "TariffProfileListLink").ifPresent(l -> profiles.addAll(c.items("GET TariffProfileList",
                    l, "TariffProfileList")));
        }
        for (Element tp : profiles) {
            Optional<String> rcs = SepXml.link(tp, "RateComponentListLink");
            for (Element rc : rcs.isEmpty() ? List.<Element>of() : c.items("GET RateComponentList", rcs.get(),
                    "RateComponentList")) {
                Optional<String> ttis = SepXml.link(rc, "TimeTariffIntervalListLink");
                for (Element tti : ttis.isEmpty() ? List.<Element>of() : c.items("GET TimeTariffIntervalList",
                        ttis.get(), "TimeTariffIntervalList")) {
                    if (SepXml.number(tti, "interval", "start").orElse(-1L) == start) {
                        return Optional.of(new Found(tp, rc, tti, price(c, tti)));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static long price(SepClientHarness c, Element tti) {
        String href = c.link(tti, "ConsumptionTariffIntervalListLink");
        return c.items("GET ConsumptionTariffIntervalList", href, "ConsumptionTariffIntervalList").stream()
                .map(x -> SepXml.number(x, "price")).flatMap(Optional::stream).findFirst().orElse(Long.MIN_VALUE);
    }
}
