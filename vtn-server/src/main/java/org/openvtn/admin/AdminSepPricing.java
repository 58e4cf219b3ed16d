package org.openvtn.admin;

import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.SepRateComponentInput;
import org.openvtn.admin.api.SepRateComponentJson;
import org.openvtn.admin.api.SepTariffInput;
import org.openvtn.admin.api.SepTariffJson;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.PricingService;
import org.openvtn.sep.service.RateComponentDefinition;
import org.openvtn.sep.service.TariffDefinition;

/**
 * Admin API of the IEEE 2030.5 Pricing function set (IEEE 2030.5-2018 §10.8; docs/ieee-2030.5.md "Pricing"): a
 * program's TariffProfile and its RateComponents. The prices themselves are the program's OpenADR price events.
 */
final class AdminSepPricing {
    private static final String TARIFF = "/sep/programs/{id}/tariff";
    private static final String RATES = TARIFF + "/rates";

    private final PricingService pricing;

    AdminSepPricing(PricingService pricing) {
        this.pricing = pricing;
    }

    List<AdminRoute> routes() {
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
                    return pricing.rates(c.param("id")).stream().map(AdminSepPricing::rate).toList();
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
