package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.oadr20b.AdminVtnFixture.Reply;

/**
 * OpenADR 2.0b conformance rule 18 (ported A-profile case A_E3_0490, capability {@code events.overlapRules}) through
 * the operator's admin API over real HTTP and a scripted VEN over mutual TLS: an event of an {@code overlap: reject}
 * program (the default) that would overlap, randomization window included, another live event of the same market
 * context for the same VEN is refused 409 naming {@code start} and the conflicting event, on create and on modify;
 * non-overlapping events, events of other market contexts, events after a cancellation and events of an
 * {@code overlap: supersede} program (IEEE 2030.5 CSIP CORE-023) are accepted and reach the VEN.
 */
class EventOverlapIT {
    private static final ObjectMapper JSON = AdminVtnFixture.JSON;
    private static final Instant START = OadrHarness.T0.plus(Duration.ofHours(2));
    private static AdminVtnFixture vtn;

    @BeforeAll
    static void start() {
        vtn = new AdminVtnFixture("overlap", "event-overlap-it-token-0123456789");
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static Reply admin(String method, String path, String body) throws Exception {
        return vtn.admin(method, path, body);
    }

    private static ScriptedVen registeredVen() {
        return vtn.registeredVen("overlap-ven-");
    }

    /** Creates a program; {@code overlap} null = the default. */
    private static JsonNode program(String marketContext, String overlap) throws Exception {
        String body = "{\"name\":\"p-" + System.nanoTime() + "\",\"marketContext\":\"" + marketContext + "\""
                + (overlap == null ? "" : ",\"overlap\":\"" + overlap + "\"") + "}";
        Reply r = admin("POST", "/programs", body);
        assertEquals(201, r.status(), r.body().toString());
        return r.body();
    }

    /** A one-hour SIMPLE event body for one VEN. */
    private static String event(String programId, Instant start, String venId, String randomizeStart) {
        return "{\"programId\":\"" + programId + "\",\"start\":\"" + start + "\",\"randomizeStart\":\""
                + randomizeStart + "\",\"signals\":[{\"name\":\"SIMPLE\",\"type\":\"level\",\"intervals\":"
                + "[{\"duration\":\"PT1H\",\"value\":1}]}],\"targets\":{\"venIds\":[\"" + venId + "\"]}}";
    }

    private static String create(String body) throws Exception {
        Reply r = admin("POST", "/events", body);
        assertEquals(201, r.status(), r.body().toString());
        return r.body().get("id").asText();
    }

    private static void assertOverlap(Reply r, String conflicting) {
        assertEquals(409, r.status(), r.body().toString());
        assertEquals("start", r.body().get("field").asText(), r.body().toString());
        assertEquals(conflicting, r.body().get("conflictingEventId").asText(), r.body().toString());
        assertTrue(r.body().get("error").asText().contains("overlap"), r.body().toString());
    }

    /** The event IDs an oadrRequestEvent returns to the VEN (E1_1020 path). */
    private static Set<String> eventsOf(ScriptedVen ven) {
        OadrDistributeEventType d = ven.send("EiEvent", RegistrationIT.requestEvent(ven.venId),
                OadrDistributeEventType.class);
        return d.getOadrEvent().stream().map(e -> e.getEiEvent().getEventDescriptor().getEventID())
                .collect(Collectors.toSet());
    }

    /** A_E3_0490: overlap refused on create (randomization window included) and on modify; the VEN sees one. */
    @Test
    void overlapInOneMarketContextIsRefused() throws Exception {
        ScriptedVen ven = registeredVen();
        JsonNode p = program("http://overlap.example/refused", null);
        assertEquals("reject", p.get("overlap").asText());
        String pid = p.get("id").asText();
        String first = create(event(pid, START, ven.venId, "PT10M"));

        assertOverlap(admin("POST", "/events", event(pid, START.plus(Duration.ofMinutes(15)), ven.venId, "PT0S")),
                first);
        // starts at the first one's nominal end, inside its randomization window (startafter PT10M)
        assertOverlap(admin("POST", "/events", event(pid, START.plus(Duration.ofHours(1)), ven.venId, "PT0S")), first);

        String later = create(event(pid, START.plus(Duration.ofMinutes(70)), ven.venId, "PT0S"));
        Reply moved = admin("PUT", "/events/" + later, event(pid, START.plus(Duration.ofMinutes(30)), ven.venId,
                "PT0S"));
        assertOverlap(moved, first);
        assertEquals(0, admin("GET", "/events/" + later, null).body().get("modificationNumber").asInt());
        assertEquals(Set.of(first, later), eventsOf(ven));
    }

    /** Different market contexts may overlap for one VEN; so may events for different VENs. */
    @Test
    void otherMarketContextsAndOtherVensAreAccepted() throws Exception {
        ScriptedVen ven = registeredVen();
        ScriptedVen other = registeredVen();
        String p1 = program("http://overlap.example/mc1", "reject").get("id").asText();
        String p2 = program("http://overlap.example/mc2", null).get("id").asText();
        String a = create(event(p1, START, ven.venId, "PT5M"));
        String b = create(event(p2, START, ven.venId, "PT5M"));
        String c = create(event(p1, START, other.venId, "PT5M"));
        assertEquals(Set.of(a, b), eventsOf(ven));
        assertEquals(Set.of(c), eventsOf(other));
    }

    /** A cancelled event no longer blocks its period. */
    @Test
    void cancelledEventDoesNotBlock() throws Exception {
        ScriptedVen ven = registeredVen();
        String pid = program("http://overlap.example/cancelled", null).get("id").asText();
        String first = create(event(pid, START, ven.venId, "PT0S"));
        assertOverlap(admin("POST", "/events", event(pid, START, ven.venId, "PT0S")), first);
        assertEquals(200, admin("POST", "/events/" + first + "/cancel", null).status());
        String replacement = create(event(pid, START, ven.venId, "PT0S"));
        assertTrue(eventsOf(ven).contains(replacement));
    }

    /** An {@code overlap: supersede} program (IEEE 2030.5 CSIP CORE-023) accepts overlapping events. */
    @Test
    void supersedeProgramAcceptsOverlaps() throws Exception {
        ScriptedVen ven = registeredVen();
        JsonNode p = program("http://overlap.example/supersede", "supersede");
        assertEquals("supersede", p.get("overlap").asText());
        String pid = p.get("id").asText();
        assertEquals("supersede", admin("GET", "/programs/" + pid, null).body().get("overlap").asText());
        List<String> ids = List.of(create(event(pid, START, ven.venId, "PT5M")),
                create(event(pid, START.plus(Duration.ofMinutes(10)), ven.venId, "PT5M")));
        assertEquals(Set.copyOf(ids), eventsOf(ven));
    }

    /** A bad policy is a 400 naming the field; the OpenAPI document describes the field and the 409. */
    @Test
    void policyValidationAndOpenApi() throws Exception {
        Reply bad = admin("POST", "/programs", "{\"name\":\"bad-" + System.nanoTime()
                + "\",\"marketContext\":\"http://overlap.example/bad\",\"overlap\":\"merge\"}");
        assertEquals(400, bad.status(), bad.body().toString());
        assertEquals("overlap", bad.body().get("field").asText());
        JsonNode api = admin("GET", "/openapi.json", null).body();
        assertEquals(List.of("reject", "supersede"), JSON.convertValue(api.at(
                "/components/schemas/ProgramInput/properties/overlap/enum"), List.class));
        assertTrue(api.at("/paths/~1events/post/responses").has("409"));
    }
}
