package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;

/**
 * Issues #18/#19: {@code POST /api/v1/vens/preregister} registers VENs by certificate fingerprint ahead of their first
 * contact. Under the strictest enrolment policy (allowlist) a pre-registered VEN's first oadrQueryRegistration
 * (OpenADR 2.0b §8.6, conformance N1_0010) already names its registration and its first oadrPoll is served; a repeat
 * changes nothing; a venID of another certificate refuses the whole request with nothing stored.
 */
class PreregistrationIT {
    private static final String TOKEN = "prereg-token-0123456789abcdef";

    private static String ven(ScriptedVen v, String venId) {
        return "{\"fingerprint\":\"" + v.fingerprint().toLowerCase(java.util.Locale.ROOT) + "\""
                + (venId == null ? "" : ",\"venId\":\"" + venId + "\"") + ",\"venName\":\"bulk\"}";
    }

    @Test
    void preregisteredVenIsRegisteredAtItsFirstContact() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("prereg", TOKEN, EnrolmentPolicy.ALLOWLIST)) {
            ScriptedVen a = fx.newVen("bulk-a-");
            ScriptedVen b = fx.newVen("bulk-b-");
            String body = "{\"vens\":[" + ven(a, "bulk-ven-a") + "," + ven(b, null) + "]}";
            AdminVtnFixture.Reply r = fx.admin("POST", "/vens/preregister", body);
            assertEquals(200, r.status(), r.body().toString());
            assertEquals(2, r.body().size());
            JsonNode first = r.body().get(0);
            assertEquals("bulk-ven-a", first.get("venId").asText());
            assertEquals(a.fingerprint(), first.get("fingerprint").asText());
            assertTrue(first.get("created").asBoolean());
            assertEquals(b.fingerprint(), r.body().get(1).get("venId").asText(), "no venID: the fingerprint");

            OadrCreatedPartyRegistrationType q = a.query();
            assertEquals("200", q.getEiResponse().getResponseCode());
            assertEquals("bulk-ven-a", q.getVenID());
            assertEquals(first.get("registrationId").asText(), q.getRegistrationID());
            a.venId = q.getVenID();
            assertInstanceOf(OadrDistributeEventType.class, a.poll(),
                    "the allowlist admits it, and its first poll collects the registration's EVENTS_CHANGED");
            assertInstanceOf(OadrResponseType.class, a.poll(), "then an empty queue");
            assertEquals("approved", fx.admin("GET", "/participants/oadr:" + a.fingerprint(), null).body()
                    .get("state").asText());

            AdminVtnFixture.Reply again = fx.admin("POST", "/vens/preregister", body);
            assertEquals(200, again.status(), again.body().toString());
            assertFalse(again.body().get(0).get("created").asBoolean());
            assertEquals(first.get("registrationId").asText(), again.body().get(0).get("registrationId").asText());
            assertEquals(2, fx.admin("GET", "/vens", null).body().size());
        }
    }

    @Test
    void conflictingOrMalformedRequestsStoreNothing() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("prereg-bad", TOKEN, EnrolmentPolicy.ALLOWLIST)) {
            ScriptedVen a = fx.newVen("bulk-a-");
            ScriptedVen c = fx.newVen("bulk-c-");
            ScriptedVen d = fx.newVen("bulk-d-");
            assertEquals(200, fx.admin("POST", "/vens/preregister", "{\"vens\":[" + ven(a, "taken") + "]}").status());

            AdminVtnFixture.Reply conflict = fx.admin("POST", "/vens/preregister",
                    "{\"vens\":[" + ven(d, "fresh") + "," + ven(c, "taken") + "]}");
            assertEquals(409, conflict.status(), conflict.body().toString());
            assertEquals("venId", conflict.body().get("field").asText());
            assertEquals(404, fx.admin("GET", "/vens/fresh", null).status(), "the whole batch was refused");
            assertEquals(404, fx.admin("GET", "/participants/oadr:" + d.fingerprint(), null).status());
            assertEquals("463", ScriptedVen.code(c.post("EiRegisterParty", OadrHarness.codec().encodePayload(
                    c.registrationRequest(null, null)))), "not provisioned");

            assertEquals(400, fx.admin("POST", "/vens/preregister", "{\"vens\":[]}").status());
            assertEquals(400, fx.admin("POST", "/vens/preregister",
                    "{\"vens\":[" + ven(c, "a..b") + "]}").status());
            assertEquals(400, fx.admin("POST", "/vens/preregister",
                    "{\"vens\":[" + ven(c, null) + "," + ven(c, null) + "]}").status());
            assertEquals(400, fx.admin("POST", "/vens/preregister", "{\"vens\":[{\"fingerprint\":\"xyz\"}]}")
                    .status());
            StringBuilder many = new StringBuilder("{\"vens\":[");
            for (int i = 0; i <= 1000; i++) {
                many.append(i == 0 ? "" : ",").append("{\"fingerprint\":\"AA:").append(String.format("%02X", i % 256))
                        .append("\"}");
            }
            AdminVtnFixture.Reply tooMany = fx.admin("POST", "/vens/preregister", many.append("]}").toString());
            assertEquals(400, tooMany.status(), tooMany.body().toString());
            assertEquals("vens", tooMany.body().get("field").asText());
            assertEquals(1, fx.admin("GET", "/vens", null).body().size());
            AdminVtnFixture.Reply noToken = new AdminVtnFixture.Reply(fx.http().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create(fx.server().adminBaseUri().orElseThrow() + "/vens/preregister"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"vens\":[" + ven(d, null) + "]}"))
                    .header("Content-Type", "application/json").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode(), null);
            assertEquals(401, noToken.status());
        }
    }
}
