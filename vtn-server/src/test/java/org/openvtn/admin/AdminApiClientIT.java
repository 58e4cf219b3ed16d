package org.openvtn.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.api.AdminApiClient;
import org.openvtn.admin.api.AdminApiException;
import org.openvtn.admin.api.EventInput;
import org.openvtn.admin.api.EventJson;
import org.openvtn.admin.api.IntervalInput;
import org.openvtn.admin.api.ParticipantInput;
import org.openvtn.admin.api.ProgramInput;
import org.openvtn.admin.api.ProgramJson;
import org.openvtn.admin.api.SignalInput;
import org.openvtn.admin.api.TargetsJson;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;

/**
 * Issue #13 "one typed admin API client": {@link AdminApiClient} against a real admin server over HTTP: the event
 * life cycle of OpenADR conformance rules 4 and 5 in records, participants, and a refusal surfacing as an
 * {@link AdminApiException} with the API's error body naming the field.
 */
class AdminApiClientIT {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final String TOKEN = "c".repeat(32);

    private VtnCore core;
    private AdminServer server;
    private AdminApiClient client;

    @BeforeEach
    void start() {
        core = VtnCore.open(CoreConfig.builder().inMemory("client" + UUID.randomUUID().toString().replace("-", ""))
                .clock(new MutableClock(T0)).build());
        server = AdminServer.start(AdminConfig.builder().port(0).token(TOKEN).build(), core);
        client = AdminApiClient.create(server.baseUri(), TOKEN, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() {
        server.close();
        core.close();
    }

    private static EventInput event(String programId, double value) {
        return new EventInput(programId, "2030-01-01T14:00:00Z", List.of(new SignalInput(null, "SIMPLE", "level", null,
                List.of(new IntervalInput("PT30M", value)))), new TargetsJson(true, null, null, null, null), null,
                "always", null, null, null, null, null, "from the client");
    }

    /** Create, modify and cancel an event: modificationNumber 0, 1, 2 (OpenADR 2.0b conformance rules 4, 5). */
    @Test
    void eventLifeCycle() {
        ProgramJson p = client.createProgram(new ProgramInput("P", "http://mc-client", null));
        assertEquals(List.of(p), client.programs());
        EventJson created = client.createEvent(event(p.id(), 1));
        assertEquals(0, created.modificationNumber());
        assertEquals("far", created.status());
        assertEquals("from the client", created.vtnComment());
        EventJson modified = client.updateEvent(created.id(), event(p.id(), 2));
        assertEquals(1, modified.modificationNumber());
        assertEquals(2.0, modified.signals().get(0).intervals().get(0).value());
        assertEquals(2, client.cancelEvent(created.id()).modificationNumber());
        assertEquals("cancelled", client.event(created.id()).status());
        assertEquals(List.of("created", "updated", "cancelled"),
                client.eventHistory(created.id()).stream().map(h -> h.change()).toList());
        assertEquals(List.of(), client.eventResponses(created.id()));
    }

    /** A refusal carries the status and the error body; an unknown resource is 404. */
    @Test
    void refusalsCarryTheErrorBody() {
        String pid = client.createProgram(new ProgramInput("P", "http://mc-bad", null)).id();
        AdminApiException bad = assertThrows(AdminApiException.class, () -> client.createEvent(
                new EventInput(pid, "tomorrow", List.of(), new TargetsJson(true, null, null, null, null), null, null,
                        null, null, null, null, null, null)));
        assertEquals(400, bad.status());
        assertEquals("start", bad.error().field());
        assertEquals(404, assertThrows(AdminApiException.class, () -> client.ven("ghost")).status());
        AdminApiException wrongToken = assertThrows(AdminApiException.class, () -> AdminApiClient.create(
                server.baseUri(), "x".repeat(32), Duration.ofSeconds(5)).programs());
        assertEquals(401, wrongToken.status());
    }

    /** Participants: provision by fingerprint, revoke (issue #12 enrolment). */
    @Test
    void participants() {
        String fp = "AB:CD:EF:01:23:45:67:89:AB:CD";
        assertEquals("approved", client.provision(new ParticipantInput(null, fp, null, "lab VEN")).state());
        assertEquals("revoked", client.revoke("oadr:" + fp).state());
        assertTrue(client.participants().stream().anyMatch(x -> x.fingerprint().equals(fp)));
        assertTrue(client.metrics().oadrPolls() >= 0);
    }
}
