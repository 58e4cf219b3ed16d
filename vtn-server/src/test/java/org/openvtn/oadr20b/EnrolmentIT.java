package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.core.EnrolmentPolicy;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Targets;
import org.openvtn.schemas.oadr20b.OadrCreatedPartyRegistrationType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiResponseType;

/**
 * Issue #12 item 5 on the OpenADR 2.0b listener, over mutual TLS with the admin API acting as the operator:
 * {@code approve} registers a new certificate as pending (no events, 463 for other services) until
 * {@code POST /participants/{id}/approve}; {@code allowlist} answers 463 to an unprovisioned certificate, also for
 * oadrCreatePartyRegistration, until {@code POST /participants}; a revoked VEN is refused with 463 and its
 * registration cancelled, under any policy.
 */
class EnrolmentIT {

    private static final String TOKEN = "enrolment-token-0123456789";

    private static Event eventForEveryone(AdminVtnFixture fx) {
        String program = fx.server().core().programs().create("enrol-" + System.nanoTime(),
                "http://market.example/enrol").id();
        return fx.server().core().events().create(EventSpec.builder().programId(program)
                .start(OadrHarness.T0.plus(Duration.ofHours(1))).targets(Targets.everyone())
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 1.0))).build());
    }

    /** The response code of any 2.0b answer. */
    private static String code(Object message) {
        try {
            return ((EiResponseType) message.getClass().getMethod("getEiResponse").invoke(message)).getResponseCode();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("no eiResponse in " + message, e);
        }
    }

    /** Issue #12 item 5, approve: pending after registration, nothing delivered, approval delivers the event. */
    @Test
    void approvePolicyWithholdsEventsUntilTheOperatorApproves() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("enrol-approve", TOKEN, EnrolmentPolicy.APPROVE)) {
            Event e = eventForEveryone(fx);
            ScriptedVen ven = fx.registeredVen("pending-");
            String id = "oadr:" + ven.fingerprint();

            JsonNode pending = fx.admin("GET", "/participants?state=pending", null).body();
            assertEquals(1, pending.size(), pending.toString());
            assertEquals(id, pending.get(0).get("id").asText());
            assertEquals("openadr20b", pending.get(0).get("protocol").asText());

            Object poll = ven.poll();
            assertInstanceOf(OadrResponseType.class, poll, "a pending VEN's poll is answered empty");
            assertEquals("200", code(poll));
            assertEquals("463", code(ven.send("EiEvent", RegistrationIT.requestEvent(ven.venId))));
            assertEquals("463", code(ven.post("EiReport", OadrXml.registerReport(ven.venId, false)).message()));

            AdminVtnFixture.Reply approved = fx.admin("POST", "/participants/" + id + "/approve", null);
            assertEquals(200, approved.status(), approved.body().toString());
            assertEquals("approved", approved.body().get("state").asText());
            OadrDistributeEventType d = ven.pollFor(OadrDistributeEventType.class);
            assertEquals(e.id(), d.getOadrEvent().get(0).getEiEvent().getEventDescriptor().getEventID());
            assertTrue(fx.admin("GET", "/participants?state=pending", null).body().isEmpty());
        }
    }

    /** Issue #12 item 5, allowlist: 463 for every message until provisioned by fingerprint, then normal. */
    @Test
    void allowlistRefusesUnprovisionedCertificatesWith463() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("enrol-allow", TOKEN, EnrolmentPolicy.ALLOWLIST)) {
            eventForEveryone(fx);
            ScriptedVen ven = fx.newVen("allow-");
            OadrCreatedPartyRegistrationType refused = ven.send("EiRegisterParty", ven.registrationRequest(null, null),
                    OadrCreatedPartyRegistrationType.class);
            assertEquals("463", refused.getEiResponse().getResponseCode());
            assertEquals("463", ven.query().getEiResponse().getResponseCode());
            assertTrue(fx.server().core().registrations().list().isEmpty(), "nothing registered");
            assertTrue(fx.admin("GET", "/participants", null).body().isEmpty(), "nothing recorded");

            AdminVtnFixture.Reply provisioned = fx.admin("POST", "/participants",
                    "{\"fingerprint\":\"" + ven.fingerprint() + "\",\"label\":\"site 3\"}");
            assertEquals(201, provisioned.status(), provisioned.body().toString());
            assertEquals("approved", provisioned.body().get("state").asText());
            assertEquals("site 3", provisioned.body().get("label").asText());
            ven.register();
            assertInstanceOf(OadrDistributeEventType.class, ven.poll());
        }
    }

    /** Issue #12 item 5: revoking cancels the registration and refuses the VEN with 463, even under open. */
    @Test
    void revokedVenIsRefusedAndItsRegistrationCancelled() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("enrol-revoke", TOKEN, EnrolmentPolicy.OPEN)) {
            ScriptedVen ven = fx.registeredVen("revoked-");
            assertTrue(fx.admin("GET", "/participants", null).body().isEmpty(), "open records nobody");
            AdminVtnFixture.Reply revoked = fx.admin("POST", "/participants/oadr:" + ven.fingerprint() + "/revoke", null);
            assertEquals(200, revoked.status(), revoked.body().toString());
            assertEquals("revoked", revoked.body().get("state").asText());
            assertFalse(fx.server().core().registrations().query(ven.fingerprint()).isPresent());
            assertEquals("463", code(ven.poll()));
            assertEquals("463", code(ven.send("EiRegisterParty", ven.registrationRequest(null, null))));
        }
    }

    /** Issue #12 item 5: bad participant ids are 400 naming "id", unknown ones 404; the OpenAPI document lists it. */
    @Test
    void adminApiValidatesParticipantIds() throws Exception {
        try (AdminVtnFixture fx = new AdminVtnFixture("enrol-admin", TOKEN, EnrolmentPolicy.APPROVE)) {
            AdminVtnFixture.Reply bad = fx.admin("POST", "/participants/ven..1/approve", null);
            assertEquals(400, bad.status());
            assertEquals("id", bad.body().get("field").asText());
            assertEquals(404, fx.admin("POST", "/participants/sep:" + "AB".repeat(20) + "/approve", null).status());
            assertEquals(400, fx.admin("POST", "/participants", "{\"lfdi\":\"xyz\"}").status());
            assertEquals(400, fx.admin("POST", "/participants",
                    "{\"lfdi\":\"" + "AB".repeat(20) + "\",\"fingerprint\":\"AA:BB\"}").status());
            assertEquals(400, fx.admin("GET", "/participants?state=sleeping", null).status());
            AdminVtnFixture.Reply sep = fx.admin("POST", "/participants", "{\"lfdi\":\"" + "ab".repeat(20) + "\"}");
            assertEquals(201, sep.status());
            assertEquals("sep:" + "AB".repeat(20), sep.body().get("id").asText());
            JsonNode doc = fx.admin("GET", "/openapi.json", null).body();
            assertTrue(doc.get("paths").has("/participants/{participantId}/approve"));
        }
    }
}
