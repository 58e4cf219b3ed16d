package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERCurve;
import org.openvtn.schemas.sep.DERCurveList;
import org.openvtn.schemas.sep.DERProgram;

/**
 * DER curves (IEEE 2030.5-2018 DER function set, DERCurve / DERCurveList; docs/ieee-2030.5.md "DER curves"): a
 * volt-var curve defined through the admin API is served under the device's DERProgram (DERCurveListLink counts it,
 * the list and the curve read back as defined), the DERCurveList is not subscribable (a List in sep.xsd), invalid definitions are refused naming the field (non-monotonic x, a yRefType that does not fit, more than the
 * schema's 10 points, an unknown curveType, an unknown program), and a deleted curve is gone.
 */
class SepCurveIT {
    private static final ObjectMapper JSON = SepAdminFixture.JSON;
    private static final String VOLT_VAR = "{\"curveType\":11,\"xMultiplier\":0,\"yMultiplier\":0,\"yRefType\":2,"
            + "\"points\":[{\"x\":88,\"y\":50},{\"x\":97,\"y\":0},{\"x\":103,\"y\":0},{\"x\":110,\"y\":-50}]}";

    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    private static String field(HttpResponse<String> r) throws Exception {
        return SepAdminFixture.refusedField(r);
    }

    @Test
    void voltVarCurveServedValidatedNotifiedAndDeleted() throws Exception {
        Credential cred = SepFixture.PKI.device();
        Program p = ADMIN.get().fx.core.programs().create("curves", "http://example.com/curves");
        try (SepFixture.Client device = ADMIN.get().fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            String derp = edev + "/derp/" + p.id();
            DERProgram before = device.get(derp).resource(DERProgram.class);
            assertEquals(0, before.getDERCurveListLink().getAll());
            String dc = before.getDERCurveListLink().getHref();
            assertEquals(400, device.post(edev + "/sub", SepSubscriptionIT.subscription(dc, "https://127.0.0.1:1/n",
                    10)).status(), "DERCurveList is a List, not a SubscribableList");

            HttpResponse<String> put = ADMIN.get().call("PUT", "/sep/programs/" + p.id() + "/curves/1", VOLT_VAR);
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("opModVoltVar", JSON.readTree(put.body()).get("mode").asText());

            DERCurveList list = device.get(dc + "?l=10").resource(DERCurveList.class);
            assertEquals(1, list.getAll());
            DERCurve c = list.getDERCurve().get(0);
            assertEquals(dc + "/1", c.getHref());
            assertEquals(11, c.getCurveType().getValue());
            assertEquals(2, c.getYRefType().getValue());
            assertEquals(4, c.getCurveData().size());
            assertEquals(88, c.getCurveData().get(0).getXvalue());
            assertEquals(-50, c.getCurveData().get(3).getYvalue());
            assertEquals(c.getCreationTime().getValue(), device.get(dc + "/1").resource(DERCurve.class)
                    .getCreationTime().getValue());
            assertEquals(1, device.get(derp).resource(DERProgram.class).getDERCurveListLink().getAll());


            String base = "/sep/programs/" + p.id() + "/curves/2";
            assertEquals("points", field(ADMIN.get().call("PUT", base, VOLT_VAR.replace("\"x\":97", "\"x\":80"))));
            assertEquals("yRefType", field(ADMIN.get().call("PUT", base, VOLT_VAR.replace("\"yRefType\":2",
                    "\"yRefType\":1"))));
            assertEquals("curveType", field(ADMIN.get().call("PUT", base, VOLT_VAR.replace("\"curveType\":11",
                    "\"curveType\":15"))));
            StringBuilder eleven = new StringBuilder("{\"curveType\":11,\"yRefType\":2,\"points\":[");
            for (int i = 0; i < 11; i++) {
                eleven.append(i == 0 ? "" : ",").append("{\"x\":").append(90 + i).append(",\"y\":0}");
            }
            HttpResponse<String> tooMany = ADMIN.get().call("PUT", base, eleven + "]}");
            assertEquals(400, tooMany.statusCode());
            assertEquals("points", field(tooMany));
            assertEquals(404, ADMIN.get().call("PUT", "/sep/programs/nope/curves/1", VOLT_VAR).statusCode());
            assertEquals(404, device.get(dc + "/2").status(), "nothing stored for a refused definition");

            JsonNode all = JSON.readTree(ADMIN.get().call("GET", "/sep/programs/" + p.id() + "/curves", null).body());
            assertEquals(1, all.size());
            assertEquals(200, ADMIN.get().call("DELETE", "/sep/programs/" + p.id() + "/curves/1", null).statusCode());
            assertEquals(404, ADMIN.get().call("DELETE", "/sep/programs/" + p.id() + "/curves/1", null).statusCode());
            assertEquals(0, device.get(dc).resource(DERCurveList.class).getAll());
            assertEquals(404, device.get(dc + "/1").status());
        }
    }
}
