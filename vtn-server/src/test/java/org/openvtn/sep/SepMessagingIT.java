package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.schemas.sep.FunctionSetAssignments;
import org.openvtn.schemas.sep.MessagingProgram;
import org.openvtn.schemas.sep.MessagingProgramList;
import org.openvtn.schemas.sep.TextMessage;
import org.openvtn.schemas.sep.TextMessageList;

/**
 * Messaging function set (IEEE 2030.5-2018 §10.6; docs/ieee-2030.5.md "Messaging") over CCM_8 mutual TLS: a message
 * posted through the admin API reaches the device through FunctionSetAssignments -> MessagingProgramList ->
 * MessagingProgram -> TextMessageList as an event with its priority, text and originator (Scheduled, Active at its
 * start, Cancelled when the operator cancels it) whose Response is accepted; a message for a group the device is not
 * in stays hidden; the
 * TextMessageList is subscribable; invalid posts are refused naming the field.
 */
class SepMessagingIT {
    private static final ObjectMapper JSON = SepAdminFixture.JSON;
    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    private static String field(HttpResponse<String> r) throws Exception {
        return SepAdminFixture.refusedField(r);
    }

    private static org.openvtn.schemas.sep.Response response(byte[] subject, Credential cred) {
        org.openvtn.schemas.sep.Response r = new org.openvtn.schemas.sep.Response();
        org.openvtn.schemas.sep.TimeType t = new org.openvtn.schemas.sep.TimeType();
        t.setValue(SepFixture.T0.getEpochSecond());
        r.setCreatedDateTime(t);
        r.setEndDeviceLFDI(java.util.HexFormat.of().parseHex(org.openvtn.certs.identity.SepIdentity.lfdi(
                cred.certificate())));
        r.setStatus((short) 1);
        org.openvtn.schemas.sep.MRIDType m = new org.openvtn.schemas.sep.MRIDType();
        m.setValue(subject);
        r.setSubject(m);
        return r;
    }

    @Test
    void messagePostedScheduledActiveCancelled() throws Exception {
        Credential cred = SepFixture.PKI.device();
        Program p = ADMIN.get().fx.core.programs().create("notices", "http://example.com/notices");
        String base = "/sep/programs/" + p.id() + "/messages";
        try (SepFixture.Client device = ADMIN.get().fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            FunctionSetAssignments fsa = device.get(edev + "/fsa/" + p.id()).resource(FunctionSetAssignments.class);
            MessagingProgramList mpl = device.get(fsa.getMessagingProgramListLink().getHref())
                    .resource(MessagingProgramList.class);
            assertEquals(1, mpl.getAll());
            String txt = mpl.getMessagingProgram().get(0).getTextMessageListLink().getHref();
            assertEquals(0, device.get(txt).resource(TextMessageList.class).getAll());
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(txt, "https://127.0.0.1:1/n",
                    10)).status(), "TextMessageList is a SubscribableList");

            HttpResponse<String> posted = ADMIN.get().call("POST", base, "{\"text\":\"Network maintenance tonight\","
                    + "\"priority\":2,\"originator\":\"DNSP\",\"start\":\"" + SepFixture.T0.plusSeconds(600)
                    + "\",\"duration\":\"PT1H\"}");
            assertEquals(201, posted.statusCode(), posted.body());
            long id = JSON.readTree(posted.body()).get("id").asLong();
            assertEquals(201, ADMIN.get().call("POST", base, "{\"text\":\"for group g9 only\",\"duration\":\"PT1H\","
                    + "\"groupId\":\"g9\"}").statusCode());

            TextMessageList l = device.get(txt + "?l=10").resource(TextMessageList.class);
            assertEquals(1, l.getAll(), "the g9 message is not this device's");
            TextMessage m = l.getTextMessage().get(0);
            assertEquals("Network maintenance tonight", m.getTextMessage());
            assertEquals(2, m.getPriority().getValue());
            assertEquals("DNSP", m.getOriginator());
            assertEquals(0, m.getEventStatus().getCurrentStatus());
            assertEquals("/rsps/" + p.id() + "/rsp", m.getReplyTo());
            assertEquals(1, m.getResponseRequired()[0], "message received");
            assertEquals(201, device.post(m.getReplyTo(), response(m.getMRID().getValue(), cred)).status(),
                    "a Response to the TextMessage is accepted");
            assertEquals(m.getTextMessage(), device.get(m.getHref()).resource(TextMessage.class).getTextMessage());
            MessagingProgram mp = device.get(mpl.getMessagingProgram().get(0).getHref())
                    .resource(MessagingProgram.class);
            assertEquals(0, mp.getActiveTextMessageListLink().getAll());

            ADMIN.get().fx.clock.set(SepFixture.T0.plusSeconds(600));
            assertEquals(1, device.get(mp.getActiveTextMessageListLink().getHref()).resource(TextMessageList.class)
                    .getAll());
            assertEquals(200, ADMIN.get().call("DELETE", base + "/" + id, null).statusCode());
            assertEquals(404, ADMIN.get().call("DELETE", base + "/" + id, null).statusCode());
            assertEquals(2, device.get(m.getHref()).resource(TextMessage.class).getEventStatus().getCurrentStatus());
            ADMIN.get().fx.clock.set(SepFixture.T0.plusSeconds(600 + 3600));
            assertEquals(0, device.get(txt).resource(TextMessageList.class).getAll(), "ended messages leave the list");

            JsonNode all = JSON.readTree(ADMIN.get().call("GET", base, null).body());
            assertEquals(2, all.size());
            assertEquals("priority", field(ADMIN.get().call("POST", base, "{\"text\":\"x\",\"duration\":\"PT1H\","
                    + "\"priority\":4}")));
            assertEquals("text", field(ADMIN.get().call("POST", base, "{\"text\":\"\",\"duration\":\"PT1H\"}")));
            assertEquals("duration", field(ADMIN.get().call("POST", base, "{\"text\":\"x\"}")));
            assertEquals("groupId", field(ADMIN.get().call("POST", base, "{\"text\":\"x\",\"duration\":\"PT1H\","
                    + "\"groupId\":\"g\",\"lfdi\":\"" + "A".repeat(40) + "\"}")));
            assertEquals(404, ADMIN.get().call("POST", "/sep/programs/nope/messages", "{\"text\":\"x\",\"duration\":\"PT1H\"}")
                    .statusCode());
        }
    }
}
