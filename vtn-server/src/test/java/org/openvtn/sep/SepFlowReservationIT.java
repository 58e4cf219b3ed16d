package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.ActivePower;
import org.openvtn.schemas.sep.DateTimeInterval;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.FlowReservationRequest;
import org.openvtn.schemas.sep.FlowReservationRequestList;
import org.openvtn.schemas.sep.FlowReservationResponse;
import org.openvtn.schemas.sep.FlowReservationResponseList;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.PowerOfTenMultiplierType;
import org.openvtn.schemas.sep.RequestStatus;
import org.openvtn.schemas.sep.SignedRealEnergy;
import org.openvtn.schemas.sep.TimeType;

/**
 * Flow Reservation function set (IEEE 2030.5-2018 §10.9; docs/ieee-2030.5.md "Flow Reservation") over CCM_8 mutual
 * TLS: an EV charger POSTs a FlowReservationRequest (energy, power, interval) to the EndDevice's
 * FlowReservationRequestList; the server answers at once with a FlowReservationResponse (an event, subject = the
 * request's mRID, energy and power as requested); the operator adjusts it through the admin API, the device cancels
 * its request with a PUT (the response becomes Cancelled), the operator rejects another one; a re-used mRID and an
 * empty interval are refused with 400; the response list is subscribable.
 */
class SepFlowReservationIT {
    private static final ObjectMapper JSON = SepAdminFixture.JSON;
    @RegisterExtension
    static final SepAdminFixture.PerClass ADMIN = new SepAdminFixture.PerClass();

    static FlowReservationRequest request(String mridHex, long start, long seconds, long wh, int watts, int status) {
        FlowReservationRequest r = new FlowReservationRequest();
        MRIDType m = new MRIDType();
        m.setValue(HexFormat.of().parseHex(mridHex));
        r.setMRID(m);
        TimeType created = new TimeType();
        created.setValue(SepFixture.T0.getEpochSecond());
        r.setCreationTime(created);
        SignedRealEnergy e = new SignedRealEnergy();
        PowerOfTenMultiplierType zero = new PowerOfTenMultiplierType();
        zero.setValue((byte) 0);
        e.setMultiplier(zero);
        e.setValue(wh);
        r.setEnergyRequested(e);
        DateTimeInterval i = new DateTimeInterval();
        TimeType t = new TimeType();
        t.setValue(start);
        i.setStart(t);
        i.setDuration(seconds);
        r.setIntervalRequested(i);
        ActivePower p = new ActivePower();
        p.setMultiplier(zero);
        p.setValue((short) watts);
        r.setPowerRequested(p);
        RequestStatus s = new RequestStatus();
        s.setDateTime(created);
        s.setRequestStatus((short) status);
        r.setRequestStatus(s);
        return r;
    }

    @Test
    void requestAnsweredAdjustedCancelledRejected() throws Exception {
        Credential cred = SepFixture.PKI.device();
        long start = SepFixture.T0.plusSeconds(3600).getEpochSecond();
        String mrid = "0A".repeat(14) + "0001";
        try (SepFixture.Client device = ADMIN.get().fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            EndDevice e = device.get(edev).resource(EndDevice.class);
            String frq = e.getFlowReservationRequestListLink().getHref();
            String frp = e.getFlowReservationResponseListLink().getHref();
            assertEquals(0, e.getFlowReservationRequestListLink().getAll());
            assertEquals(201, device.post(edev + "/sub", SepSubscriptionIT.subscription(frp, "https://127.0.0.1:1/n",
                    10)).status(), "FlowReservationResponseList is a SubscribableList");

            SepFixture.Reply posted = device.post(frq, request(mrid, start, 7200, 20000, 7000, 0));
            assertEquals(201, posted.status(), posted.text());
            String location = posted.header("Location");
            assertEquals(20000, device.get(location).resource(FlowReservationRequest.class).getEnergyRequested()
                    .getValue());
            assertEquals(1, device.get(frq).resource(FlowReservationRequestList.class).getAll());

            FlowReservationResponseList rl = device.get(frp + "?l=5").resource(FlowReservationResponseList.class);
            assertEquals(1, rl.getAll());
            FlowReservationResponse r = rl.getFlowReservationResponse().get(0);
            assertArrayEquals(HexFormat.of().parseHex(mrid), r.getSubject().getValue());
            assertEquals(20000, r.getEnergyAvailable().getValue());
            assertEquals(7000, r.getPowerAvailable().getValue());
            assertEquals(0, r.getEventStatus().getCurrentStatus(), "Scheduled before the interval");
            assertEquals(start, r.getInterval().getStart().getValue());

            JsonNode all = JSON.readTree(ADMIN.get().call("GET", "/sep/flow-reservations", null).body());
            assertEquals(1, all.size());
            long id = all.get(0).get("id").asLong();
            HttpResponse<String> adj = ADMIN.get().call("PUT", "/sep/flow-reservations/" + id,
                    "{\"decision\":\"adjusted\",\"energyAvailableWh\":15000,\"powerAvailableW\":5000}");
            assertEquals(200, adj.statusCode(), adj.body());
            FlowReservationResponse adjusted = device.get(r.getHref()).resource(FlowReservationResponse.class);
            assertEquals(15000, adjusted.getEnergyAvailable().getValue());
            assertEquals(5000, adjusted.getPowerAvailable().getValue());

            assertEquals(400, device.post(frq, request(mrid, start, 7200, 1, 1, 0)).status(), "mRID re-used");
            assertEquals(400, device.post(frq, request("0B".repeat(16), start, 0, 1, 1, 0)).status(),
                    "empty interval");
            assertEquals(204, device.put(location, SepFixture.CODEC.encode(request(mrid, start, 7200, 20000, 7000, 1)))
                    .status());
            assertEquals(2, device.get(r.getHref()).resource(FlowReservationResponse.class).getEventStatus()
                    .getCurrentStatus(), "the device cancelled its request");

            assertEquals(201, device.post(frq, request("0C".repeat(16), start, 600, 1000, 3000, 0)).status());
            long second = JSON.readTree(ADMIN.get().call("GET", "/sep/flow-reservations", null).body()).get(1).get("id")
                    .asLong();
            assertEquals(200, ADMIN.get().call("PUT", "/sep/flow-reservations/" + second, "{\"decision\":\"rejected\"}")
                    .statusCode());
            FlowReservationResponseList after = device.get(frp + "?l=5").resource(FlowReservationResponseList.class);
            assertEquals(2, after.getAll());
            after.getFlowReservationResponse().forEach(x -> assertEquals(2, x.getEventStatus().getCurrentStatus()));
            assertEquals(400, ADMIN.get().call("PUT", "/sep/flow-reservations/" + second, "{\"decision\":\"maybe\"}")
                    .statusCode());
            assertEquals(404, ADMIN.get().call("PUT", "/sep/flow-reservations/999", "{\"decision\":\"accepted\"}")
                    .statusCode());
            ADMIN.get().fx.clock.set(SepFixture.T0.plusSeconds(3600 + 7200));
            assertEquals(0, device.get(frp).resource(FlowReservationResponseList.class).getAll(), "ended");
        }
    }

    /**
     * IEEE 2030.5-2018 §10.9 with the Response function set (Table 27): a FlowReservationResponse carries replyTo (the
     * device's flow reservation ResponseList) and responseRequired bit 0; the device's Response (as a
     * FlowReservationResponseResponse) to it is stored and listed there; one whose subject is no response of the
     * device is refused with 400, one naming another LFDI with 403.
     */
    @Test
    void responsesToFlowReservationResponses() throws Exception {
        Credential cred = SepFixture.PKI.device();
        long start = SepFixture.T0.plusSeconds(7200).getEpochSecond();
        // a server of its own: the other test counts every reservation the admin API lists
        try (SepAdminFixture admin = new SepAdminFixture(new SepFixture());
             SepFixture.Client device = admin.fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            EndDevice e = device.get(edev).resource(EndDevice.class);
            assertEquals(201, device.post(e.getFlowReservationRequestListLink().getHref(),
                    request("0D".repeat(16), start, 1800, 5000, 3000, 0)).status());
            FlowReservationResponse r = device.get(e.getFlowReservationResponseListLink().getHref())
                    .resource(FlowReservationResponseList.class).getFlowReservationResponse().stream()
                    .filter(x -> java.util.Arrays.equals(x.getSubject().getValue(), HexFormat.of().parseHex(
                            "0D".repeat(16)))).findFirst().orElseThrow();
            assertEquals(edev + "/frp/rsp", r.getReplyTo());
            assertArrayEquals(new byte[] {1}, r.getResponseRequired());

            org.openvtn.schemas.sep.FlowReservationResponseResponse ack =
                    new org.openvtn.schemas.sep.FlowReservationResponseResponse();
            TimeType t = new TimeType();
            t.setValue(SepFixture.T0.getEpochSecond());
            ack.setCreatedDateTime(t);
            ack.setEndDeviceLFDI(HexFormat.of().parseHex(org.openvtn.certs.identity.SepIdentity.lfdi(
                    cred.certificate())));
            ack.setStatus((short) 1);
            ack.setSubject(r.getMRID());
            SepFixture.Reply posted = device.post(r.getReplyTo(), ack);
            assertEquals(201, posted.status(), posted.text());
            org.openvtn.schemas.sep.ResponseList list = device.get(r.getReplyTo())
                    .resource(org.openvtn.schemas.sep.ResponseList.class);
            assertEquals(1, list.getAll());
            assertEquals(posted.header("Location"), list.getResponse().get(0).getHref());
            assertTrue(device.get(posted.header("Location")).text().contains("FlowReservationResponseResponse"));

            MRIDType other = new MRIDType();
            other.setValue(HexFormat.of().parseHex("0E".repeat(16)));
            ack.setSubject(other);
            assertEquals(400, device.post(r.getReplyTo(), ack).status(), "subject is no FlowReservationResponse");
            ack.setSubject(r.getMRID());
            ack.setEndDeviceLFDI(HexFormat.of().parseHex("00".repeat(20)));
            assertEquals(403, device.post(r.getReplyTo(), ack).status(), "another device's LFDI");
            assertEquals(1, device.get(r.getReplyTo()).resource(org.openvtn.schemas.sep.ResponseList.class).getAll());
            // the operator's view: GET /sep/responses lists it in response set "frp"
            JsonNode seen = JSON.readTree(admin.call("GET", "/sep/responses", null).body());
            assertTrue(java.util.stream.StreamSupport.stream(seen.spliterator(), false).anyMatch(x -> "frp".equals(
                    x.path("responseSet").asText()) && "FlowReservationResponseResponse".equals(x.path("type").asText())),
                    seen.toString());
        }
    }
}
