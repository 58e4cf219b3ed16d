package org.openvtn.sep.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.openvtn.core.Program;
import org.openvtn.schemas.CsipAusElement;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.ActiveTimeTariffIntervalListLink;
import org.openvtn.schemas.sep.ConsumptionBlockType;
import org.openvtn.schemas.sep.ConsumptionTariffInterval;
import org.openvtn.schemas.sep.ConsumptionTariffIntervalList;
import org.openvtn.schemas.sep.ConsumptionTariffIntervalListLink;
import org.openvtn.schemas.sep.CurrencyCode;
import org.openvtn.schemas.sep.FlowDirectionType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.RateComponent;
import org.openvtn.schemas.sep.RateComponentList;
import org.openvtn.schemas.sep.RateComponentListLink;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.ReadingTypeLink;
import org.openvtn.schemas.sep.RoleFlagsType;
import org.openvtn.schemas.sep.ServiceKind;
import org.openvtn.schemas.sep.TOUType;
import org.openvtn.schemas.sep.TariffProfile;
import org.openvtn.schemas.sep.TariffProfileList;
import org.openvtn.schemas.sep.TimeTariffInterval;
import org.openvtn.schemas.sep.TimeTariffIntervalList;
import org.openvtn.schemas.sep.TimeTariffIntervalListLink;
import org.openvtn.schemas.sep.UomType;
import org.openvtn.sep.store.SepEndDevice;

/**
 * Pricing function set documents (IEEE 2030.5-2018 §10.5; sep.xsd TariffProfile ... ConsumptionTariffInterval) of a
 * program's operator-defined tariff ({@link PricingService}) and its price intervals ({@link SepControl}s of kind
 * TIME_TARIFF_INTERVAL). Each TimeTariffInterval has one ConsumptionTariffInterval (block 1 from 0 Wh) carrying the
 * price: the OpenADR price per kWh in the tariff's currency, times 10^-pricePowerOfTenMultiplier (the RateComponent's
 * ReadingType is kWh: uom 72 Wh, powerOfTenMultiplier 3). With CSIP-AUS 1.3 bound, TariffProfile carries
 * csipaus:CombinedTimeTariffIntervalListLink and every TimeTariffInterval csipaus:ConsumptionTariffIntervalListSummary
 * and its RateComponentLink (csipaus-core-v1.3.xsd Pricing Extensions), which that schema requires.
 */
public final class PricingResources {
    /** ConsumptionTariffInterval index: the one consumption block (block 1, from 0 Wh). */
    public static final int BLOCK = 1;

    private final long pollRate;
    private final SepMrids mrids;
    private final ControlResources controls;
    private final org.openvtn.schemas.CsipAusBinding csipAus;

    /**
     * @param pollRate pollRate of the TariffProfileList
     * @param mrids    the operator's mRIDs
     * @param controls event fields and per-program primacy shared with DERControl
     * @param csipAus  CSIP-AUS 1.3 binding, or null when not bound
     */
    public PricingResources(long pollRate, SepMrids mrids, ControlResources controls,
                            org.openvtn.schemas.CsipAusBinding csipAus) {
        this.pollRate = pollRate;
        this.mrids = mrids;
        this.controls = controls;
        this.csipAus = csipAus;
    }

    /** @return the FSA's TariffProfileList page (the program's one tariff, or none) */
    public TariffProfileList tariffProfileList(SepEndDevice d, Program p, ListQuery.Page<PricingService.Tariff> page,
                                               int rates, long combined) {
        TariffProfileList l = new TariffProfileList();
        l.setHref(SepPaths.tpList(d.id(), p.id()));
        l.setSubscribable((short) 0);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(t -> l.getTariffProfile().add(tariffProfile(d, p, t, rates, combined)));
        return l;
    }

    /** @return the TariffProfile; {@code combined} counts its CombinedTimeTariffIntervalList (CSIP-AUS) */
    public TariffProfile tariffProfile(SepEndDevice d, Program p, PricingService.Tariff t, int rates, long combined) {
        TariffDefinition def = t.definition();
        TariffProfile r = new TariffProfile();
        r.setHref(SepPaths.tp(d.id(), p.id()));
        r.setMRID(mrids.type("tp:" + p.id()));
        r.setDescription(SepResources.description(p.name()));
        CurrencyCode c = new CurrencyCode();
        c.setValue(def.currency());
        r.setCurrency(c);
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) def.pricePowerOfTenMultiplier());
        r.setPricePowerOfTenMultiplier(m);
        r.setPrimacy(controls.primacy(p.id()));
        r.setRateCode(def.rateCode());
        r.setRateComponentListLink(SepResources.listLink(RateComponentListLink::new, SepPaths.rcList(d.id(), p.id()),
                rates));
        ServiceKind k = new ServiceKind();
        k.setValue((short) def.serviceCategoryKind());
        r.setServiceCategoryKind(k);
        if (csipAus != null) {
            csipAus.attach(r, List.of(new CsipAusElement(CsipAusElement.NS, "CombinedTimeTariffIntervalListLink", null,
                    List.of(attr("href", SepPaths.combinedTti(d.id(), p.id())), attr("all", Long.toString(combined))))));
        }
        return r;
    }

    /** @return a RateComponentList page */
    public RateComponentList rateComponentList(SepEndDevice d, Program p, ListQuery.Page<PricingService.Rate> page,
                                               java.util.function.ToLongFunction<PricingService.Rate> intervals,
                                               java.util.function.ToLongFunction<PricingService.Rate> active) {
        RateComponentList l = new RateComponentList();
        l.setHref(SepPaths.rcList(d.id(), p.id()));
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(x -> l.getRateComponent().add(rateComponent(d, x, intervals.applyAsLong(x),
                active.applyAsLong(x))));
        return l;
    }

    /** @return a RateComponent with its ReadingType and (active) TimeTariffIntervalList links */
    public RateComponent rateComponent(SepEndDevice d, PricingService.Rate x, long intervals, long active) {
        RateComponent r = new RateComponent();
        String href = SepPaths.rc(d.id(), x.programId(), x.rateId());
        r.setHref(href);
        r.setMRID(mrids.type("rc:" + x.programId() + ":" + x.rateId()));
        r.setDescription(SepResources.description(x.definition().description() != null
                ? x.definition().description() : x.definition().signal()));
        r.setActiveTimeTariffIntervalListLink(SepResources.listLink(ActiveTimeTariffIntervalListLink::new,
                SepPaths.actTtiList(d.id(), x.programId(), x.rateId()), active));
        r.setReadingTypeLink(SepResources.link(ReadingTypeLink::new, href + "/rt"));
        RoleFlagsType f = new RoleFlagsType();
        f.setValue(new byte[] {(byte) (x.definition().roleFlags() >> 8), (byte) x.definition().roleFlags()});
        r.setRoleFlags(f);
        r.setTimeTariffIntervalListLink(SepResources.listLink(TimeTariffIntervalListLink::new,
                SepPaths.ttiList(d.id(), x.programId(), x.rateId()), intervals));
        return r;
    }

    /** @return the ReadingType of what the component prices: energy in kWh, in the definition's flow direction */
    public ReadingType readingType(SepEndDevice d, PricingService.Rate x) {
        ReadingType t = new ReadingType();
        t.setHref(SepPaths.rc(d.id(), x.programId(), x.rateId()) + "/rt");
        FlowDirectionType f = new FlowDirectionType();
        f.setValue((short) x.definition().flowDirection());
        t.setFlowDirection(f);
        t.setNumberOfConsumptionBlocks((short) 1);
        t.setNumberOfTouTiers((short) 0);
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) 3);
        t.setPowerOfTenMultiplier(m);
        UomType u = new UomType();
        u.setValue((short) 72);
        t.setUom(u);
        return t;
    }

    /** @return a TimeTariffIntervalList page ({@code href}: the list, the active list or the combined list) */
    public TimeTariffIntervalList ttiList(String href, SepEndDevice d, PricingService.Tariff t,
                                         ListQuery.Page<Priced> page) {
        TimeTariffIntervalList l = new TimeTariffIntervalList();
        l.setHref(href);
        l.setSubscribable((short) 1);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(x -> l.getTimeTariffInterval().add(tti(d, t, x)));
        return l;
    }

    /** A price interval and the rate component it belongs to. */
    public record Priced(PricingService.Rate rate, SepControl interval) {
    }

    /** @return the href of a TimeTariffInterval: its RateComponent's list and its mRID */
    public String ttiHref(SepEndDevice d, Priced x) {
        return SepPaths.ttiList(d.id(), x.rate().programId(), x.rate().rateId()) + "/" + mrids.hex(x.interval().key());
    }

    /** @return the TimeTariffInterval: an event (EventStatus, replyTo, responseRequired) with its CTI list link */
    public TimeTariffInterval tti(SepEndDevice d, PricingService.Tariff t, Priced x) {
        TimeTariffInterval r = new TimeTariffInterval();
        String list = SepPaths.ttiList(d.id(), x.rate().programId(), x.rate().rateId());
        controls.event(r, x.interval(), list);
        r.setConsumptionTariffIntervalListLink(SepResources.listLink(ConsumptionTariffIntervalListLink::new,
                r.getHref() + "/cti", 1));
        TOUType tier = new TOUType();
        tier.setValue((short) 0);
        r.setTouTier(tier);
        if (csipAus != null) {
            List<CsipAusElement> cti = new ArrayList<>();
            cti.add(attr("all", "1"));
            cti.add(attr("results", "1"));
            cti.add(ctiElement(r.getHref() + "/cti/" + BLOCK, price(t, x.interval())));
            csipAus.attach(r, List.of(new CsipAusElement(CsipAusElement.NS, "ConsumptionTariffIntervalListSummary",
                    null, cti), new CsipAusElement(SepCodec.NAMESPACE, "RateComponentLink", null,
                    List.of(attr("href", SepPaths.rc(d.id(), x.rate().programId(), x.rate().rateId()))))));
        }
        return r;
    }

    /** @return the TimeTariffInterval's ConsumptionTariffIntervalList (one block; {@code l=0} gives none) */
    public ConsumptionTariffIntervalList ctiList(String ttiHref, PricingService.Tariff t, SepControl interval,
                                                 ListQuery q) {
        ConsumptionTariffIntervalList l = new ConsumptionTariffIntervalList();
        l.setHref(ttiHref + "/cti");
        ListQuery.Page<Integer> page = q.page(List.of(BLOCK), null);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(b -> l.getConsumptionTariffInterval().add(cti(ttiHref, t, interval)));
        return l;
    }

    /** @return the one ConsumptionTariffInterval: block 1 from 0 Wh at the interval's price */
    public ConsumptionTariffInterval cti(String ttiHref, PricingService.Tariff t, SepControl interval) {
        ConsumptionTariffInterval c = new ConsumptionTariffInterval();
        c.setHref(ttiHref + "/cti/" + BLOCK);
        ConsumptionBlockType b = new ConsumptionBlockType();
        b.setValue((short) BLOCK);
        c.setConsumptionBlock(b);
        c.setPrice(price(t, interval));
        c.setStartValue(0);
        return c;
    }

    /**
     * The Int32 price of an interval: the OpenADR price (millionths in {@link SepControl#value}) times
     * 10^-pricePowerOfTenMultiplier, rounded half up; null (price omitted, as sep.xsd allows) when it does not fit.
     */
    public static Integer price(PricingService.Tariff t, SepControl interval) {
        BigDecimal v = BigDecimal.valueOf(interval.value())
                .movePointLeft(6 + t.definition().pricePowerOfTenMultiplier()).setScale(0, RoundingMode.HALF_UP);
        try {
            return v.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    private static CsipAusElement ctiElement(String href, Integer price) {
        List<CsipAusElement> c = new ArrayList<>();
        c.add(attr("href", href));
        c.add(sep("consumptionBlock", Integer.toString(BLOCK)));
        if (price != null) {
            c.add(sep("price", Integer.toString(price)));
        }
        c.add(sep("startValue", "0"));
        return new CsipAusElement(SepCodec.NAMESPACE, "ConsumptionTariffInterval", null, c);
    }

    private static CsipAusElement sep(String name, String text) {
        return new CsipAusElement(SepCodec.NAMESPACE, name, text, List.of());
    }

    private static CsipAusElement attr(String name, String value) {
        return new CsipAusElement("", "@" + name, value, List.of());
    }
}
