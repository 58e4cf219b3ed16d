package org.openvtn.conformance.sep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Billing function set (IEEE 2030.5-2018 §10.7, read-only for clients). No official server procedure covers it, so
 * the row is named {@code BILLING-001} (an extension without an official ID): an account the driver defines for the
 * device is reachable through FunctionSetAssignments -> CustomerAccountList -> CustomerAccount ->
 * CustomerAgreementList -> CustomerAgreement -> BillingPeriodList; another device's account never appears in this
 * device's lists; the BillingPeriodList pages with {@code s}/{@code l} and reports {@code all}/{@code results}
 * (§5.4 list rules); the CustomerAccountList refuses a POST with 405 (the function set is read-only).
 */
final class BillingCases {

    /** The defined account is reachable with its customerAccount. */
    static final String PUBLISHED = "sep.billing.published";
    /** No account of another device appears in this device's CustomerAccountLists. */
    static final String ISOLATED = "sep.billing.isolated";
    /** The BillingPeriodList honours s and l and reports all and results. */
    static final String PAGING = "sep.billing.paging";
    /** Writes to a Billing resource answer 405. */
    static final String READ_ONLY = "sep.billing.read-only";
    /** Billing periods the driver defines. */
    static final int PERIODS = 3;

    private BillingCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("BILLING-001"), "A CustomerAccount defined for the device is reachable"
                        + " from its FunctionSetAssignments down to the BillingPeriodList, another device's account is"
                        + " not, the BillingPeriodList pages with s/l/all/results, and a POST is refused with 405",
                "IEEE 2030.5-2018 §10.7 Billing (CustomerAccount, CustomerAgreement, BillingPeriod); §5.4 lists",
                Set.of(SepServerSuite.BILLING), BillingCases::billing));
    }

    private static void billing(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String token = "acct-" + UUID.randomUUID().toString().substring(0, 8);
        s.driver(ctx).defineBillingAccount(ctx, s.mainDevice(), token, PERIODS);
        String otherToken = null;
        Optional<DeviceIdentity> other = s.otherDevice(0);
        if (other.isPresent()) {
            s.client(ctx, other.get()).endDevice();
            otherToken = "other-" + UUID.randomUUID().toString().substring(0, 8);
            s.driver(ctx).defineBillingAccount(ctx, other.get(), otherToken, 1);
        }
        List<String> lists = new ArrayList<>();
        List<Element> accounts = accounts(c, lists);
        Element mine = accounts.stream().filter(a -> SepXml.text(a, "customerAccount").map(token::equals)
                .orElse(false)).findFirst().orElseThrow(() -> ctx.fail(PUBLISHED, "CustomerAccountList", "no"
                + " CustomerAccount with customerAccount '" + token + "' in any CustomerAccountList of the device's"
                + " FunctionSetAssignments"));
        String leaked = otherToken;
        SepCases.check(ctx, leaked == null || accounts.stream().noneMatch(a -> SepXml.text(a, "customerAccount")
                .map(leaked::equals).orElse(false)), ISOLATED, "CustomerAccountList", "the account defined for "
                + "another device ('" + leaked + "') is listed for this device");
        String agreements = c.link(mine, "CustomerAgreementListLink");
        Element agreement = c.items("GET CustomerAgreementList", agreements, "CustomerAgreementList").stream()
                .findFirst().orElseThrow(() -> ctx.fail(PUBLISHED, agreements, "the account has no CustomerAgreement"));
        paging(ctx, c, c.link(agreement, "BillingPeriodListLink"));
        // a schema-valid CustomerAccount, as a client trying to create one would send it
        SepReply post = c.post("POST CustomerAccountList", lists.get(0), "<CustomerAccount xmlns=\"" + SepXml.NS
                + "\"><mRID>0F0000000000000000000000000000AA</mRID><currency>840</currency>"
                + "<pricePowerOfTenMultiplier>0</pricePowerOfTenMultiplier></CustomerAccount>");
        SepCases.check(ctx, post.status() == 405, READ_ONLY, lists.get(0), "POST answered " + post.status()
                + "; the Billing function set is read-only for clients (405)");
    }

    private static void paging(CaseContext ctx, SepClientHarness c, String href) {
        Element full = c.expect(c.get("GET BillingPeriodList l=" + PERIODS, href, Map.of("l",
                Integer.toString(PERIODS))), 200, "BillingPeriodList");
        List<Element> all = SepRules.items(full);
        SepCases.check(ctx, "3".equals(SepXml.attr(full, "all").orElse("")) && all.size() == PERIODS, PAGING, href,
                "expected all=\"" + PERIODS + "\" and " + PERIODS + " BillingPeriods with l=" + PERIODS + "; got all=\""
                        + SepXml.attr(full, "all").orElse("(none)") + "\" and " + all.size());
        Element page = c.expect(c.get("GET BillingPeriodList s=1 l=1", href, Map.of("s", "1", "l", "1")), 200,
                "BillingPeriodList");
        List<Element> items = SepRules.items(page);
        boolean second = items.size() == 1 && all.size() > 1 && SepXml.attr(items.get(0), "href")
                .equals(SepXml.attr(all.get(1), "href"));
        SepCases.check(ctx, second && "1".equals(SepXml.attr(page, "results").orElse(""))
                && "3".equals(SepXml.attr(page, "all").orElse("")), PAGING, href + "?s=1&l=1", "expected the second"
                + " BillingPeriod alone with all=\"3\" results=\"1\"; got " + items.size() + " item(s), all=\""
                + SepXml.attr(page, "all").orElse("(none)") + "\" results=\"" + SepXml.attr(page, "results")
                .orElse("(none)") + "\"");
    }

    private static List<Element> accounts(SepClientHarness c, List<String> lists) {
        Element edev = c.endDevice();
        Optional<String> fsaList = SepXml.link(edev, "FunctionSetAssignmentsListLink");
        List<Element> out = new ArrayList<>();
        for (Element fsa : fsaList.isEmpty() ? List.<Element>of() : c.items("GET FunctionSetAssignmentsList",
                fsaList.get(), "FunctionSetAssignmentsList")) {
            SepXml.link(fsa, "CustomerAccountListLink").ifPresent(l -> {
                lists.add(l);
                out.addAll(c.items("GET CustomerAccountList", l, "CustomerAccountList"));
            });
        }
        return out;
    }
}
