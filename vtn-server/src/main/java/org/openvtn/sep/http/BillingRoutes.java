package org.openvtn.sep.http;

import java.util.List;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.CustomerAccountListLink;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.sep.service.BillingAccountDefinition;
import org.openvtn.sep.service.BillingResources;
import org.openvtn.sep.service.BillingResources.Kind;
import org.openvtn.sep.service.BillingService;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepException;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepEndDevice;

/**
 * The Billing function set's URLs (IEEE 2030.5-2018 §10.7; read-only: GET and HEAD, anything else 405): the
 * CustomerAccountList of each FunctionSetAssignments (only the accounts assigned to the device), each
 * CustomerAccount, its CustomerAgreementList, and below each CustomerAgreement its BillingPeriodList and
 * Historical / Projection / TargetReadingList with their ReadingType, BillingReadingSetList and BillingReadingList.
 * Layout in {@link BillingResources}; every list pages with {@code s}, {@code l} (and {@code a} where it has a time
 * key).
 */
final class BillingRoutes {
    private static final String ACCOUNT = SepRoutes.E + "/ca/" + SepRoutes.P + "/(\\d{1,6})";
    private static final String AGREEMENT = ACCOUNT + "/ag/(\\d{1,3})";
    private static final String READING = AGREEMENT + "/(hr|pr|tr)/(\\d{1,3})";
    private static final String SET = READING + "/rs/(\\d{1,3})";

    private final BillingService billing;
    private final BillingResources resources;

    BillingRoutes(BillingService billing, BillingResources resources) {
        this.billing = billing;
        this.resources = resources;
    }

    /** What a matched path resolves to: the device, program and account, and the agreement when the path has one. */
    private record At(SepEndDevice d, Program p, BillingService.Account a, BillingAccountDefinition.Agreement g,
                      String href) {
    }

    List<SepRoutes.Route> routes(SepRoutes all) {
        return List.of(
                SepRoutes.route(SepRoutes.E + "/fsa/" + SepRoutes.P + "/ca", SepRoutes.GET, (c, m) -> {
                    SepEndDevice d = all.device(c, m);
                    Program p = all.program(m);
                    List<BillingService.Account> ordered = resources.accountOrder(billing.visible(d, p.id()));
                    return SepReply.ok(resources.accountList(SepPaths.caList(d.id(), p.id()), SepPaths.ca(d.id(),
                            p.id()), ListQuery.parse(c.query()).page(ordered, null)));
                }),
                SepRoutes.route(ACCOUNT, SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, false);
                    return SepReply.ok(resources.account(at.href(), at.a()));
                }),
                SepRoutes.route(ACCOUNT + "/ag", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, false);
                    return SepReply.ok(resources.agreementList(at.href() + "/ag", SepPaths.tp(at.d().id(),
                            at.p().id()), at.a(), ListQuery.parse(c.query()).page(resources.agreementOrder(at.a()),
                            null)));
                }),
                SepRoutes.route(AGREEMENT, SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    return SepReply.ok(resources.agreement(at.href(), SepPaths.tp(at.d().id(), at.p().id()), at.a(),
                            Integer.parseInt(m.group(4))));
                }),
                SepRoutes.route(AGREEMENT + "/bp", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    return SepReply.ok(resources.periodList(at.href() + "/bp", at.g(), page(c,
                            BillingResources.periodOrder(at.g()), n -> BillingResources.periodStart(at.g(), n))));
                }),
                SepRoutes.route(AGREEMENT + "/bp/(\\d{1,3})", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    int n = index(m.group(5), at.g().billingPeriods(), "BillingPeriod");
                    return SepReply.ok(resources.period(at.href() + "/bp/" + n, at.g().billingPeriods().get(n - 1)));
                }),
                SepRoutes.route(AGREEMENT + "/(hr|pr|tr)", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    Kind k = kind(m.group(5));
                    List<BillingAccountDefinition.MeterReading> rs = k.of(at.g());
                    return SepReply.ok(resources.readingList(k, at.href() + "/" + k.segment, rs, mrid(at, k),
                            ListQuery.parse(c.query()).page(BillingResources.numbers(rs.size()), null)));
                }),
                SepRoutes.route(READING, SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    Kind k = kind(m.group(5));
                    int n = index(m.group(6), k.of(at.g()), "reading");
                    return SepReply.ok(resources.meterReading(k, readingHref(at, k, n), k.of(at.g()).get(n - 1),
                            mrid(at, k) + ":" + n));
                }),
                SepRoutes.route(READING + "/rt", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    Kind k = kind(m.group(5));
                    int n = index(m.group(6), k.of(at.g()), "reading");
                    return SepReply.ok(resources.readingType(readingHref(at, k, n) + "/rt", k.of(at.g()).get(n - 1)));
                }),
                SepRoutes.route(READING + "/rs", SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    Kind k = kind(m.group(5));
                    int n = index(m.group(6), k.of(at.g()), "reading");
                    BillingAccountDefinition.MeterReading mr = k.of(at.g()).get(n - 1);
                    return SepReply.ok(resources.setList(readingHref(at, k, n) + "/rs", mr, mrid(at, k) + ":" + n,
                            page(c, BillingResources.setOrder(mr), s -> java.time.Instant.parse(
                                    mr.readingSets().get(s - 1).start()).getEpochSecond())));
                }),
                SepRoutes.route(SET, SepRoutes.GET, (c, m) -> {
                    At at = at(all, c, m, true);
                    Kind k = kind(m.group(5));
                    int n = index(m.group(6), k.of(at.g()), "reading");
                    BillingAccountDefinition.MeterReading mr = k.of(at.g()).get(n - 1);
                    int s = index(m.group(7), mr.readingSets(), "BillingReadingSet");
                    return SepReply.ok(resources.set(readingHref(at, k, n) + "/rs/" + s, mr.readingSets().get(s - 1),
                            mrid(at, k) + ":" + n + ":rs:" + s));
                }),
                SepRoutes.route(SET + "/r", SepRoutes.GET, (c, m) -> {
                    SetAt x = set(all, c, m);
                    List<BillingAccountDefinition.Reading> rs = x.set().readings();
                    return SepReply.ok(resources.readings(x.href() + "/r", x.set(), ListQuery.parse(c.query()).page(
                            BillingResources.numbers(rs == null ? 0 : rs.size()), null)));
                }),
                SepRoutes.route(SET + "/r/(\\d{1,3})", SepRoutes.GET, (c, m) -> {
                    SetAt x = set(all, c, m);
                    int i = index(m.group(8), x.set().readings(), "BillingReading");
                    return SepReply.ok(resources.reading(x.href() + "/r/" + i, x.set().readings().get(i - 1)));
                }));
    }

    /** Adds the CustomerAccountListLink to a FunctionSetAssignments ({@code all}: the device's accounts). */
    FunctionSetAssignments links(FunctionSetAssignments f, SepEndDevice d, Program p) {
        CustomerAccountListLink l = new CustomerAccountListLink();
        l.setHref(SepPaths.caList(d.id(), p.id()));
        l.setAll((long) billing.visible(d, p.id()).size());
        f.setCustomerAccountListLink(l);
        return f;
    }

    private At at(SepRoutes all, SepRoutes.Call c, Matcher m, boolean agreement) {
        SepEndDevice d = all.device(c, m);
        Program p = all.program(m);
        int a = Integer.parseInt(m.group(3));
        // another device's account is as absent as one that does not exist (no hint that it exists)
        BillingService.Account acc = billing.visible(d, p.id(), a)
                .orElseThrow(() -> SepException.notFound("no CustomerAccount " + a));
        String href = SepPaths.ca(d.id(), p.id()) + "/" + a;
        if (!agreement) {
            return new At(d, p, acc, null, href);
        }
        int g = index(m.group(4), acc.definition().agreements(), "CustomerAgreement");
        return new At(d, p, acc, acc.definition().agreements().get(g - 1), href + "/ag/" + g);
    }

    /** A BillingReadingSet and its href. */
    private record SetAt(BillingAccountDefinition.ReadingSet set, String href) {
    }

    private SetAt set(SepRoutes all, SepRoutes.Call c, Matcher m) {
        At at = at(all, c, m, true);
        Kind k = kind(m.group(5));
        int n = index(m.group(6), k.of(at.g()), "reading");
        BillingAccountDefinition.MeterReading mr = k.of(at.g()).get(n - 1);
        int s = index(m.group(7), mr.readingSets(), "BillingReadingSet");
        return new SetAt(mr.readingSets().get(s - 1), readingHref(at, k, n) + "/rs/" + s);
    }

    private static ListQuery.Page<Integer> page(SepRoutes.Call c, List<Integer> ordered, ToLongFunction<Integer> key) {
        return ListQuery.parse(c.query()).page(ordered, key);
    }

    private static String readingHref(At at, Kind k, int n) {
        return at.href() + "/" + k.segment + "/" + n;
    }

    private static String mrid(At at, Kind k) {
        return "bill:" + at.a().programId() + ":" + at.a().accountId() + ":" + at.href()
                .substring(at.href().lastIndexOf('/') + 1) + ":" + k.segment;
    }

    private static Kind kind(String segment) {
        for (Kind k : Kind.values()) {
            if (k.segment.equals(segment)) {
                return k;
            }
        }
        throw SepException.notFound("no reading list " + segment);
    }

    private static int index(String raw, List<?> items, String what) {
        int n = Integer.parseInt(raw);
        if (n < 1 || items == null || n > items.size()) {
            throw SepException.notFound("no " + what + " " + raw);
        }
        return n;
    }
}
