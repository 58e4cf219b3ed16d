package org.openvtn.sep.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.openvtn.schemas.sep.BillingMeterReadingBase;
import org.openvtn.schemas.sep.BillingPeriod;
import org.openvtn.schemas.sep.BillingPeriodList;
import org.openvtn.schemas.sep.BillingPeriodListLink;
import org.openvtn.schemas.sep.BillingReading;
import org.openvtn.schemas.sep.BillingReadingList;
import org.openvtn.schemas.sep.BillingReadingListLink;
import org.openvtn.schemas.sep.BillingReadingSet;
import org.openvtn.schemas.sep.BillingReadingSetList;
import org.openvtn.schemas.sep.BillingReadingSetListLink;
import org.openvtn.schemas.sep.Charge;
import org.openvtn.schemas.sep.ChargeKind;
import org.openvtn.schemas.sep.CustomerAccount;
import org.openvtn.schemas.sep.CustomerAccountList;
import org.openvtn.schemas.sep.CustomerAgreement;
import org.openvtn.schemas.sep.CustomerAgreementList;
import org.openvtn.schemas.sep.CustomerAgreementListLink;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.HistoricalReading;
import org.openvtn.schemas.sep.HistoricalReadingList;
import org.openvtn.schemas.sep.HistoricalReadingListLink;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.ProjectionReading;
import org.openvtn.schemas.sep.ProjectionReadingList;
import org.openvtn.schemas.sep.ProjectionReadingListLink;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.ReadingTypeLink;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.schemas.sep.TargetReading;
import org.openvtn.schemas.sep.TargetReadingList;
import org.openvtn.schemas.sep.TargetReadingListLink;
import org.openvtn.schemas.sep.TariffProfileLink;
import org.openvtn.schemas.sep.UomType;

/**
 * Billing function set documents (IEEE 2030.5-2018 §10.7; sep.xsd CustomerAccount ... BillingReading) built from the
 * operator's {@link BillingAccountDefinition}s. Items are numbered by their position in the definition (1-based) under
 * {@code /edev/{e}/ca/{p}/{a}}: {@code /ag/{g}}, {@code /ag/{g}/bp/{n}}, {@code /ag/{g}/{hr|pr|tr}/{n}[/rt]},
 * {@code .../rs/{s}}, {@code .../rs/{s}/r/{i}}. CustomerAccountList, CustomerAgreementList, BillingPeriodList and
 * BillingReadingSetList are SubscribableLists served with {@code subscribable="0"} (the data changes only when the
 * operator redefines it); the reading lists are plain Lists. CustomerAccountList and CustomerAgreementList follow
 * IEEE 2030.5-2018 Table 45; BillingPeriodList and BillingReadingSetList are ordered by start, newest first
 * ({@code a} applies to their start); the reading lists keep the definition's order (docs/ieee-2030.5.md "Billing").
 */
public final class BillingResources {
    private final long pollRate;
    private final SepMrids mrids;

    public BillingResources(long pollRate, SepMrids mrids) {
        this.pollRate = pollRate;
        this.mrids = mrids;
    }

    /** The three BillingMeterReadingBase kinds of a CustomerAgreement. */
    public enum Kind {
        /** HistoricalReading ({@code hr}). */
        HISTORICAL("hr"),
        /** ProjectionReading ({@code pr}). */
        PROJECTION("pr"),
        /** TargetReading ({@code tr}). */
        TARGET("tr");

        /** The path segment. */
        public final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        /** @return the agreement's readings of this kind */
        public List<BillingAccountDefinition.MeterReading> of(BillingAccountDefinition.Agreement g) {
            List<BillingAccountDefinition.MeterReading> l = switch (this) {
                case HISTORICAL -> g.historicalReadings();
                case PROJECTION -> g.projectionReadings();
                case TARGET -> g.targetReadings();
            };
            return l == null ? List.of() : l;
        }
    }

    /**
     * @return the accounts in CustomerAccountList order (IEEE 2030.5-2018 Table 45): customerName ascending (none
     *         first), then mRID descending
     */
    public List<BillingService.Account> accountOrder(List<BillingService.Account> accounts) {
        return accounts.stream().sorted(Comparator.comparing((BillingService.Account a) -> orEmpty(a.definition()
                .customerName())).thenComparing(a -> mrids.hex(accountKey(a)), Comparator.reverseOrder())).toList();
    }

    /**
     * @return the account's agreements (1-based numbers) in CustomerAgreementList order (Table 45): serviceLocation
     *         ascending (none first), then mRID descending
     */
    public List<Integer> agreementOrder(BillingService.Account a) {
        List<BillingAccountDefinition.Agreement> g = a.definition().agreementsOrEmpty();
        return IntStream.rangeClosed(1, g.size()).boxed().sorted(Comparator.comparing((Integer n) -> orEmpty(
                g.get(n - 1).serviceLocation())).thenComparing(n -> mrids.hex(accountKey(a) + ":" + n),
                Comparator.reverseOrder())).toList();
    }

    private static String accountKey(BillingService.Account a) {
        return "bill:" + a.programId() + ":" + a.accountId();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** @return the CustomerAccountList of a program's FunctionSetAssignments (the device's accounts only) */
    public CustomerAccountList accountList(String href, String accountBase,
                                           ListQuery.Page<BillingService.Account> page) {
        CustomerAccountList l = new CustomerAccountList();
        l.setHref(href);
        l.setSubscribable((short) 0);
        l.setPollRate(pollRate);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(a -> l.getCustomerAccount().add(account(accountBase + "/" + a.accountId(), a)));
        return l;
    }

    /** @return a CustomerAccount ({@code href} its own) */
    public CustomerAccount account(String href, BillingService.Account a) {
        BillingAccountDefinition d = a.definition();
        CustomerAccount r = new CustomerAccount();
        r.setHref(href);
        r.setMRID(mrids.type(accountKey(a)));
        r.setDescription(d.description());
        r.setCurrency(d.currency());
        r.setCustomerAccount(d.customerAccount());
        r.setCustomerName(d.customerName());
        r.setPricePowerOfTenMultiplier(multiplier(d.pricePowerOfTenMultiplier()));
        r.setCustomerAgreementListLink(SepResources.listLink(CustomerAgreementListLink::new, href + "/ag",
                d.agreementsOrEmpty().size()));
        return r;
    }

    /** @return a CustomerAgreementList page ({@code href}: the account's {@code /ag}) */
    public CustomerAgreementList agreementList(String href, String tariffHref, BillingService.Account a,
                                               ListQuery.Page<Integer> page) {
        CustomerAgreementList l = new CustomerAgreementList();
        l.setHref(href);
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(g -> l.getCustomerAgreement().add(agreement(href + "/" + g, tariffHref, a, g)));
        return l;
    }

    /** @return CustomerAgreement {@code g} (1-based) with links to its period and reading lists */
    public CustomerAgreement agreement(String href, String tariffHref, BillingService.Account a, int g) {
        BillingAccountDefinition.Agreement x = a.definition().agreementsOrEmpty().get(g - 1);
        CustomerAgreement r = new CustomerAgreement();
        r.setHref(href);
        r.setMRID(mrids.type(accountKey(a) + ":" + g));
        r.setDescription(x.description());
        r.setBillingPeriodListLink(SepResources.listLink(BillingPeriodListLink::new, href + "/bp",
                size(x.billingPeriods())));
        r.setHistoricalReadingListLink(SepResources.listLink(HistoricalReadingListLink::new, href + "/hr",
                Kind.HISTORICAL.of(x).size()));
        r.setProjectionReadingListLink(SepResources.listLink(ProjectionReadingListLink::new, href + "/pr",
                Kind.PROJECTION.of(x).size()));
        r.setServiceAccount(x.serviceAccount());
        r.setServiceLocation(x.serviceLocation());
        r.setTargetReadingListLink(SepResources.listLink(TargetReadingListLink::new, href + "/tr",
                Kind.TARGET.of(x).size()));
        if (Boolean.TRUE.equals(x.tariff())) {
            r.setTariffProfileLink(SepResources.link(TariffProfileLink::new, tariffHref));
        }
        return r;
    }

    /** @return the agreement's BillingPeriods (1-based numbers) in list order: start descending */
    public static List<Integer> periodOrder(BillingAccountDefinition.Agreement x) {
        return newestFirst(x.billingPeriods(), BillingAccountDefinition.Period::start);
    }

    /** @return the start of BillingPeriod {@code n} in epoch seconds (the {@code a} key) */
    public static long periodStart(BillingAccountDefinition.Agreement x, int n) {
        return Instant.parse(x.billingPeriods().get(n - 1).start()).getEpochSecond();
    }

    /** @return a BillingPeriodList page ({@code href}: the agreement's {@code /bp}) */
    public BillingPeriodList periodList(String href, BillingAccountDefinition.Agreement x,
                                        ListQuery.Page<Integer> page) {
        BillingPeriodList l = new BillingPeriodList();
        l.setHref(href);
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(n -> l.getBillingPeriod().add(period(href + "/" + n, x.billingPeriods().get(n - 1))));
        return l;
    }

    /** @return a BillingPeriod */
    public BillingPeriod period(String href, BillingAccountDefinition.Period p) {
        BillingPeriod r = new BillingPeriod();
        r.setHref(href);
        r.setBillLastPeriod(p.billLastPeriod());
        r.setBillToDate(p.billToDate());
        r.setInterval(interval(p.start(), p.duration()));
        if (p.statusTimeStamp() != null) {
            r.setStatusTimeStamp(SepResources.timeType(Instant.parse(p.statusTimeStamp())));
        }
        return r;
    }

    /** @return a HistoricalReadingList / ProjectionReadingList / TargetReadingList page */
    public Resource readingList(Kind kind, String href, List<BillingAccountDefinition.MeterReading> all,
                                String mridBase, ListQuery.Page<Integer> page) {
        org.openvtn.schemas.sep.List l = switch (kind) {
            case HISTORICAL -> new HistoricalReadingList();
            case PROJECTION -> new ProjectionReadingList();
            case TARGET -> new TargetReadingList();
        };
        l.setHref(href);
        l.setAll(page.all());
        l.setResults(page.results());
        for (int n : page.items()) {
            BillingMeterReadingBase r = meterReading(kind, href + "/" + n, all.get(n - 1), mridBase + ":" + n);
            switch (kind) {
                case HISTORICAL -> ((HistoricalReadingList) l).getHistoricalReading().add((HistoricalReading) r);
                case PROJECTION -> ((ProjectionReadingList) l).getProjectionReading().add((ProjectionReading) r);
                case TARGET -> ((TargetReadingList) l).getTargetReading().add((TargetReading) r);
            }
        }
        return l;
    }

    /** @return a HistoricalReading / ProjectionReading / TargetReading with its ReadingType and set list links */
    public BillingMeterReadingBase meterReading(Kind kind, String href, BillingAccountDefinition.MeterReading m,
                                               String mrid) {
        Supplier<BillingMeterReadingBase> f = switch (kind) {
            case HISTORICAL -> HistoricalReading::new;
            case PROJECTION -> ProjectionReading::new;
            case TARGET -> TargetReading::new;
        };
        BillingMeterReadingBase r = f.get();
        r.setHref(href);
        r.setMRID(mrids.type(mrid));
        r.setDescription(m.description());
        r.setBillingReadingSetListLink(SepResources.listLink(BillingReadingSetListLink::new, href + "/rs",
                size(m.readingSets())));
        r.setReadingTypeLink(SepResources.link(ReadingTypeLink::new, href + "/rt"));
        return r;
    }

    /** @return the ReadingType of a meter reading: its uom and multiplier */
    public ReadingType readingType(String href, BillingAccountDefinition.MeterReading m) {
        ReadingType t = new ReadingType();
        t.setHref(href);
        t.setPowerOfTenMultiplier(multiplier(m.powerOfTenMultiplier()));
        UomType u = new UomType();
        u.setValue(m.uom().shortValue());
        t.setUom(u);
        return t;
    }

    /** @return the meter reading's BillingReadingSets (1-based numbers) in list order: start descending */
    public static List<Integer> setOrder(BillingAccountDefinition.MeterReading m) {
        return newestFirst(m.readingSets(), BillingAccountDefinition.ReadingSet::start);
    }

    /** @return 1-based numbers of {@code items} by start descending, then number descending */
    private static <T> List<Integer> newestFirst(List<T> items, java.util.function.Function<T, String> start) {
        List<T> l = items == null ? List.of() : items;
        return IntStream.rangeClosed(1, l.size()).boxed().sorted(Comparator.comparing(
                (Integer n) -> Instant.parse(start.apply(l.get(n - 1)))).reversed()
                .thenComparing(Comparator.reverseOrder())).toList();
    }

    /** @return a BillingReadingSetList page */
    public BillingReadingSetList setList(String href, BillingAccountDefinition.MeterReading m, String mridBase,
                                         ListQuery.Page<Integer> page) {
        BillingReadingSetList l = new BillingReadingSetList();
        l.setHref(href);
        l.setSubscribable((short) 0);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(n -> l.getBillingReadingSet().add(set(href + "/" + n, m.readingSets().get(n - 1),
                mridBase + ":rs:" + n)));
        return l;
    }

    /** @return a BillingReadingSet with its BillingReadingList link */
    public BillingReadingSet set(String href, BillingAccountDefinition.ReadingSet s, String mrid) {
        BillingReadingSet r = new BillingReadingSet();
        r.setHref(href);
        r.setMRID(mrids.type(mrid));
        r.setDescription(s.description());
        r.setTimePeriod(interval(s.start(), s.duration()));
        r.setBillingReadingListLink(SepResources.listLink(BillingReadingListLink::new, href + "/r",
                size(s.readings())));
        return r;
    }

    /** @return a BillingReadingList page */
    public BillingReadingList readings(String href, BillingAccountDefinition.ReadingSet s,
                                       ListQuery.Page<Integer> page) {
        BillingReadingList l = new BillingReadingList();
        l.setHref(href);
        l.setAll(page.all());
        l.setResults(page.results());
        page.items().forEach(n -> l.getBillingReading().add(reading(href + "/" + n, s.readings().get(n - 1))));
        return l;
    }

    /** @return a BillingReading with its Charges */
    public BillingReading reading(String href, BillingAccountDefinition.Reading x) {
        BillingReading r = new BillingReading();
        r.setHref(href);
        if (x.start() != null) {
            r.setTimePeriod(interval(x.start(), x.duration()));
        }
        r.setValue(x.value());
        for (BillingAccountDefinition.Charge c : x.charges() == null ? List.<BillingAccountDefinition.Charge>of()
                : x.charges()) {
            Charge ch = new Charge();
            ch.setDescription(c.description());
            if (c.kind() != null) {
                ChargeKind k = new ChargeKind();
                k.setValue(c.kind().shortValue());
                ch.setKind(k);
            }
            ch.setValue(c.value().intValue());
            r.getCharge().add(ch);
        }
        return r;
    }

    /** @return 1..n */
    public static List<Integer> numbers(int n) {
        return IntStream.rangeClosed(1, n).boxed().toList();
    }

    private static DateTimeInterval interval(String start, String duration) {
        DateTimeInterval i = new DateTimeInterval();
        i.setStart(SepResources.timeType(Instant.parse(start)));
        i.setDuration(Duration.parse(duration).toSeconds());
        return i;
    }

    private static PowerOfTenMultiplierType multiplier(Integer v) {
        PowerOfTenMultiplierType m = new PowerOfTenMultiplierType();
        m.setValue((byte) (v == null ? 0 : v));
        return m;
    }

    private static int size(List<?> l) {
        return l == null ? 0 : l.size();
    }
}
