package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.EventSpec;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.CsipAusElement;
import org.openvtn.schemas.sep.ConsumptionTariffInterval;
import org.openvtn.schemas.sep.ConsumptionTariffIntervalList;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.PriceResponse;
import org.openvtn.schemas.sep.RateComponent;
import org.openvtn.schemas.sep.ReadingType;
import org.openvtn.schemas.sep.TariffProfile;
import org.openvtn.schemas.sep.TariffProfileList;
import org.openvtn.schemas.sep.TimeTariffInterval;
import org.openvtn.schemas.sep.TimeTariffIntervalList;
import org.openvtn.schemas.sep.TimeType;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;

/**
 * Pricing function set (IEEE 2030.5-2018 §10.5; docs/ieee-2030.5.md "Pricing"), over CCM_8 mutual TLS: a tariff and a
 * rate component defined through the admin API, an OpenADR ELECTRICITY_PRICE/price event of the program served as
 * TimeTariffIntervals (events: EventStatus Scheduled -> Active, Superseded by a newer overlapping price, replyTo and
 * responseRequired, a PriceResponse accepted) with the price in the ConsumptionTariffInterval; the TTI list
 * subscribable, the RateComponentList not; admin validation naming the field; with CSIP-AUS 1.3 bound the
 * CombinedTimeTariffIntervalList and the TTI summary (csipaus-core-v1.3.xsd Pricing Extensions), validated by the
 * client against the CSIP-AUS schema.
 */
class SepPricingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARIFF = "{\"currency\":840,\"pricePowerOfTenMultiplier\":-4,\"rateCode\":\"TOU-1\"}";

    private SepAdminFixture admin;
    private Program program;
    private final Credential cred = SepFixture.PKI.device();

    @BeforeEach
    void start() throws Exception {
        admin = new SepAdminFixture(new SepFixture());
        program = admin.fx.core.programs().create("tou", "http://example.com/tou", OverlapPolicy.SUPERSEDE);
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    private String lfdi() {
        return SepIdentity.lfdi(cred.certificate());
    }

    private void price(Duration in, double... values) {
        List<Map.Entry<Duration, Double>> ivs = new java.util.ArrayList<>();
        for (double v : values) {
            ivs.add(Map.entry(Duration.ofMinutes(30), v));
        }
        admin.fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plus(in))
                .targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.ALWAYS)
                .signal("ELECTRICITY_PRICE", "price", "USD/kWh", ivs).build());
    }

    private void defineTariff() throws Exception {
        String base = "/sep/programs/" + program.id() + "/tariff";
        HttpResponse<String> t = admin.call("PUT", base, TARIFF);
        assertEquals(200, t.statusCode(), t.body());
        HttpResponse<String> r = admin.call("PUT", base + "/rates/1", "{\"signal\":\"ELECTRICITY_PRICE\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String field(HttpResponse<String> r) throws Exception {
        return SepAdminFixture.refusedField(r);
    }

    @Test
    void priceSignalServedAsTimeTariffIntervals() throws Exception {
        try (SepFixture.Client device = admin.fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            FunctionSetAssignments fsa = device.get(edev + "/fsa/" + program.id())
                    .resource(FunctionSetAssignments.class);
            assertEquals(0, fsa.getTariffProfileListLink().getAll(), "no tariff yet");
            assertEquals(0, device.get(fsa.getTariffProfileListLink().getHref()).resource(TariffProfileList.class)
                    .getAll());
            defineTariff();
            price(Duration.ofHours(1), 0.25, 0.3125);

            TariffProfileList tpl = device.get(fsa.getTariffProfileListLink().getHref() + "?l=5")
                    .resource(TariffProfileList.class);
            assertEquals(1, tpl.getAll());
            TariffProfile tp = tpl.getTariffProfile().get(0);
            assertEquals(840, tp.getCurrency().getValue());
            assertEquals(-4, tp.getPricePowerOfTenMultiplier().getValue());
            assertEquals("TOU-1", tp.getRateCode());
            assertEquals(1, tp.getRateComponentListLink().getAll());
            RateComponent rc = device.get(tp.getRateComponentListLink().getHref() + "/1").resource(RateComponent.class);
            assertEquals(2, rc.getTimeTariffIntervalListLink().getAll());
            assertEquals(0, rc.getActiveTimeTariffIntervalListLink().getAll());
            ReadingType rt = device.get(rc.getReadingTypeLink().getHref()).resource(ReadingType.class);
            assertEquals(72, rt.getUom().getValue());
            assertEquals(3, rt.getPowerOfTenMultiplier().getValue());

            String ttis = rc.getTimeTariffIntervalListLink().getHref();
            TimeTariffIntervalList list = device.get(ttis + "?l=10").resource(TimeTariffIntervalList.class);
            assertEquals(2, list.getAll());
            TimeTariffInterval first = list.getTimeTariffInterval().get(0);
            assertEquals(0, first.getEventStatus().getCurrentStatus(), "Scheduled before its start");
            assertEquals("/rsps/" + program.id() + "/rsp", first.getReplyTo());
            assertEquals(3, first.getResponseRequired()[0]);
            assertEquals(SepFixture.T0.plusSeconds(3600).getEpochSecond(), first.getInterval().getStart().getValue());
            assertEquals(1, device.get(ttis + "?l=1&s=1").resource(TimeTariffIntervalList.class).getResults());
            ConsumptionTariffIntervalList ctis = device.get(first.getConsumptionTariffIntervalListLink().getHref()
                    + "?l=5").resource(ConsumptionTariffIntervalList.class);
            assertEquals(1, ctis.getAll());
            assertEquals(2500, ctis.getConsumptionTariffInterval().get(0).getPrice(), "0.25 USD/kWh at 10^-4");
            ConsumptionTariffInterval second = device.get(list.getTimeTariffInterval().get(1)
                    .getConsumptionTariffIntervalListLink().getHref() + "/1").resource(ConsumptionTariffInterval.class);
            assertEquals(3125, second.getPrice());
            assertEquals(first.getMRID().getValue().length, device.get(first.getHref())
                    .resource(TimeTariffInterval.class).getMRID().getValue().length);

            // TimeTariffIntervalList is a SubscribableList; RateComponentList a List (sep.xsd)
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(ttis,
                    "https://127.0.0.1:1/n", 10)).status());
            assertEquals(400, device.post(edev + "/sub", SepSubscriptionIT.subscription(
                    tp.getRateComponentListLink().getHref(), "https://127.0.0.1:1/n", 10)).status());

            // a PriceResponse to the TTI's replyTo reaches the core event (Response function set)
            assertEquals(201, device.post(first.getReplyTo(), priceResponse(first.getMRID().getValue())).status());

            admin.fx.clock.set(SepFixture.T0.plusSeconds(3600));
            TimeTariffIntervalList active = device.get(ttis.replace("/tti", "/acttti") + "?l=5")
                    .resource(TimeTariffIntervalList.class);
            assertEquals(1, active.getAll());
            assertEquals(1, active.getTimeTariffInterval().get(0).getEventStatus().getCurrentStatus());

            // a newer overlapping price supersedes the older interval (EventStatus 4) from its start
            price(Duration.ofHours(1), 0.5);
            TimeTariffIntervalList now = device.get(ttis + "?l=10").resource(TimeTariffIntervalList.class);
            assertTrue(now.getTimeTariffInterval().stream().anyMatch(t -> t.getEventStatus().getCurrentStatus() == 4),
                    "the older interval is Superseded");
        }
    }

    @Test
    void adminRefusesBadDefinitionsNamingTheField() throws Exception {
        String base = "/sep/programs/" + program.id() + "/tariff";
        assertEquals("programId", field(admin.call("PUT", base + "/rates/1", "{\"signal\":\"ELECTRICITY_PRICE\"}")));
        assertEquals("currency", field(admin.call("PUT", base, "{\"currency\":1000}")));
        assertEquals("pricePowerOfTenMultiplier", field(admin.call("PUT", base,
                "{\"currency\":36,\"pricePowerOfTenMultiplier\":10}")));
        assertEquals("rateCode", field(admin.call("PUT", base, "{\"currency\":36,\"rateCode\":\"123456789012345678901\"}")));
        assertEquals(404, admin.call("GET", base, null).statusCode(), "nothing stored for a refused definition");
        assertEquals(404, admin.call("PUT", "/sep/programs/nope/tariff", TARIFF).statusCode());
        defineTariff();
        assertEquals("signal", field(admin.call("PUT", base + "/rates/2", "{\"signal\":\"ELECTRICITY_PRICE\"}")),
                "one rate component per signal");
        assertEquals("signal", field(admin.call("PUT", base + "/rates/2", "{\"signal\":\"BID_PRICE\"}")));
        assertEquals("flowDirection", field(admin.call("PUT", base + "/rates/2",
                "{\"signal\":\"ENERGY_PRICE\",\"flowDirection\":2}")));
        assertEquals(200, admin.call("PUT", base + "/rates/2", "{\"signal\":\"ENERGY_PRICE\",\"flowDirection\":19}")
                .statusCode());
        assertEquals(2, JSON.readTree(admin.call("GET", base + "/rates", null).body()).size());
        assertEquals(2, JSON.readTree(admin.call("GET", base, null).body()).get("rateComponents").asInt());
        assertEquals(200, admin.call("DELETE", base + "/rates/2", null).statusCode());
        assertEquals(404, admin.call("DELETE", base + "/rates/2", null).statusCode());
        assertEquals(200, admin.call("DELETE", base, null).statusCode());
        assertEquals(404, admin.call("GET", base + "/rates/1", null).statusCode(), "rates go with the tariff");
    }

    /** CSIP-AUS 1.3 Pricing Extensions: CombinedTimeTariffIntervalList, TTI summary and RateComponentLink. */
    @Test
    void csipAusCombinedTimeTariffIntervalList() throws Exception {
        defineTariff();
        price(Duration.ofHours(1), 0.25, 0.3125);
        SepServer aus = SepServer.start(SepConfig.builder().tls(SepFixture.PKI.sepServerConfig().build())
                .codec(SepFixture.CSIP_AUS).clock(admin.fx.clock).host("127.0.0.1").port(0).build(), admin.fx.core);
        try (SepFixture.Client plain = admin.fx.client(cred);
             SepFixture.Client device = SepFixture.client(SepFixture.PKI, cred, aus.port())) {
            String edev = SepServerIT.register(device, cred);
            SepFixture.Reply tp = device.get(edev + "/tp/" + program.id());
            assertEquals(200, tp.status(), tp.text());
            TariffProfile t = SepFixture.CSIP_AUS.decode(tp.body(), TariffProfile.class);
            CsipAusElement link = SepFixture.CSIP_AUS.csipAus().orElseThrow().of(t).get(0);
            assertEquals("CombinedTimeTariffIntervalListLink", link.localName());
            assertEquals(edev + "/tp/" + program.id() + "/ctti", link.child("@href"));
            assertTrue(tp.text().matches("(?s).*CombinedTimeTariffIntervalListLink[^>]*all=\"2\".*"), tp.text());
            SepFixture.Reply combined = device.get(link.child("@href") + "?l=10");
            assertEquals(200, combined.status(), combined.text());
            // the root: sep TimeTariffIntervalList, no xsi:type (csipaus-ext-v1.3.xsd declares no element of the type;
            // the CSIP-AUS reference server sends this root; docs/ieee-2030.5.md "Pricing")
            assertTrue(combined.text().startsWith("<TimeTariffIntervalList xmlns=\"urn:ieee:std:2030.5:ns\""),
                    combined.text());
            assertFalse(combined.text().contains("xsi:type"), combined.text());
            TimeTariffIntervalList l = SepFixture.CSIP_AUS.decode(combined.body(), TimeTariffIntervalList.class);
            assertEquals(2, l.getAll());
            List<CsipAusElement> ext = SepFixture.CSIP_AUS.csipAus().orElseThrow().of(l.getTimeTariffInterval().get(0));
            // RateComponentLink is a 2030.5 element the redefinition appends (the decoder collects csipaus ones only)
            assertEquals("ConsumptionTariffIntervalListSummary", ext.get(0).localName());
            assertTrue(combined.text().contains("RateComponentLink href=\"" + edev + "/tp/" + program.id()
                    + "/rc/1\""), combined.text());
            assertEquals("2500", ext.get(0).children().stream().filter(c -> c.localName()
                    .equals("ConsumptionTariffInterval")).findFirst().orElseThrow().child("price"));
            // the plain server neither writes the CSIP-AUS elements nor serves the combined list
            SepFixture.Reply p = plain.get(edev + "/tp/" + program.id());
            assertFalse(p.text().contains(CsipAusElement.NS), p.text());
            assertEquals(404, plain.get(edev + "/tp/" + program.id() + "/ctti").status());
        } finally {
            aus.close();
        }
    }

    private PriceResponse priceResponse(byte[] subject) {
        PriceResponse r = new PriceResponse();
        TimeType t = new TimeType();
        t.setValue(SepFixture.T0.getEpochSecond());
        r.setCreatedDateTime(t);
        r.setEndDeviceLFDI(HexFormat.of().parseHex(lfdi()));
        r.setStatus((short) 1);
        MRIDType m = new MRIDType();
        m.setValue(subject);
        r.setSubject(m);
        return r;
    }

}
