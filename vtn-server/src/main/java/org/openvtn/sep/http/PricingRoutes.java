package org.openvtn.sep.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.TariffProfileListLink;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.PricingResources;
import org.openvtn.sep.service.PricingService;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.service.SepProgramService;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Pricing function set's URLs (IEEE 2030.5-2018 §10.5; layout in {@link SepPaths}): the TariffProfileList of
 * each FunctionSetAssignments, the TariffProfile, its RateComponents with their ReadingType, TimeTariffIntervalList,
 * ActiveTimeTariffIntervalList and each interval's ConsumptionTariffIntervalList; with CSIP-AUS 1.3 bound also the
 * CombinedTimeTariffIntervalList of the TariffProfile (every RateComponent's intervals, served as a
 * TimeTariffIntervalList: csipaus-ext-v1.3.xsd declares the type, not an element).
 */
final class PricingRoutes {
    private static final String TP = SepRoutes.E + "/tp/" + SepRoutes.P;
    private static final String RC = TP + "/rc/(\\d{1,6})";

    private final PricingService pricing;
    private final PricingResources resources;
    private final SepProgramService programs;
    private final boolean csipAus;

    PricingRoutes(PricingService pricing, PricingResources resources, SepProgramService programs, boolean csipAus) {
        this.pricing = pricing;
        this.resources = resources;
        this.programs = programs;
        this.csipAus = csipAus;
    }

    List<SepRoutes.Route> routes(SepRoutes all) {
        return List.of(
                SepRoutes.route(SepRoutes.E + "/fsa/" + SepRoutes.P + "/tp", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    List<PricingService.Tariff> items = pricing.tariff(p.id()).stream().toList();
                    return SepReply.ok(resources.tariffProfileList(d, p, ListQuery.parse(c.query()).page(items, null),
                            pricing.rates(p.id()).size(), combined(d, p, false).size()));
                }),
                SepRoutes.route(TP, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    return SepReply.ok(resources.tariffProfile(d, p, tariff(p), pricing.rates(p.id()).size(),
                            combined(d, p, false).size()));
                }),
                SepRoutes.route(TP + "/ctti", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    PricingService.Tariff t = tariff(p);
                    if (!csipAus) {
                        throw SepException.notFound("CombinedTimeTariffIntervalList is a CSIP-AUS 1.3 resource");
                    }
                    return SepReply.ok(resources.ttiList(SepPaths.combinedTti(d.id(), p.id()), d, t,
                            page(c, combined(d, p, false))));
                }),
                SepRoutes.route(TP + "/rc", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    tariff(p);
                    return SepReply.ok(resources.rateComponentList(d, p, ListQuery.parse(c.query())
                            .page(pricing.rates(p.id()), null), r -> intervals(d, r, false).size(),
                            r -> intervals(d, r, true).size()));
                }),
                SepRoutes.route(RC, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    PricingService.Rate r = rate(all, m);
                    return SepReply.ok(resources.rateComponent(d, r, intervals(d, r, false).size(),
                            intervals(d, r, true).size()));
                }),
                SepRoutes.route(RC + "/rt", SepRoutes.GET, (c, m) -> SepReply.ok(resources.readingType(
                        all.device(c, m), rate(all, m)))),
                SepRoutes.route(RC + "/tti", SepRoutes.GET, (c, m) -> ttiList(all, c, m, false)),
                SepRoutes.route(RC + "/acttti", SepRoutes.GET, (c, m) -> ttiList(all, c, m, true)),
                SepRoutes.route(RC + "/tti/" + SepRoutes.MRID, SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    PricingService.Rate r = rate(all, m);
                    return SepReply.ok(resources.tti(d, tariff(all.program(m)), interval(d, r, m.group(4))));
                }),
                SepRoutes.route(RC + "/tti/" + SepRoutes.MRID + "/cti", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    PricingResources.Priced x = interval(d, rate(all, m), m.group(4));
                    return SepReply.ok(resources.ctiList(ttiHref(d, x), tariff(all.program(m)), x.interval(),
                            ListQuery.parse(c.query())));
                }),
                SepRoutes.route(RC + "/tti/" + SepRoutes.MRID + "/cti/(\\d{1,6})", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    PricingResources.Priced x = interval(d, rate(all, m), m.group(4));
                    if (Integer.parseInt(m.group(5)) != PricingResources.BLOCK) {
                        throw SepException.notFound("no ConsumptionTariffInterval " + m.group(5));
                    }
                    return SepReply.ok(resources.cti(ttiHref(d, x), tariff(all.program(m)), x.interval()));
                }));
    }

    /** Adds the TariffProfileListLink to a FunctionSetAssignments (all: 1 when the program has a tariff). */
    FunctionSetAssignments links(FunctionSetAssignments f, SepEndDevice d, Program p) {
        TariffProfileListLink l = new TariffProfileListLink();
        l.setHref(SepPaths.tpList(d.id(), p.id()));
        l.setAll(pricing.tariff(p.id()).isPresent() ? 1L : 0L);
        f.setTariffProfileListLink(l);
        return f;
    }

    private SepReply ttiList(SepRoutes all, SepRoutes.Call c, Matcher m, boolean active) {
        SepEndDevice d = all.device(c, m);
        PricingService.Rate r = rate(all, m);
        String href = active ? SepPaths.actTtiList(d.id(), r.programId(), r.rateId())
                : SepPaths.ttiList(d.id(), r.programId(), r.rateId());
        return SepReply.ok(resources.ttiList(href, d, tariff(all.program(m)), page(c, intervals(d, r, active))));
    }

    private static ListQuery.Page<PricingResources.Priced> page(SepRoutes.Call c, List<PricingResources.Priced> l) {
        return ListQuery.parse(c.query()).page(l, x -> x.interval().start().getEpochSecond());
    }

    /** The rate component's intervals the device sees, in TimeTariffIntervalList order (§10.5: as DERControl). */
    private List<PricingResources.Priced> intervals(SepEndDevice d, PricingService.Rate r, boolean active) {
        SepControl.Mode mode = SepControl.Mode.valueOf(r.definition().signal());
        return programs.controls(d, r.programId(), SepControl.Kind.TIME_TARIFF_INTERVAL, active).stream()
                .filter(x -> x.mode() == mode).map(x -> new PricingResources.Priced(r, x)).toList();
    }

    /** Every rate component's intervals (CSIP-AUS CombinedTimeTariffIntervalList), in list order. */
    private List<PricingResources.Priced> combined(SepEndDevice d, Program p, boolean active) {
        List<PricingResources.Priced> out = new ArrayList<>();
        pricing.rates(p.id()).forEach(r -> out.addAll(intervals(d, r, active)));
        out.sort((a, b) -> ControlMapping.LIST_ORDER.compare(a.interval(), b.interval()));
        return out;
    }

    private PricingResources.Priced interval(SepEndDevice d, PricingService.Rate r, String mrid) {
        return intervals(d, r, false).stream().filter(x -> ttiHref(d, x).endsWith("/" + mrid.toUpperCase(
                java.util.Locale.ROOT))).findFirst().orElseThrow(() -> SepException.notFound("no TimeTariffInterval "
                + mrid));
    }

    private String ttiHref(SepEndDevice d, PricingResources.Priced x) {
        return resources.ttiHref(d, x);
    }

    private PricingService.Tariff tariff(Program p) {
        return pricing.tariff(p.id()).orElseThrow(() -> SepException.notFound("program " + p.id() + " has no tariff"));
    }

    private PricingService.Rate rate(SepRoutes all, Matcher m) {
        Program p = all.program(m);
        tariff(p);
        int n = Integer.parseInt(m.group(3));
        return pricing.rate(p.id(), n).orElseThrow(() -> SepException.notFound("no RateComponent " + n + " in "
                + p.id()));
    }
}
