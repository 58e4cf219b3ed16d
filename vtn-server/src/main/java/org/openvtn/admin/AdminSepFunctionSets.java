package org.openvtn.admin;

import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.SepRateComponentInput;
import org.openvtn.admin.api.SepRateComponentJson;
import org.openvtn.admin.api.SepTariffInput;
import org.openvtn.admin.api.SepTariffJson;
import org.openvtn.admin.api.SepTextMessageInput;
import org.openvtn.admin.api.SepTextMessageJson;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.MessagingService;
import org.openvtn.sep.service.PricingService;
import org.openvtn.sep.service.RateComponentDefinition;
import org.openvtn.sep.service.TariffDefinition;

/**
 * Admin API of the IEEE 2030.5 Pricing (IEEE 2030.5-2018 §10.5) and Messaging (§10.6) function sets
 * (docs/ieee-2030.5.md "Pricing", "Messaging"): a program's TariffProfile and its RateComponents (the prices
 * themselves are the program's OpenADR price events), and the TextMessages posted to a program.
 */
final class AdminSepFunctionSets {
    private static final String TARIFF = "/sep/programs/{id}/tariff";
    private static final String RATES = TARIFF + "/rates";
    private static final String MESSAGES = "/sep/programs/{id}/messages";

    private final PricingService pricing;
    private final MessagingService messaging;
    private final org.openvtn.sep.service.FlowReservationService flows;

    AdminSepFunctionSets(PricingService pricing, MessagingService messaging,
                         org.openvtn.sep.service.FlowReservationService flows) {
        this.pricing = pricing;
        this.messaging = messaging;
        this.flows = flows;
    }

    List<AdminRoute> routes() {
        List<AdminRoute> all = new java.util.ArrayList<>(pricingRoutes());
        all.add(AdminRoute.get(MESSAGES, AdminSep.guard(c -> messaging.list(c.param("id")).stream()
                .map(AdminSepFunctionSets::message).toList())));
        all.add(AdminRoute.create(MESSAGES, AdminSep.guard(c -> message(messaging.post(c.param("id"),
                post(c.body(SepTextMessageInput.class)))))));
        all.add(AdminRoute.delete(MESSAGES + "/{n}", AdminSep.guard(c -> {
            long n = messageId(c.param("n"));
            if (!messaging.cancel(c.param("id"), n)) {
                throw VtnException.invalidId("id", "program " + c.param("id") + " has no uncancelled TextMessage " + n);
            }
            return Map.of("programId", c.param("id"), "id", n, "cancelled", true);
        })));
        // Flow Reservation (IEEE 2030.5-2018 §10.9): requests are accepted as requested; the operator may adjust or
        // reject them
        all.add(AdminRoute.get("/sep/flow-reservations", AdminSep.guard(c -> flows.all().stream()
                .map(AdminSepFunctionSets::flow).toList())));
        all.add(AdminRoute.put("/sep/flow-reservations/{n}", AdminSep.guard(c -> {
            org.openvtn.admin.api.SepFlowDecisionInput b = c.body(org.openvtn.admin.api.SepFlowDecisionInput.class);
            long n = messageId(c.param("n"));
            if (flows.all().stream().noneMatch(x -> x.id() == n)) {
                throw VtnException.invalidId("id", "no flow reservation " + n);
            }
            return flow(flows.decide(n, b.decision(), b.energyAvailableWh(),
                    b.powerAvailableW()));
        })));
        return all;
    }

    private static org.openvtn.admin.api.SepFlowReservationJson flow(
            org.openvtn.sep.store.JdbcFlowReservationStore.Reservation x) {
        return new org.openvtn.admin.api.SepFlowReservationJson(x.id(), org.openvtn.sep.service.SepPaths.edev(
                x.deviceId()), x.mrid(), AdminViews.text(x.start()), x.interval().toSeconds(), x.energyWh(), x.powerW(),
                x.requestStatus(), x.decision(), x.energyAvailableWh(), x.powerAvailableW(),
                AdminViews.text(x.decidedAt()));
    }

    private static MessagingService.Post post(SepTextMessageInput b) {
        java.time.Instant start = null;
        java.time.Duration duration = null;
        try {
            start = b.start() == null ? null : java.time.Instant.parse(b.start());
        } catch (java.time.format.DateTimeParseException e) {
            throw VtnException.invalidData("start", "start: an ISO-8601 instant such as 2026-03-02T12:00:00Z");
        }
        try {
            duration = b.duration() == null ? null : java.time.Duration.parse(b.duration());
        } catch (java.time.format.DateTimeParseException e) {
            throw VtnException.invalidData("duration", "duration: an ISO-8601 duration such as PT1H");
        }
        return new MessagingService.Post(b.text(), or(b.priority(), 1), b.originator(), start, duration, b.groupId(),
                b.lfdi());
    }

    private static SepTextMessageJson message(org.openvtn.sep.store.JdbcMessageStore.Message m) {
        return new SepTextMessageJson(m.id(), m.programId(), m.text(), m.priority(), m.originator(),
                AdminViews.text(m.start()), m.duration().toString(), m.groupId(), m.lfdi(), AdminViews.text(m.createdAt()),
                m.cancelledAt() == null ? null : AdminViews.text(m.cancelledAt()));
    }

    private List<AdminRoute> pricingRoutes() {
        return List.of(
                AdminRoute.get(TARIFF, AdminSep.guard(c -> tariff(pricing.tariff(c.param("id"))
                        .orElseThrow(() -> noTariff(c.param("id")))))),
                AdminRoute.put(TARIFF, AdminSep.guard(c -> {
                    SepTariffInput b = c.body(SepTariffInput.class);
                    if (b.currency() == null) {
                        throw VtnException.invalidData("currency", "currency is required (ISO 4217 numeric code)");
                    }
                    return tariff(pricing.putTariff(c.param("id"), new TariffDefinition(b.currency(),
                            or(b.pricePowerOfTenMultiplier(), 0), b.rateCode(), or(b.serviceCategoryKind(), 0))));
                })),
                AdminRoute.delete(TARIFF, AdminSep.guard(c -> {
                    if (!pricing.deleteTariff(c.param("id"))) {
                        throw noTariff(c.param("id"));
                    }
                    return Map.of("programId", c.param("id"), "deleted", true);
                })),
                AdminRoute.get(RATES, AdminSep.guard(c -> {
                    pricing.tariff(c.param("id")).orElseThrow(() -> noTariff(c.param("id")));
                    return pricing.rates(c.param("id")).stream().map(AdminSepFunctionSets::rate).toList();
                })),
                AdminRoute.get(RATES + "/{n}", AdminSep.guard(c -> rate(pricing.rate(c.param("id"),
                        rateId(c.param("n"))).orElseThrow(() -> noRate(c.param("id"), c.param("n")))))),
                AdminRoute.put(RATES + "/{n}", AdminSep.guard(c -> {
                    SepRateComponentInput b = c.body(SepRateComponentInput.class);
                    return rate(pricing.putRate(c.param("id"), rateId(c.param("n")), new RateComponentDefinition(
                            b.description(), b.signal(), or(b.roleFlags(), 0), or(b.flowDirection(), 1))));
                })),
                AdminRoute.delete(RATES + "/{n}", AdminSep.guard(c -> {
                    if (!pricing.deleteRate(c.param("id"), rateId(c.param("n")))) {
                        throw noRate(c.param("id"), c.param("n"));
                    }
                    return Map.of("programId", c.param("id"), "rateId", rateId(c.param("n")), "deleted", true);
                })));
    }

    private SepTariffJson tariff(PricingService.Tariff t) {
        TariffDefinition d = t.definition();
        return new SepTariffJson(t.programId(), d.currency(), d.pricePowerOfTenMultiplier(), d.rateCode(),
                d.serviceCategoryKind(), pricing.rates(t.programId()).size(), AdminViews.text(t.createdAt()));
    }

    private static SepRateComponentJson rate(PricingService.Rate r) {
        RateComponentDefinition d = r.definition();
        return new SepRateComponentJson(r.programId(), r.rateId(), d.description(), d.signal(), d.roleFlags(),
                d.flowDirection(), AdminViews.text(r.createdAt()));
    }

    private static int or(Integer v, int dflt) {
        return v == null ? dflt : v;
    }

    private static long messageId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw VtnException.invalidId("id", "the n of /messages/{n}, a number; got " + raw);
        }
    }

    private static int rateId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw VtnException.invalidId("id", "rateId: the n of .../rc/{n}, a number; got " + raw);
        }
    }

    private static VtnException noTariff(String programId) {
        return VtnException.invalidId("id", "program " + programId + " has no tariff");
    }

    private static VtnException noRate(String programId, String n) {
        return VtnException.invalidId("id", "program " + programId + " has no RateComponent " + n);
    }
}
