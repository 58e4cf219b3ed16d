package org.openvtn.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.BillingAccountDefinition;
import org.openvtn.sep.service.BillingService;

/**
 * Admin API of the IEEE 2030.5 Billing function set (IEEE 2030.5-2018 §10.7; docs/ieee-2030.5.md "Billing"): a
 * program's CustomerAccounts, each for one LFDI or one group, with their agreements, billing periods and readings.
 * {@code PUT} replaces a whole account (validated; nothing is stored when refused), {@code DELETE} removes it.
 */
final class AdminSepBilling {
    private static final String ACCOUNTS = "/sep/programs/{id}/billing/accounts";

    private final BillingService billing;

    AdminSepBilling(BillingService billing) {
        this.billing = billing;
    }

    List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get(ACCOUNTS, AdminSep.guard(c -> billing.list(c.param("id")).stream()
                        .map(AdminSepBilling::json).toList())),
                AdminRoute.get(ACCOUNTS + "/{n}", AdminSep.guard(c -> json(billing.get(c.param("id"),
                        accountId(c.param("n"))).orElseThrow(() -> none(c.param("id"), c.param("n")))))),
                AdminRoute.put(ACCOUNTS + "/{n}", AdminSep.guard(c -> json(billing.put(c.param("id"),
                        accountId(c.param("n")), c.body(BillingAccountDefinition.class))))),
                AdminRoute.delete(ACCOUNTS + "/{n}", AdminSep.guard(c -> {
                    int n = accountId(c.param("n"));
                    if (!billing.delete(c.param("id"), n)) {
                        throw none(c.param("id"), c.param("n"));
                    }
                    return Map.of("programId", c.param("id"), "accountId", n, "deleted", true);
                })));
    }

    private static Map<String, Object> json(BillingService.Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("programId", a.programId());
        m.put("accountId", a.accountId());
        m.put("createdAt", AdminViews.text(a.createdAt()));
        m.put("account", a.definition());
        return m;
    }

    private static int accountId(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw VtnException.invalidId("id", "accountId: the n of /billing/accounts/{n}, a number; got " + raw);
        }
    }

    private static VtnException none(String programId, String n) {
        return VtnException.invalidId("id", "program " + programId + " has no billing account " + n);
    }
}
