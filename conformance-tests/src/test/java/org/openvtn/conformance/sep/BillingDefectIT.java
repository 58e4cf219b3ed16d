package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Request;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;

/**
 * BILLING-001 (IEEE 2030.5-2018 §10.7; §5.4 lists) against a defective 2030.5 server (a test double over real mutual
 * TLS): it serves the account the driver defined down to its three BillingPeriods, refuses writes with 405, but its
 * BillingPeriodList ignores {@code s} (every page starts at the first period). The case FAILs on
 * {@code sep.billing.paging}.
 */
class BillingDefectIT {
    private static final String NS = SepDouble.NS;
    private static final String AG = "/edev/1/ca/1/1/ag";
    private static final String BP = AG + "/1/bp";
    private static final AtomicReference<String> DEFINED = new AtomicReference<>();
    private static SepDouble server;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> more = new LinkedHashMap<>();
        more.put("/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"1\" results=\"1\">"
                + "<FunctionSetAssignments href=\"/edev/1/fsa/1\"><CustomerAccountListLink all=\"1\""
                + " href=\"/edev/1/fsa/1/ca\"/><mRID>0F000000000000000000000000000001</mRID></FunctionSetAssignments>"
                + "</FunctionSetAssignmentsList>");
        more.put(AG, "<CustomerAgreementList " + NS + " href=\"" + AG + "\" all=\"1\" results=\"1\" subscribable=\"0\">"
                + "<CustomerAgreement href=\"" + AG + "/1\"><mRID>0F000000000000000000000000000003</mRID>"
                + "<BillingPeriodListLink all=\"3\" href=\"" + BP + "\"/></CustomerAgreement></CustomerAgreementList>");
        Map<String, String> pages = SepDouble.devicePages(
                "<FunctionSetAssignmentsListLink all=\"1\" href=\"/edev/1/fsa\"/>", more);
        server = SepDouble.start(pages, (request, response, callback, path) -> {
            if (!"GET".equals(request.getMethod())) {
                SepDouble.status(response, callback, 405);
                return true;
            }
            if (path.equals("/edev/1/fsa/1/ca") && DEFINED.get() != null) {
                SepDouble.page(response, callback, "<CustomerAccountList " + NS + " href=\"" + path + "\" all=\"1\""
                        + " results=\"1\" subscribable=\"0\"><CustomerAccount href=\"/edev/1/ca/1/1\">"
                        + "<mRID>0F000000000000000000000000000002</mRID><currency>840</currency><customerAccount>"
                        + DEFINED.get() + "</customerAccount><CustomerAgreementListLink all=\"1\" href=\"" + AG
                        + "\"/><pricePowerOfTenMultiplier>0</pricePowerOfTenMultiplier></CustomerAccount>"
                        + "</CustomerAccountList>");
                return true;
            }
            if (!path.equals(BP)) {
                return false;
            }
            var q = Request.extractQueryParameters(request);
            int l = q.get("l") == null ? 1 : Integer.parseInt(q.get("l").getValue());
            StringBuilder items = new StringBuilder();
            int n = Math.min(l, 3);
            for (int i = 0; i < n; i++) { // the defect: s is ignored
                items.append("<BillingPeriod href=\"" + BP + "/" + (i + 1) + "\"><interval><duration>2592000"
                        + "</duration><start>" + (1767225600L + 2592000L * (2 - i)) + "</start></interval>"
                        + "</BillingPeriod>");
            }
            SepDouble.page(response, callback, "<BillingPeriodList " + NS + " href=\"" + BP + "\" all=\"3\" results=\""
                    + n + "\" subscribable=\"0\">" + items + "</BillingPeriodList>");
            return true;
        }, (request, response, callback, path) -> {
            if ("PUT".equals(request.getMethod()) && path.contains("/billing/accounts/")) {
                DEFINED.set(SepDouble.jsonString(SepDouble.body(request), "customerAccount"));
            }
            return false;
        });
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A BillingPeriodList that ignores s fails the case on paging. */
    @Test
    void ignoredStartIndexFails() {
        CaseResult r = server.run(Set.of(SepServerSuite.BILLING), "BILLING-001").get("BILLING-001");
        assertEquals(Verdict.FAIL, r.verdict(), r.reason() + " " + r.violations());
        assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(BillingCases.PAGING)
                && v.message().contains("second")), r.violations().toString());
        assertTrue(r.violations().stream().noneMatch(v -> v.rule().equals(BillingCases.PUBLISHED)
                || v.rule().equals(BillingCases.READ_ONLY)), r.violations().toString());
    }
}
