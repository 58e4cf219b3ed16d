package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlBase;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DefaultDERControl;

/**
 * SunSpec CSIP BASIC-008 and BASIC-013 through the real 2030.5 listener (mutual TLS, sep.xsd-validated bodies): an
 * event created through the admin API with {@code x-fixedPFInject} (power factor signed by excitation) and
 * {@code x-fixedW} (% of setMaxW) is served as one DERControl whose DERControlBase carries opModFixedPFInjectW
 * (PowerFactorWithExcitation) and opModFixedW (SignedPerCent) (IEEE 2030.5-2018 §10.10; docs/core-model.md "DER fixed
 * modes"); out-of-range values are refused naming the field.
 */
class SepFixedModeIT {
    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    private static String event(String programId, String lfdi, String signals) {
        return "{\"programId\":\"" + programId + "\",\"start\":\"" + SepFixture.T0.plusSeconds(3600)
                + "\",\"targets\":{\"venIds\":[\"" + lfdi + "\"]},\"signals\":[" + signals + "]}";
    }

    private static String signal(String name, String units, double value) {
        String u = units == null ? "" : ",\"units\":\"" + units + "\"";
        return "{\"name\":\"" + name + "\",\"type\":\"setpoint\"" + u
                + ",\"intervals\":[{\"duration\":\"PT30M\",\"value\":" + value + "}]}";
    }

    @Test
    void fixedPowerFactorAndFixedWattsArePublished() throws Exception {
        SepAdminFixture admin = ADMIN.get();
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program p = admin.fx.core.programs().create("fixed-modes", "http://example.com/fixed-modes");
        try (SepFixture.Client device = admin.fx.client(cred)) {
            String derp = SepServerIT.register(device, cred) + "/derp/" + p.id();
            HttpResponse<String> created = admin.call("POST", "/events", event(p.id(), lfdi,
                    signal("x-fixedPFInject", null, -0.95) + "," + signal("x-fixedW", "%", -40)));
            assertEquals(201, created.statusCode(), created.body());

            DERControlList list = device.get(derp + "/derc?l=10").resource(DERControlList.class);
            assertEquals(1, list.getAll(), "both modes of the interval in one DERControl");
            DERControl c = list.getDERControl().get(0);
            DERControlBase b = c.getDERControlBase();
            assertEquals(950, b.getOpModFixedPFInjectW().getDisplacement());
            assertEquals(-3, b.getOpModFixedPFInjectW().getMultiplier().getValue());
            assertTrue(b.getOpModFixedPFInjectW().isExcitation(), "negative power factor: under-excited");
            assertEquals(-4000, b.getOpModFixedW().getValue());
            assertEquals(null, b.getOpModFixedPFAbsorbW());

            HttpResponse<String> absorb = admin.call("POST", "/events", event(p.id(), lfdi,
                    signal("x-fixedPFAbsorb", null, 0.9)).replace("T13:00:00Z", "T15:00:00Z"));
            assertEquals(201, absorb.statusCode(), absorb.body());
            DERControlList two = device.get(derp + "/derc?l=10").resource(DERControlList.class);
            assertEquals(2, two.getAll());
            DERControlBase a = two.getDERControl().get(1).getDERControlBase();
            assertEquals(900, a.getOpModFixedPFAbsorbW().getDisplacement());
            assertFalse(a.getOpModFixedPFAbsorbW().isExcitation());
        }
        assertEquals("signals[0].intervals[0].value", SepAdminFixture.refusedField(admin.call("POST", "/events",
                event(p.id(), lfdi, signal("x-fixedW", "%", 101)))));
        assertEquals("signals[0].intervals[0].value", SepAdminFixture.refusedField(admin.call("POST", "/events",
                event(p.id(), lfdi, signal("x-fixedPFInject", null, 1.5)))));
    }

    /**
     * BASIC-008 on the DefaultDERControl: the admin API sets opModFixedPFInjectW / opModFixedPFAbsorbW as the signed
     * power factor in thousandths; the device GETs (sep.xsd-validated) a PowerFactorWithExcitation of displacement
     * |value|, multiplier -3, excitation = negative; 0, beyond ±1000 and non-integers are refused naming the field,
     * and nothing is stored.
     */
    @Test
    void defaultControlCarriesAFixedPowerFactor() throws Exception {
        SepAdminFixture admin = ADMIN.get();
        Credential cred = SepFixture.PKI.device();
        Program p = admin.fx.core.programs().create("default-pf", "http://example.com/default-pf");
        String dflt = "/sep/programs/" + p.id() + "/default-control";
        HttpResponse<String> ok = admin.call("PUT", dflt, "{\"opModFixedPFInjectW\":950,\"opModFixedPFAbsorbW\":-900,"
                + "\"opModFixedW\":2500}");
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(-900, SepAdminFixture.JSON.readTree(ok.body()).path("settings").path("opModFixedPFAbsorbW").asInt());
        try (SepFixture.Client device = admin.fx.client(cred)) {
            String derp = SepServerIT.register(device, cred) + "/derp/" + p.id();
            DERControlBase b = device.get(derp + "/dderc").resource(DefaultDERControl.class).getDERControlBase();
            assertEquals(950, b.getOpModFixedPFInjectW().getDisplacement());
            assertEquals(-3, b.getOpModFixedPFInjectW().getMultiplier().getValue());
            assertFalse(b.getOpModFixedPFInjectW().isExcitation());
            assertEquals(900, b.getOpModFixedPFAbsorbW().getDisplacement());
            assertTrue(b.getOpModFixedPFAbsorbW().isExcitation(), "negative: under-excited");
            assertEquals(2500, b.getOpModFixedW().getValue());
        }
        for (String bad : new String[] {"0", "1001", "-1001", "0.95"}) {
            assertEquals("opModFixedPFInjectW", SepAdminFixture.refusedField(admin.call("PUT", dflt,
                    "{\"opModFixedPFInjectW\":" + bad + "}")), bad);
        }
        assertEquals(950, SepAdminFixture.JSON.readTree(admin.call("GET", dflt, null).body()).path("settings")
                .path("opModFixedPFInjectW").asInt(), "a refused PUT changes nothing");
    }
}
