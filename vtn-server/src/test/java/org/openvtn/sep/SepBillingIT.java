package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.BillingPeriodList;
import org.openvtn.schemas.sep.BillingReading;
import org.openvtn.schemas.sep.BillingReadingList;
import org.openvtn.schemas.sep.BillingReadingSetList;
import org.openvtn.schemas.sep.CustomerAccount;
import org.openvtn.schemas.sep.CustomerAccountList;
import org.openvtn.schemas.sep.CustomerAgreement;
import org.openvtn.schemas.sep.CustomerAgreementList;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.HistoricalReading;
import org.openvtn.schemas.sep.HistoricalReadingList;
import org.openvtn.schemas.sep.ProjectionReadingList;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.TargetReadingList;

/**
 * Billing function set (IEEE 2030.5-2018 §10.7, read-only; docs/ieee-2030.5.md "Billing") over CCM_8 mutual TLS: an
 * account defined through the admin API for one LFDI is reached from the program's FunctionSetAssignments down to
 * its BillingReadings, with the standard's paging ({@code s}, {@code l}, {@code a}, {@code all}/{@code results});
 * another device's account and a group's account the device is not in stay invisible; writes answer 405; the
 * SubscribableLists are served {@code subscribable="0"} and a subscription to them is refused; invalid definitions
 * are refused naming the field and nothing is stored. Every body is validated against sep.xsd ({@code resource}).
 */
class SepBillingIT {
    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    /** An account for {@code lfdi} (or {@code "group:g"}): one agreement, two periods, readings of every kind. */
    static String account(String who, String extraAgreement) {
        String target = who.startsWith("group:") ? "\"groupId\":\"" + who.substring(6) + "\"" : "\"lfdi\":\"" + who
                + "\"";
        return "{" + target + ",\"currency\":840,\"pricePowerOfTenMultiplier\":-2,\"customerAccount\":\"AC-1\","
                + "\"customerName\":\"Site one\",\"agreements\":[{\"serviceAccount\":\"SA-1\",\"serviceLocation\":"
                + "\"1 Main St\"" + extraAgreement + ",\"billingPeriods\":["
                + "{\"start\":\"2026-01-01T00:00:00Z\",\"duration\":\"P31D\",\"billLastPeriod\":12000,\"billToDate\":"
                + "9000},{\"start\":\"2026-02-01T00:00:00Z\",\"duration\":\"P28D\",\"billToDate\":4500,"
                + "\"statusTimeStamp\":\"2026-02-10T00:00:00Z\"}],"
                + "\"historicalReadings\":[{\"description\":\"energy\",\"uom\":72,\"powerOfTenMultiplier\":3,"
                + "\"readingSets\":[{\"start\":\"2026-01-01T00:00:00Z\",\"duration\":\"P1D\",\"readings\":["
                + "{\"start\":\"2026-01-01T00:00:00Z\",\"duration\":\"PT12H\",\"value\":7,\"charges\":[{\"kind\":0,"
                + "\"value\":210,\"description\":\"energy\"}]},{\"start\":\"2026-01-01T12:00:00Z\",\"duration\":"
                + "\"PT12H\",\"value\":5}]}]}],"
                + "\"projectionReadings\":[{\"uom\":72,\"readingSets\":[]}],"
                + "\"targetReadings\":[{\"uom\":72},{\"uom\":38}]}]}";
    }

    private static HttpResponse<String> put(Program p, int n, String body) throws Exception {
        return ADMIN.get().call("PUT", "/sep/programs/" + p.id() + "/billing/accounts/" + n, body);
    }

    @Test
    void accountReadDownToReadingsOnlyByItsDevice() throws Exception {
        Credential cred = SepFixture.PKI.device();
        Credential other = SepFixture.PKI.deviceViaMca();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program p = ADMIN.get().fx.core.programs().create("billing", "http://example.com/billing");
        try (SepFixture.Client device = ADMIN.get().fx.client(cred);
             SepFixture.Client neighbour = ADMIN.get().fx.client(other)) {
            String edev = SepServerIT.register(device, cred);
            String edev2 = SepServerIT.register(neighbour, other);
            String fsa = edev + "/fsa/" + p.id();
            assertEquals(0, device.get(fsa).resource(FunctionSetAssignments.class).getCustomerAccountListLink()
                    .getAll());
            HttpResponse<String> r = put(p, 1, account(lfdi, ",\"description\":\"residential\""));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(200, put(p, 2, account(SepIdentity.lfdi(other.certificate()), "")).statusCode());
            assertEquals(200, put(p, 3, account("group:billing-g", "").replace("Site one", "Another site"))
                    .statusCode());

            String caList = device.get(fsa).resource(FunctionSetAssignments.class).getCustomerAccountListLink()
                    .getHref();
            CustomerAccountList cal = device.get(caList + "?l=10").resource(CustomerAccountList.class);
            assertEquals(1, cal.getAll(), "only the account of this device's LFDI (not the neighbour's or the"
                    + " group's)");
            assertEquals(0, cal.getSubscribable());
            assertEquals(200, ADMIN.get().call("PUT", "/sep/poll-rates/CustomerAccountList", "{\"seconds\": 3600}")
                    .statusCode());
            assertEquals(3600L, device.get(caList).resource(CustomerAccountList.class).getPollRate(),
                    "the operator's pollRate for CustomerAccountList");
            assertEquals(200, ADMIN.get().call("DELETE", "/sep/poll-rates/CustomerAccountList", null).statusCode());
            CustomerAccount ca = cal.getCustomerAccount().get(0);
            assertEquals(840, ca.getCurrency());
            assertEquals(-2, ca.getPricePowerOfTenMultiplier().getValue());
            assertEquals("Site one", ca.getCustomerName());
            assertEquals(404, device.get(edev + "/ca/" + p.id() + "/2").status(), "the neighbour's account");
            assertEquals(404, device.get(edev + "/ca/" + p.id() + "/3").status(), "a group the device is not in");
            assertTrue(device.get(edev2 + "/ca/" + p.id() + "/2").status() >= 400, "another EndDevice's path");
            assertEquals(1, neighbour.get(edev2 + "/fsa/" + p.id() + "/ca").resource(CustomerAccountList.class)
                    .getAll());

            CustomerAgreementList agl = device.get(ca.getCustomerAgreementListLink().getHref())
                    .resource(CustomerAgreementList.class);
            assertEquals(1, agl.getAll());
            CustomerAgreement ag = device.get(agl.getCustomerAgreement().get(0).getHref())
                    .resource(CustomerAgreement.class);
            assertEquals("1 Main St", ag.getServiceLocation());
            assertNull(ag.getTariffProfileLink(), "no tariff asked for");

            String bp = ag.getBillingPeriodListLink().getHref();
            BillingPeriodList bpl = device.get(bp + "?l=10").resource(BillingPeriodList.class);
            assertEquals(2, bpl.getAll());
            assertEquals(0, bpl.getSubscribable());
            assertEquals(1769904000L, bpl.getBillingPeriod().get(0).getInterval().getStart().getValue(),
                    "newest period first");
            BillingPeriodList page2 = device.get(bp + "?s=1&l=1").resource(BillingPeriodList.class);
            assertEquals(2, page2.getAll());
            assertEquals(1, page2.getResults());
            assertEquals(12000L, page2.getBillingPeriod().get(0).getBillLastPeriod());
            assertEquals(1, device.get(bp + "?a=1769904000&l=10").resource(BillingPeriodList.class).getAll(),
                    "a: periods starting at or after it");
            assertEquals(1, device.get(bp).resource(BillingPeriodList.class).getResults(), "l defaults to 1");

            HistoricalReadingList hrl = device.get(ag.getHistoricalReadingListLink().getHref())
                    .resource(HistoricalReadingList.class);
            HistoricalReading hr = hrl.getHistoricalReading().get(0);
            ReadingType rt = device.get(hr.getReadingTypeLink().getHref()).resource(ReadingType.class);
            assertEquals(72, rt.getUom().getValue());
            assertEquals(3, rt.getPowerOfTenMultiplier().getValue());
            BillingReadingSetList rsl = device.get(hr.getBillingReadingSetListLink().getHref())
                    .resource(BillingReadingSetList.class);
            assertEquals(1, rsl.getAll());
            String readings = rsl.getBillingReadingSet().get(0).getBillingReadingListLink().getHref();
            BillingReadingList brl = device.get(readings + "?l=10").resource(BillingReadingList.class);
            assertEquals(2, brl.getAll());
            BillingReading first = device.get(brl.getBillingReading().get(0).getHref()).resource(BillingReading.class);
            assertEquals(7L, first.getValue());
            assertEquals(210, first.getCharge().get(0).getValue());
            assertEquals(0, device.get(ag.getProjectionReadingListLink().getHref()).resource(
                    ProjectionReadingList.class).getProjectionReading().get(0).getBillingReadingSetListLink().getAll());
            assertEquals(2, device.get(ag.getTargetReadingListLink().getHref() + "?l=2").resource(
                    TargetReadingList.class).getResults());
            assertEquals(404, device.get(readings + "/3").status());

            for (String path : new String[] {caList, ca.getHref(), bp, readings + "/1"}) {
                assertEquals(405, device.post(path, new byte[0]).status(), "read-only: POST " + path);
                assertEquals(405, device.send("DELETE", path, null).status(), "read-only: DELETE " + path);
            }
            assertEquals(400, device.post(edev + "/sub", SepSubscriptionIT.subscription(caList,
                    "https://127.0.0.1:1/n", 10)).status(), "CustomerAccountList is served subscribable=0");

            assertEquals(200, ADMIN.get().call("PUT", "/sep/devices/" + lfdi + "/groups",
                    "{\"groupIds\": [\"billing-g\"]}").statusCode());
            CustomerAccountList both = device.get(caList + "?l=10").resource(CustomerAccountList.class);
            assertEquals(2, both.getAll(), "the group's account once the device is in the group");
            assertTrue(both.getCustomerAccount().get(0).getHref().endsWith("/3"),
                    "Table 45: customerName ascending ('Another site' before 'Site one')");
            assertEquals(200, ADMIN.get().call("DELETE", "/sep/programs/" + p.id() + "/billing/accounts/3", null)
                    .statusCode());
            assertEquals(404, ADMIN.get().call("DELETE", "/sep/programs/" + p.id() + "/billing/accounts/3", null)
                    .statusCode());
            assertEquals(1, device.get(caList).resource(CustomerAccountList.class).getAll());
        }
    }

    /** Refused definitions name the field and store nothing; a tariff link needs the program's TariffProfile. */
    @Test
    void invalidDefinitionsRefused() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program p = ADMIN.get().fx.core.programs().create("billing-bad", "http://example.com/billing-bad");
        try (SepFixture.Client device = ADMIN.get().fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            String good = account(lfdi, "");
            assertEquals("lfdi", SepAdminFixture.refusedField(put(p, 1, good.replace(lfdi, "AB".repeat(20)))),
                    "an LFDI no EndDevice has");
            assertEquals("agreements[0].historicalReadings[0].uom", SepAdminFixture.refusedField(put(p, 1,
                    good.replace("\"uom\":72,\"powerOfTenMultiplier\":3", "\"uom\":71000"))));
            assertEquals("agreements[0].billingPeriods[1].duration", SepAdminFixture.refusedField(put(p, 1,
                    good.replace("P28D", "P500D"))));
            assertEquals("agreements[0].historicalReadings[0].readingSets[0].readings[1].start",
                    SepAdminFixture.refusedField(put(p, 1, good.replace("2026-01-01T12:00:00Z",
                            "2026-01-05T00:00:00Z"))),
                    "a reading outside its set's interval");
            assertEquals("agreements[0].tariff", SepAdminFixture.refusedField(put(p, 1, account(lfdi,
                    ",\"tariff\":true"))), "no TariffProfile to link");
            assertEquals("lfdi", SepAdminFixture.refusedField(put(p, 1, good.replace("\"lfdi\":\"" + lfdi + "\"",
                    "\"lfdi\":\"" + lfdi + "\",\"groupId\":\"g\""))));
            assertEquals(404, ADMIN.get().call("GET", "/sep/programs/" + p.id() + "/billing/accounts/1", null)
                    .statusCode(), "nothing stored");
            assertEquals(0, device.get(edev + "/fsa/" + p.id() + "/ca").resource(CustomerAccountList.class).getAll());

            assertEquals(200, ADMIN.get().call("PUT", "/sep/programs/" + p.id() + "/tariff", "{\"currency\":840}")
                    .statusCode());
            assertEquals(200, put(p, 1, account(lfdi, ",\"tariff\":true")).statusCode());
            CustomerAgreement ag = device.get(edev + "/ca/" + p.id() + "/1/ag/1").resource(CustomerAgreement.class);
            assertEquals(edev + "/tp/" + p.id(), ag.getTariffProfileLink().getHref());
            // CSIP BASIC-002/003: a program offered to other groups hides its billing paths too
            assertEquals(200, ADMIN.get().call("PUT", "/sep/programs/" + p.id() + "/groups",
                    "{\"groupIds\": [\"nobody-here\"]}").statusCode());
            assertEquals(404, device.get(edev + "/ca/" + p.id() + "/1").status());
            assertEquals(404, device.get(edev + "/fsa/" + p.id() + "/ca").status());
            assertEquals(404, ADMIN.get().call("PUT", "/sep/programs/nope/billing/accounts/1", good).statusCode());
        }
    }

    /** CSIP AGG-* / CSIP-AUS S-ALL-03: an aggregator reads its site's account, never another client's. */
    @Test
    void aggregatorSeesOnlyItsSitesAccounts() throws Exception {
        String site = "A1".repeat(20);
        Credential aggCred = SepFixture.PKI.device();
        Credential otherCred = SepFixture.PKI.deviceViaMca();
        try (SepAdminFixture admin = new SepAdminFixture(new SepFixture());
             SepFixture.Client agg = admin.fx.client(aggCred); SepFixture.Client other = admin.fx.client(otherCred)) {
            assertEquals(200, admin.call("PUT", "/sep/aggregators/" + SepIdentity.lfdi(aggCred.certificate()),
                    "{\"sites\":[\"" + site + "\"],\"selfRegister\":true}").statusCode());
            String otherEdev = SepServerIT.register(other, otherCred);
            SepFixture.Reply posted = agg.post("/edev", SepServerIT.endDevice(java.util.HexFormat.of().parseHex(site),
                    SepIdentity.sfdiFromLfdi(site)));
            assertEquals(201, posted.status(), posted.text());
            String siteEdev = posted.header("Location");
            Program p = admin.fx.core.programs().create("agg-billing", "http://example.com/agg-billing");
            String base = "/sep/programs/" + p.id() + "/billing/accounts/";
            assertEquals(200, admin.call("PUT", base + "1", account(site, "")).statusCode());
            assertEquals(200, admin.call("PUT", base + "2", account(SepIdentity.lfdi(otherCred.certificate()), ""))
                    .statusCode());

            CustomerAccountList l = agg.get(siteEdev + "/fsa/" + p.id() + "/ca?l=10")
                    .resource(CustomerAccountList.class);
            assertEquals(1, l.getAll(), "the site's account only");
            assertTrue(l.getCustomerAccount().get(0).getHref().endsWith("/ca/" + p.id() + "/1"));
            assertEquals(404, agg.get(siteEdev + "/ca/" + p.id() + "/2").status(), "the other client's account");
            assertTrue(agg.get(otherEdev + "/ca/" + p.id() + "/2").status() >= 400, "below another client's EndDevice");
            assertTrue(other.get(siteEdev + "/ca/" + p.id() + "/1").status() >= 400, "the site's account to another");
        }
    }
}
