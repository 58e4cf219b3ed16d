package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.FunctionSetAssignmentsList;
import org.openvtn.sep.notify.DeliveryPolicy;

/**
 * CSIP BASIC-002/003 (IEEE 2030.5-2018 §6.5): a program offered to a group only is listed, counted and reachable for
 * EndDevices of that group and 404 for the others; moving the device between groups moves the FunctionSetAssignments;
 * FunctionSetAssignmentsList subscribers are notified when the operator restricts a program; bad input names the field.
 */
class SepProgramGroupsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private SepAdminFixture admin;
    private SepFixture fx;

    @BeforeEach
    void start() {
        admin = new SepAdminFixture(new SepFixture(DeliveryPolicy.defaults(), null));
        fx = admin.fx;
    }

    @AfterEach
    void stop() {
        admin.close();
    }

    @Test
    void programOfferedToItsGroupOnly() throws Exception {
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        Program open = fx.core.programs().create("open", "http://example.com/open", OverlapPolicy.SUPERSEDE);
        Program feeder = fx.core.programs().create("feeder", "http://example.com/feeder", OverlapPolicy.SUPERSEDE);
        fx.server.processChanges();
        try (SepFixture.Client device = fx.client(cred); NotificationListener listener = new NotificationListener(cred)) {
            String edev = SepServerIT.register(device, cred);
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(edev + "/fsa", listener.uri(),
                    10)).status());
            fx.server.processChanges();
            var put = admin.call("PUT", "/sep/programs/" + feeder.id() + "/groups", "{\"groupIds\": [\"feeder-7\"]}");
            assertEquals(200, put.statusCode(), put.body());
            assertEquals("feeder-7", JSON.readTree(put.body()).get("groupIds").get(0).asText());
            fx.server.processChanges();
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

            var bad = admin.call("PUT", "/sep/programs/" + feeder.id() + "/groups", "{\"groupIds\": [\"a,b\"]}");
            assertEquals(400, bad.statusCode());
            assertEquals("groupIds", JSON.readTree(bad.body()).get("field").asText(), bad.body());
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
