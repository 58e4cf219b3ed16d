package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERCurve;
import org.openvtn.schemas.sep.DefaultDERControl;

/**
 * Curve references (IEEE 2030.5-2018 §10.10, DERControlBase opModVoltVar / opModFreqWatt ... as DERCurveLink;
 * docs/ieee-2030.5.md "DER curves"): a core curve signal becomes a DERControl whose curve mode links the program's
 * DERCurve (the link resolves to a curve of that type), the DefaultDERControl links curves set through the admin API
 * (a link to a missing curve or one of another type is refused naming the mode), a linked curve cannot be deleted
 * nor change its curveType (409) until nothing links it, and a control naming a curve that does not exist is not
 * listed.
 */
class SepCurveLinkIT {
    private static final String VOLT_VAR = "{\"curveType\":11,\"yRefType\":2,"
            + "\"points\":[{\"x\":88,\"y\":50},{\"x\":97,\"y\":0},{\"x\":103,\"y\":0},{\"x\":110,\"y\":-50}]}";
    private static final String FREQ_WATT = "{\"curveType\":0,\"xMultiplier\":-2,\"yRefType\":1,"
            + "\"points\":[{\"x\":6036,\"y\":100},{\"x\":6200,\"y\":0}]}";

    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    private static Event curveEvent(Program p, String lfdi, int hours, String signal, double curve) {
        return ADMIN.get().fx.core.events().create(EventSpec.builder().programId(p.id())
                .start(SepFixture.T0.plus(Duration.ofHours(hours))).targets(Targets.vens(lfdi))
                .responseRequired(ResponseRequired.NEVER)
                .signal(signal, "level", null, List.of(Map.entry(Duration.ofMinutes(30), curve))).build());
    }

    private static HttpResponse<String> call(String method, String path, String body) throws Exception {
        return ADMIN.get().call(method, path, body);
    }

    @Test
    void controlsAndDefaultControlLinkTheProgramsCurves() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program p = ADMIN.get().fx.core.programs().create("curve-links", "http://example.com/curve-links");
        String curves = "/sep/programs/" + p.id() + "/curves/";
        assertEquals(200, call("PUT", curves + "1", VOLT_VAR).statusCode());
        assertEquals(200, call("PUT", curves + "2", FREQ_WATT).statusCode());
        try (SepFixture.Client device = ADMIN.get().fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            String derp = edev + "/derp/" + p.id();

            curveEvent(p, lfdi, 1, "x-opModVoltVar", 1);
            curveEvent(p, lfdi, 3, "x-opModVoltWatt", 7); // no such curve: not listed
            DERControlList list = device.get(derp + "/derc?l=10").resource(DERControlList.class);
            assertEquals(1, list.getAll(), "only the control whose curve exists with its type is listed");
            DERControl c = list.getDERControl().get(0);
            String link = c.getDERControlBase().getOpModVoltVar().getHref();
            assertEquals(derp + "/dc/1", link);
            assertNull(c.getDERControlBase().getOpModVoltWatt());
            assertEquals(11, device.get(link).resource(DERCurve.class).getCurveType().getValue(),
                    "the link resolves to a curve of the mode's type");

            HttpResponse<String> del = call("DELETE", curves + "1", null);
            assertEquals(409, del.statusCode(), del.body());
            assertEquals("curveId", SepAdminFixture.JSON.readTree(del.body()).path("field").asText());
            assertEquals(409, call("PUT", curves + "1", VOLT_VAR.replace("\"curveType\":11", "\"curveType\":14"))
                    .statusCode(), "a linked curve keeps its type");
            assertEquals(200, call("PUT", curves + "1", VOLT_VAR.replace("\"x\":88", "\"x\":90")).statusCode(),
                    "a linked curve may be redefined within its type");

            String dflt = "/sep/programs/" + p.id() + "/default-control";
            HttpResponse<String> wrongType = call("PUT", dflt, "{\"opModFreqWatt\":1}");
            assertEquals(400, wrongType.statusCode());
            assertEquals("opModFreqWatt", SepAdminFixture.JSON.readTree(wrongType.body()).path("field").asText());
            assertEquals(400, call("PUT", dflt, "{\"opModVoltVar\":9}").statusCode(), "no such curve");
            HttpResponse<String> ok = call("PUT", dflt, "{\"opModMaxLimW\":8000,\"opModFreqWatt\":2}");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(2, SepAdminFixture.JSON.readTree(ok.body()).path("settings").path("opModFreqWatt").asInt());
            DefaultDERControl d = device.get(derp + "/dderc").resource(DefaultDERControl.class);
            assertEquals(derp + "/dc/2", d.getDERControlBase().getOpModFreqWatt().getHref());
            assertEquals(8000, d.getDERControlBase().getOpModMaxLimW().getValue());
            assertEquals(409, call("DELETE", curves + "2", null).statusCode(), "the DefaultDERControl links it");

            ADMIN.get().fx.clock.set(SepFixture.T0.plus(Duration.ofHours(2))); // the volt-var control ended
            assertEquals(200, call("DELETE", curves + "1", null).statusCode(), "nothing listed links it any more");
            assertEquals(200, call("DELETE", dflt, null).statusCode());
            assertEquals(200, call("DELETE", curves + "2", null).statusCode());
        } finally {
            ADMIN.get().fx.clock.set(SepFixture.T0);
        }
    }
}
