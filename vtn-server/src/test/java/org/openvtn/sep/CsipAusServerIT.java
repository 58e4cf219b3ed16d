package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.CsipAusElement;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.service.DefaultControlSettings;
import org.openvtn.sep.service.SepAdmin;

/**
 * The 2030.5 server with CSIP-AUS 1.3 bound (SepCodec.withCsipAus) against one without, over mutual TLS: the DOE
 * limits of the core (x-exportLimit ...) reach the device as csipaus:opModExpLimW in DERControlBase and in the
 * DefaultDERControl (CSIP-AUS S-ALL-11, S-ALL-19), rampUp as rampTms (S-ALL-18), EndDevice's ConnectionPointLink
 * and ConnectionPoint PUT/GET (S-OPT-03, S-ALL-53), DERSettings/DERCapability doeModes are stored and read back
 * (S-ALL-10); without CSIP-AUS the same server stays plain CSIP (no extension, CSIP-AUS documents refused with 400).
 */
class CsipAusServerIT {
    private static final String AUS = "xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"" + CsipAusElement.NS + "\"";
    private static final MutableClock CLOCK = new MutableClock(SepFixture.T0);
    private static final SepCodec CODEC = SepFixture.CSIP_AUS;
    private static VtnCore core;
    private static SepServer aus;
    private static SepServer plain;
    private static SepFixture.Client device;
    private static SepFixture.Client plainDevice;
    private static String edev;
    private static Program program;

    @BeforeAll
    static void start() throws Exception {
        core = VtnCore.open(CoreConfig.builder().clock(CLOCK).inMemory("aus" + UUID.randomUUID().toString()
                .replace("-", "")).build());
        aus = SepServer.start(SepConfig.builder().tls(SepFixture.PKI.sepServerConfig().build()).codec(CODEC)
                .clock(CLOCK).host("127.0.0.1").port(0).build(), core);
        plain = SepServer.start(SepConfig.builder().tls(SepFixture.PKI.sepServerConfig().build())
                .codec(SepFixture.CODEC).clock(CLOCK).host("127.0.0.1").port(0).build(), core);
        device = SepFixture.client(SepFixture.PKI, SepFixture.PKI.device(), aus.port());
        plainDevice = SepFixture.client(SepFixture.PKI, SepFixture.PKI.device(), plain.port());
        edev = SepServerIT.register(device, SepFixture.PKI.device());
        program = core.programs().create("doe", "http://example.com/doe");
    }

    @AfterAll
    static void stop() throws Exception {
        device.close();
        plainDevice.close();
        aus.close();
        plain.close();
        core.close();
    }

    private static String lfdi() {
        return SepIdentity.lfdi(SepFixture.PKI.device().certificate());
    }

    /** CSIP-AUS S-ALL-11 / S-ALL-18: a site export limit per interval becomes opModExpLimW (+ rampTms). */
    @Test
    void exportLimitReachesTheDevice() throws Exception {
        core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(3600))
                .targets(Targets.vens(lfdi())).responseRequired(ResponseRequired.NEVER).rampUp(Duration.ofSeconds(3))
                .signal("x-exportLimit", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(5), 1.5),
                        Map.entry(Duration.ofMinutes(5), 0.0))).build());
        SepFixture.Reply r = device.get(edev + "/derp/" + program.id() + "/derc?l=10");
        assertEquals(200, r.status(), r.text());
        DERControlList list = CODEC.decode(r.body(), DERControlList.class);
        assertEquals(2, list.getDERControl().size(), r.text());
        DERControl first = list.getDERControl().get(0);
        List<CsipAusElement> ext = CODEC.csipAus().orElseThrow().of(first.getDERControlBase());
        assertEquals("opModExpLimW", ext.get(0).localName(), r.text());
        assertEquals(1500, ext.get(0).watts());
        assertEquals(300, first.getDERControlBase().getRampTms());
        assertEquals(0, CODEC.csipAus().orElseThrow().of(list.getDERControl().get(1).getDERControlBase()).get(0)
                .watts());
        // the plain server does not list a control it cannot express
        SepFixture.Reply p = plainDevice.get(edev + "/derp/" + program.id() + "/derc");
        assertFalse(p.text().contains("opModExpLimW"), p.text());
        assertFalse(p.text().contains(CsipAusElement.NS), p.text());
    }

    /**
     * CSIP-AUS S-ALL-17 / S-ALL-47: the signals of one event interval become ONE DERControl carrying every mode
     * (IEEE 2030.5-2018 DERControlBase), the CSIP-AUS ones in schema order, 100 kW as 10000 x 10^1 and no rampTms
     * without a rampUp; the plain server keeps the sep.xsd modes of the same control.
     */
    @Test
    void combinedControlIsOneDerControl() throws Exception {
        var start = SepFixture.T0.plusSeconds(7200);
        Program combo = core.programs().create("doe-combined", "http://example.com/doe-combined");
        List<Map.Entry<Duration, Double>> big = List.of(Map.entry(Duration.ofMinutes(10), 100000.0));
        List<Map.Entry<Duration, Double>> zero = List.of(Map.entry(Duration.ofMinutes(10), 0.0));
        core.events().create(EventSpec.builder().programId(combo.id()).start(start).targets(Targets.vens(lfdi()))
                .responseRequired(ResponseRequired.NEVER).signal("x-exportLimit", "setpoint", "W", big)
                .signal("x-generationLimit", "setpoint", "W", zero).signal("x-importLimit", "setpoint", "W",
                        List.of(Map.entry(Duration.ofMinutes(10), 2500.0)))
                .signal("x-loadLimit", "setpoint", "W", zero).signal("x-energize", "level", null, zero)
                .signal("x-connect", "level", null, zero).build());
        SepFixture.Reply r = device.get(edev + "/derp/" + combo.id() + "/derc?l=50");
        assertEquals(200, r.status(), r.text());
        List<DERControl> at = CODEC.decode(r.body(), DERControlList.class).getDERControl().stream()
                .filter(c -> c.getInterval().getStart().getValue() == start.getEpochSecond()).toList();
        assertEquals(1, at.size(), r.text());
        var base = at.get(0).getDERControlBase();
        List<CsipAusElement> ext = CODEC.csipAus().orElseThrow().of(base);
        assertEquals(List.of("opModImpLimW", "opModExpLimW", "opModGenLimW", "opModLoadLimW"),
                ext.stream().map(CsipAusElement::localName).toList());
        assertEquals(List.of(2500L, 100000L, 0L, 0L), ext.stream().map(CsipAusElement::watts).toList());
        assertEquals(Boolean.FALSE, base.isOpModEnergize());
        assertEquals(Boolean.FALSE, base.isOpModConnect());
        assertEquals(null, base.getRampTms());
        assertTrue(r.text().replaceAll("\\s", "").contains("<csipaus:opModExpLimW><multiplier>1</multiplier>"
                + "<value>10000</value>"), r.text());
        SepFixture.Reply p = plainDevice.get(edev + "/derp/" + combo.id() + "/derc?l=50");
        List<DERControl> plainAt = SepFixture.CODEC.decode(p.body(), DERControlList.class).getDERControl().stream()
                .filter(c -> c.getInterval().getStart().getValue() == start.getEpochSecond()).toList();
        assertEquals(1, plainAt.size(), p.text());
        assertEquals(Boolean.FALSE, plainAt.get(0).getDERControlBase().isOpModConnect());
        assertFalse(p.text().contains(CsipAusElement.NS), p.text());
    }

    /** CSIP-AUS S-ALL-19 … S-ALL-22: the DefaultDERControl carries the operator's CSIP-AUS limits in schema order. */
    @Test
    void defaultControlCarriesLimits() throws Exception {
        SepAdmin.of(aus.services()).defaultControls().set(program.id(), DefaultControlSettings.of(Map.of(
                "opModExpLimW", 5000, "opModImpLimW", 7000, "opModLoadLimW", 100000, "opModConnect", true)));
        SepFixture.Reply r = device.get(edev + "/derp/" + program.id() + "/dderc");
        assertEquals(200, r.status(), r.text());
        DefaultDERControl d = CODEC.decode(r.body(), DefaultDERControl.class);
        List<CsipAusElement> ext = CODEC.csipAus().orElseThrow().of(d.getDERControlBase());
        assertEquals(List.of("opModImpLimW", "opModExpLimW", "opModLoadLimW"),
                ext.stream().map(CsipAusElement::localName).toList());
        assertEquals(List.of(7000L, 5000L, 100000L), ext.stream().map(CsipAusElement::watts).toList());
        assertEquals(Boolean.TRUE, d.getDERControlBase().isOpModConnect());
    }

    /** CSIP-AUS S-OPT-03 / S-ALL-53: ConnectionPointLink on EndDevice; PUT, update, read back; String32 enforced. */
    @Test
    void connectionPoint() throws Exception {
        String e = device.get(edev).text();
        assertTrue(e.contains("ConnectionPointLink") && e.contains(edev + "/cp"), e);
        assertFalse(plainDevice.get(edev).text().contains("ConnectionPointLink"));
        assertEquals(404, plainDevice.put(edev + "/cp", cp("4102345678")).status());
        int first = device.put(edev + "/cp", cp("4102345678")).status();
        assertTrue(first == 201 || first == 204, "first PUT " + first);
        assertEquals(204, device.put(edev + "/cp", cp("4102000002")).status());
        SepFixture.Reply r = device.get(edev + "/cp");
        assertEquals(200, r.status());
        assertEquals("4102000002", CODEC.csipAus().orElseThrow().connectionPoint(r.body()));
        SepFixture.Reply bad = device.put(edev + "/cp", cp("N".repeat(33)));
        assertEquals(400, bad.status(), bad.text());
        assertEquals("4102000002", CODEC.csipAus().orElseThrow().connectionPoint(device.get(edev + "/cp").body()));
    }

    /** CSIP-AUS S-ALL-10: doeModesSupported/doeModesEnabled/setMinWh are stored and read back; plain CSIP refuses them. */
    @Test
    void doeModesAreStored() throws Exception {
        String settings = "<DERSettings " + AUS + "><setGradW>100</setGradW><setMaxW><multiplier>0</multiplier>"
                + "<value>5000</value></setMaxW><updatedTime>1000</updatedTime><csipaus:doeModesEnabled>03"
                + "</csipaus:doeModesEnabled><csipaus:vppModesEnabled>01</csipaus:vppModesEnabled><csipaus:setMinWh>"
                + "<multiplier>0</multiplier><value>200</value></csipaus:setMinWh></DERSettings>";
        String der = edev + "/der/1/derg";
        int put = device.put(der, settings.getBytes(StandardCharsets.UTF_8)).status();
        assertTrue(put == 201 || put == 204, "PUT " + put);
        String back = device.get(der).text();
        assertTrue(back.contains("doeModesEnabled>03<") && back.contains("vppModesEnabled>01<")
                && back.contains("setMinWh"), back);
        SepFixture.Reply refused = plainDevice.put(der, settings.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, refused.status(), refused.text());
        // CSIP-AUS makes doeModesSupported mandatory in a DERCapability that uses the extension
        String cap = "<DERCapability " + AUS + "><modesSupported>00000001</modesSupported><rtgMaxW><multiplier>0"
                + "</multiplier><value>5000</value></rtgMaxW><type>4</type><csipaus:vppModesSupported>01"
                + "</csipaus:vppModesSupported></DERCapability>";
        assertEquals(400, device.put(edev + "/der/1/dercap", cap.getBytes(StandardCharsets.UTF_8)).status());
        String good = cap.replace("<csipaus:vppModesSupported>", "<csipaus:doeModesSupported>0F"
                + "</csipaus:doeModesSupported><csipaus:vppModesSupported>");
        int ok = device.put(edev + "/der/1/dercap", good.getBytes(StandardCharsets.UTF_8)).status();
        assertTrue(ok == 201 || ok == 204, "PUT " + ok);
        assertTrue(device.get(edev + "/der/1/dercap").text().contains("doeModesSupported>0F<"));
    }

    private static byte[] cp(String id) {
        return ("<ConnectionPoint xmlns=\"" + CsipAusElement.NS + "\"><connectionPointId>" + id
                + "</connectionPointId></ConnectionPoint>").getBytes(StandardCharsets.UTF_8);
    }
}
