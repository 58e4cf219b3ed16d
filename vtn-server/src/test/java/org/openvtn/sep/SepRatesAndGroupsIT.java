package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.DERList;
import org.openvtn.schemas.sep.DERProgramList;
import org.openvtn.schemas.sep.DeviceCapability;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.EndDeviceList;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.schemas.sep.MirrorUsagePoint;
import org.openvtn.schemas.sep.MirrorUsagePointList;
import org.openvtn.sep.notify.DeliveryPolicy;

/**
 * Per-resource pollRate and postRate from the admin API (IEEE 2030.5-2018 §5.7; CSIP-AUS S-ALL-43, S-OPT-05) and
 * per-program primacy reaching subscribers (CSIP-AUS S-ALL-49): served on the next read, notified to the subscribers
 * of a subscribable list of the changed type, refused with 400 naming the field when malformed; programs offered to
 * groups only (CSIP BASIC-002/003, IEEE 2030.5-2018 §6.5): listed, counted and reachable for those groups' EndDevices,
 * 404 for the others.
 */
class SepRatesAndGroupsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final SepAdminFixture.PerTest admin =
            new SepAdminFixture.PerTest(() -> new SepFixture(DeliveryPolicy.defaults(), null));

    private void field(HttpResponse<String> r, String field) throws Exception {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, JSON.readTree(r.body()).get("field").asText(), r.body());
    }

    /** S-ALL-43: a pollRate per resource type is served, listed, refused when malformed and removable. */
    @Test
    void pollRatesPerResourceType() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture.Client device = admin.fx().client(cred)) {
            String edev = SepServerIT.register(device, cred);
            assertEquals(200, admin.call("PUT", "/sep/poll-rates/DeviceCapability", "{\"seconds\": 300}").statusCode());
            assertEquals(200, admin.call("PUT", "/sep/poll-rates/DERList", "{\"seconds\": 60}").statusCode());
            assertEquals(300L, device.get("/dcap").resource(DeviceCapability.class).getPollRate());
            assertEquals(60L, device.get(edev + "/der").resource(DERList.class).getPollRate());
            assertEquals(900L, device.get("/edev").resource(EndDeviceList.class).getPollRate(), "others unchanged");
            JsonNode listed = JSON.readTree(admin.call("GET", "/sep/poll-rates", null).body());
            assertEquals(300, listed.get("pollRates").get("DeviceCapability").asInt());
            assertEquals(18, listed.get("resources").size()); // 17 + CustomerAccountList (Billing)

            field(admin.call("PUT", "/sep/poll-rates/EndDevice", "{\"seconds\": 60}"), "resource");
            field(admin.call("PUT", "/sep/poll-rates/DERList", "{\"seconds\": 0}"), "seconds");
            field(admin.call("PUT", "/sep/poll-rates/DERList", "{\"seconds\": 4294967296}"), "seconds");
            field(admin.call("PUT", "/sep/poll-rates/DERList", "{\"seconds\": \"60\"}"), "seconds");
            assertEquals(60L, device.get(edev + "/der").resource(DERList.class).getPollRate(), "nothing changed");

            assertEquals(200, admin.call("DELETE", "/sep/poll-rates/DeviceCapability", null).statusCode());
            assertEquals(404, admin.call("DELETE", "/sep/poll-rates/DeviceCapability", null).statusCode());
            assertEquals(900L, device.get("/dcap").resource(DeviceCapability.class).getPollRate());
        }
    }

    /** A pollRate change of the EndDeviceList notifies its subscribers with the new value. */
    @Test
    void pollRateChangeNotifiesListSubscribers() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture.Client device = admin.fx().client(cred);
             NotificationListener listener = new NotificationListener(cred)) {
            String edev = SepServerIT.register(device, cred);
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription("/edev", listener.uri(), 1))
                    .status());
            admin.fx().server.processChanges();
            assertEquals(200, admin.call("PUT", "/sep/poll-rates/EndDeviceList", "{\"seconds\": 120}").statusCode());
            admin.fx().server.processChanges();
            NotificationListener.Received n = listener.next();
            assertEquals("/edev", n.notification().getSubscribedResource());
            assertEquals(120L, ((EndDeviceList) n.notification().getResource()).getPollRate());
        }
    }

    /** S-ALL-49: a primacy change re-serves the program's DERProgramList and notifies its subscribers. */
    @Test
    void primacyChangeNotifiesDerProgramListSubscribers() throws Exception {
        Credential cred = SepFixture.PKI.device();
        Program p = admin.fx().core.programs().create("primacy", "http://example.com/primacy", OverlapPolicy.SUPERSEDE);
        admin.fx().server.processChanges();
        try (SepFixture.Client device = admin.fx().client(cred);
             NotificationListener listener = new NotificationListener(cred)) {
            String edev = SepServerIT.register(device, cred);
            String list = edev + "/fsa/" + p.id() + "/derp";
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(list, listener.uri(), 1))
                    .status());
            admin.fx().server.processChanges();
            assertEquals(200, admin.call("PUT", "/sep/programs/" + p.id() + "/primacy",
                    "{\"primacy\": 7}").statusCode());
            admin.fx().server.processChanges();
            NotificationListener.Received n = listener.next();
            assertEquals(list, n.notification().getSubscribedResource());
            DERProgramList served = (DERProgramList) n.notification().getResource();
            assertEquals(7, served.getDERProgram().get(0).getPrimacy().getValue());
            assertEquals(7, device.get(list).resource(DERProgramList.class).getDERProgram().get(0).getPrimacy()
                    .getValue());
        }
    }

    /** S-OPT-05: the postRate for every device, overridden per device, on the MirrorUsagePoint and in its list. */
    @Test
    void postRateForEveryDeviceAndPerDevice() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        try (SepFixture.Client device = admin.fx().client(cred)) {
            SepServerIT.register(device, cred);
            String mup = device.post("/mup", SepHarnessDefectsIT.mup("2100006CD0", "03", cred)).header("Location");
            assertNull(device.get(mup).resource(MirrorUsagePoint.class).getPostRate(), "as posted: none");
            assertEquals(200, admin.call("PUT", "/sep/post-rate", "{\"seconds\": 600}").statusCode());
            assertEquals(600L, device.get(mup).resource(MirrorUsagePoint.class).getPostRate());
            assertEquals(200, admin.call("PUT", "/sep/devices/" + lfdi.toLowerCase() + "/post-rate",
                    "{\"seconds\": 60}")
                    .statusCode());
            assertEquals(60L, device.get(mup).resource(MirrorUsagePoint.class).getPostRate(), "the device's wins");
            assertEquals(60L, device.get("/mup").resource(MirrorUsagePointList.class).getMirrorUsagePoint().get(0)
                    .getPostRate());
            JsonNode listed = JSON.readTree(admin.call("GET", "/sep/poll-rates", null).body()).get("postRates");
            assertEquals(600, listed.get("*").asInt());
            assertEquals(60, listed.get(lfdi.toUpperCase()).asInt());
            field(admin.call("PUT", "/sep/devices/XYZ/post-rate", "{\"seconds\": 60}"), "lfdi");
            assertEquals(200, admin.call("DELETE", "/sep/devices/" + lfdi + "/post-rate", null).statusCode());
            assertEquals(600L, device.get(mup).resource(MirrorUsagePoint.class).getPostRate());
            assertEquals(200, admin.call("DELETE", "/sep/post-rate", null).statusCode());
            assertEquals(404, admin.call("DELETE", "/sep/post-rate", null).statusCode());
        }
    }

    /** CSIP BASIC-002/003: a program offered to one group is listed, counted and reachable for that group only. */
    @Test
    void programOfferedToItsGroupOnly() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program open = admin.fx().core.programs().create("open", "http://example.com/open", OverlapPolicy.SUPERSEDE);
        Program feeder = admin.fx().core.programs().create("feeder", "http://example.com/feeder",
                OverlapPolicy.SUPERSEDE);
        admin.fx().server.processChanges();
        try (SepFixture.Client device = admin.fx().client(cred);
             NotificationListener listener = new NotificationListener(cred)) {
            String edev = SepServerIT.register(device, cred);
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(edev + "/fsa", listener.uri(),
                    10)).status());
            admin.fx().server.processChanges();
            var put = admin.call("PUT", "/sep/programs/" + feeder.id() + "/groups", "{\"groupIds\": [\"feeder-7\"]}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("feeder-7", JSON.readTree(put.body()).get("groupIds").get(0).asText());
            admin.fx().server.processChanges();
            FunctionSetAssignmentsList notified = (FunctionSetAssignmentsList) listener.next().notification()
                    .getResource();
            assertEquals(1L, notified.getAll(), "the FSA list subscriber sees the feeder program go");

            assertEquals(1L, device.get(edev + "/fsa").resource(FunctionSetAssignmentsList.class).getAll());
            assertEquals(1L, device.get(edev).resource(EndDevice.class).getFunctionSetAssignmentsListLink().getAll());
            assertEquals(404, device.get(edev + "/fsa/" + feeder.id()).status());
            assertEquals(404, device.get(edev + "/derp/" + feeder.id() + "/derc").status());
            assertEquals(200, device.get(edev + "/fsa/" + open.id()).status());

            assertEquals(200, admin.call("PUT", "/sep/devices/" + lfdi + "/groups", "{\"groupIds\": [\"feeder-7\"]}")
                    .statusCode());
            FunctionSetAssignmentsList mine = device.get(edev + "/fsa?l=10").resource(FunctionSetAssignmentsList.class);
            assertEquals(2L, mine.getAll());
            assertTrue(mine.getFunctionSetAssignments().stream().anyMatch(f -> f.getHref().endsWith(feeder.id())));
            assertEquals(200, device.get(edev + "/derp/" + feeder.id() + "/derc").status());

            field(admin.call("PUT", "/sep/programs/" + feeder.id() + "/groups", "{\"groupIds\": [\"a,b\"]}"),
                    "groupIds");
            assertEquals(404, admin.call("PUT", "/sep/programs/nope/groups", "{\"groupIds\": []}").statusCode());
            assertEquals(200, admin.call("PUT", "/sep/programs/" + feeder.id() + "/groups", "{\"groupIds\": []}")
                    .statusCode());
            assertEquals(200, admin.call("PUT", "/sep/devices/" + lfdi + "/groups", "{\"groupIds\": []}")
                    .statusCode());
            assertEquals(2L, device.get(edev + "/fsa").resource(FunctionSetAssignmentsList.class).getAll(),
                    "offered to every EndDevice again");
        }
    }
}
