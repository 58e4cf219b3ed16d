package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.MirrorUsagePointList;

/**
 * Aggregator clients (CSIP AGG-001..012, CSIP-AUS S-ALL-03 "Discovery with In-Band Registration for Aggregator
 * Clients"; docs/ieee-2030.5.md "Aggregator clients"): one certificate, registered through the admin API with its
 * sites, POSTs an EndDevice per site, pages through exactly its own EndDevices, reads their function sets and posts
 * their mirrors; it never sees another client's resources (404, S-ALL-05) and may not register an LFDI it was not
 * given (403, as S-ALL-52). Another device never sees the aggregator's sites. One listener for the class.
 */
class SepAggregatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SITE_A = "A1".repeat(20);
    private static final String SITE_B = "B2".repeat(20);
    private static final String SITE_C = "C3".repeat(20);

    private static SepAdminFixture admin;
    private static Credential aggCred;
    private static Credential otherCred;
    private static SepFixture.Client agg;
    private static SepFixture.Client other;

    @BeforeAll
    static void start() throws Exception {
        admin = new SepAdminFixture(new SepFixture());
        aggCred = SepFixture.PKI.device();
        otherCred = SepFixture.PKI.deviceViaMca();
        agg = admin.fx.client(aggCred);
        other = admin.fx.client(otherCred);
    }

    @AfterAll
    static void stop() throws Exception {
        agg.close();
        other.close();
        admin.close();
    }

    private static byte[] site(String lfdi, Long sfdi) throws Exception {
        return SepServerIT.endDevice(HexFormat.of().parseHex(lfdi), sfdi == null ? SepIdentity.sfdiFromLfdi(lfdi)
                : sfdi);
    }

    private static byte[] mup(String mrid, String deviceLfdi) {
        return ("<MirrorUsagePoint xmlns=\"urn:ieee:std:2030.5:ns\"><mRID>" + mrid + "</mRID><description>site"
                + "</description><roleFlags>03</roleFlags><serviceCategoryKind>0</serviceCategoryKind><status>1</status>"
                + "<deviceLFDI>" + deviceLfdi + "</deviceLFDI></MirrorUsagePoint>").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] reading() {
        return ("<MirrorMeterReading xmlns=\"urn:ieee:std:2030.5:ns\"><mRID>2100006CC8AD</mRID><Reading><value>5"
                + "</value></Reading><ReadingType><commodity>1</commodity><flowDirection>1</flowDirection><kind>37</kind>"
                + "<powerOfTenMultiplier>0</powerOfTenMultiplier><uom>38</uom></ReadingType></MirrorMeterReading>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** CSIP-AUS S-ALL-03 / CSIP AGG-*: registration, paging, visibility, function sets and mirrors per site. */
    @Test
    void aggregatorManagesOnlyItsSites() throws Exception {
        String aggLfdi = SepIdentity.lfdi(aggCred.certificate());
        HttpResponse<String> put = admin.call("PUT", "/sep/aggregators/" + aggLfdi,
                "{\"sites\":[\"" + SITE_A + "\"],\"selfRegister\":true}");
        assertEquals(200, put.statusCode(), put.body());
        String otherEdev = SepServerIT.register(other, otherCred);
        Program p = admin.fx.core.programs().create("agg", "http://example.com/agg");

        SepFixture.Reply a = agg.post("/edev", site(SITE_A, null));
        assertEquals(201, a.status(), a.text());
        SepFixture.Reply b = agg.post("/edev", site(SITE_B, null));
        assertEquals(201, b.status(), "self-registration: " + b.text());
        SepFixture.Reply dup = agg.post("/edev", site(SITE_A, null));
        assertEquals(409, dup.status(), "S-ALL-51: one EndDevice per LFDI");
        assertEquals(a.header("Location"), dup.header("Location"));
        assertEquals(403, agg.post("/edev", SepServerIT.endDevice(SepServerIT.lfdiOf(otherCred),
                SepServerIT.sfdiOf(otherCred))).status(), "another client's LFDI");
        assertEquals(400, agg.post("/edev", site(SITE_C, 1L)).status(), "an sFDI that is not the lFDI's (§6.3.3)");

        EndDeviceList page1 = agg.get("/edev?l=1").resource(EndDeviceList.class);
        assertEquals(2, page1.getAll());
        assertEquals(1, page1.getResults());
        EndDeviceList page2 = agg.get("/edev?s=1&l=1").resource(EndDeviceList.class);
        List<String> seen = List.of(page1.getEndDevice().get(0).getHref(), page2.getEndDevice().get(0).getHref());
        assertTrue(seen.contains(a.header("Location")) && seen.contains(b.header("Location")), seen.toString());
        assertEquals(404, agg.get(otherEdev).status(), "another device's EndDevice is not disclosed (S-ALL-05)");
        assertEquals(1, other.get("/edev?l=10").resource(EndDeviceList.class).getAll());
        assertEquals(404, other.get(a.header("Location")).status(), "a site is not another device's");

        String edevA = a.header("Location");
        EndDevice d = agg.get(edevA).resource(EndDevice.class);
        assertEquals(SITE_A, HexFormat.of().withUpperCase().formatHex(d.getLFDI()));
        assertEquals(SepIdentity.sfdiFromLfdi(SITE_A), d.getSFDI().getValue());
        admin.call("PUT", "/sep/devices/" + SITE_A + "/groups", "{\"groupIds\":[\"g\"]}");
        FunctionSetAssignmentsList fsa = agg.get(edevA + "/fsa?l=10").resource(FunctionSetAssignmentsList.class);
        assertTrue(fsa.getAll() >= 1, "the site's FunctionSetAssignments");
        assertEquals(1, agg.get(edevA + "/fsa/" + p.id() + "/derp").resource(DERProgramList.class).getAll());
        // a site the operator disabled (EndDevice.enabled false) answers nothing below its EndDevice to the aggregator
        admin.call("PUT", "/sep/devices/" + SITE_A + "/enabled", "{\"enabled\":false}");
        assertEquals(403, agg.get(edevA + "/fsa").status());
        assertEquals(Boolean.FALSE, agg.get(edevA).resource(EndDevice.class).isEnabled());
        admin.call("PUT", "/sep/devices/" + SITE_A + "/enabled", "{\"enabled\":true}");
        assertEquals(200, agg.get(edevA + "/fsa").status());

        SepFixture.Reply m = agg.post("/mup", mup("2100006CC8AA", SITE_A));
        assertEquals(201, m.status(), m.text());
        assertEquals(403, agg.post("/mup", mup("2100006CC8AB", SepIdentity.lfdi(otherCred.certificate()))).status(),
                "a mirror for a device it does not manage");
        assertEquals(1, agg.get("/mup?l=10").resource(MirrorUsagePointList.class).getAll());
        assertEquals(200, agg.get(m.header("Location")).status());
        assertEquals(0, other.get("/mup").resource(MirrorUsagePointList.class).getAll());
        assertEquals(404, other.get(m.header("Location")).status(), "another client's mirror");
        // issue #17: the mirror POSTs for a disabled site are refused too (403, one WARN line), nothing stored
        admin.call("PUT", "/sep/devices/" + SITE_A + "/enabled", "{\"enabled\":false}");
        assertEquals(403, agg.post("/mup", mup("2100006CC8AC", SITE_A)).status(), "a new mirror for a disabled site");
        assertEquals(403, agg.post("/mup", mup("2100006CC8AA", SITE_A)).status(), "re-POST of a disabled site's mirror");
        assertEquals(403, agg.post(m.header("Location"), reading()).status(), "a reading for a disabled site");
        assertEquals(403, agg.get(m.header("Location")).status(), "a disabled site's mirror");
        assertEquals(1, agg.get("/mup?l=10").resource(MirrorUsagePointList.class).getAll(), "nothing stored");
        admin.call("PUT", "/sep/devices/" + SITE_A + "/enabled", "{\"enabled\":true}");
        assertEquals(201, agg.post(m.header("Location"), reading()).status(), "enabled again");

        JsonNode view = JSON.readTree(admin.call("GET", "/sep/aggregators/" + aggLfdi, null).body());
        assertEquals(2, view.get("endDevices").size(), view.toString());
        assertEquals(SITE_B, view.get("selfRegisteredSites").get(0).asText());
    }

    /** Without the self-registration right an unnamed LFDI is refused (403); the admin API refuses bad sites. */
    @Test
    void registrationRulesAndAdminValidation() throws Exception {
        String otherLfdi = SepIdentity.lfdi(otherCred.certificate());
        String aggLfdi = SepIdentity.lfdi(aggCred.certificate());
        String second = "D4".repeat(20);
        assertEquals(200, admin.call("PUT", "/sep/aggregators/" + second, "{\"sites\":[\"" + "E5".repeat(20)
                + "\"]}").statusCode());
        HttpResponse<String> taken = admin.call("PUT", "/sep/aggregators/" + otherLfdi, "{\"sites\":[\""
                + "E5".repeat(20) + "\"]}");
        assertEquals(400, taken.statusCode(), taken.body());
        assertEquals("sites", JSON.readTree(taken.body()).get("field").asText());
        assertEquals(400, admin.call("PUT", "/sep/aggregators/" + otherLfdi, "{\"sites\":[\"xyz\"]}").statusCode());
        assertEquals(400, admin.call("PUT", "/sep/aggregators/" + otherLfdi, "{\"sites\":[\"" + second + "\"]}")
                .statusCode(), "an aggregator is not a site");
        assertEquals(200, admin.call("PUT", "/sep/aggregators/" + otherLfdi, "{\"selfRegister\":false}").statusCode());
        assertEquals(403, other.post("/edev", site("F6".repeat(20), null)).status(), "no self-registration right");
        assertEquals(200, admin.call("DELETE", "/sep/aggregators/" + otherLfdi, null).statusCode());
        assertEquals(404, admin.call("GET", "/sep/aggregators/" + otherLfdi, null).statusCode());
        assertTrue(admin.call("GET", "/sep/aggregators", null).body().contains(second));
        assertTrue(aggLfdi.length() == 40);
    }
}
