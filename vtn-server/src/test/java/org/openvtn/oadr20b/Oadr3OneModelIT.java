package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.Targets;
import org.openvtn.oadr3.Oadr3TestClient;
import org.openvtn.oadr3.http.Oadr3Config;
import org.openvtn.oadr3.service.Oadr3Clients;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;

/**
 * One event model across protocols (issue #20 "One model", docs/openadr-3.md): an event created by a 3.1 BL client
 * reaches an OpenADR 2.0b VEN's oadrPoll as an oadrDistributeEvent (OpenADR 2.0b 8.2) with the mapped SIMPLE signal;
 * an event created on the core (as the admin API does) is served to a 3.1 VEN; a 3.1 VEN's report lands in the
 * core telemetry store.
 */
class Oadr3OneModelIT {
    private static OadrHarness vtn;
    private static Oadr3TestClient bl;
    private static Oadr3TestClient ven3;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.with(null, b -> b.oadr3(Oadr3Config.builder()
                .tls(org.openvtn.certs.testing.TestPki.shared().oadrServerConfig().build()).port(0).build()));
        var services = vtn.server.oadr3().orElseThrow().services();
        Oadr3Clients.Created b = services.clients().create("one-model-bl", "BL");
        Oadr3Clients.Created v = services.clients().create("one-model-ven", "VEN");
        Oadr3TestClient anon = new Oadr3TestClient(TlsFactory.of(vtn.pki.oadrClientConfig(vtn.pki.venEcc()).build())
                .clientSslContext(), vtn.server.oadr3().orElseThrow().baseUri());
        bl = anon.login(b.clientId(), b.clientSecret());
        ven3 = anon.login(v.clientId(), v.clientSecret());
        assertEquals(201, ven3.post("/vens", """
                {"objectType":"VEN_VEN_REQUEST","venName":"ven-31"}""").status());
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    @Test
    void eventFromThe31ApiReachesA20bVenPoll() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        assertInstanceOf(OadrDistributeEventType.class, ven.poll()); // the registration's (empty) distribution
        String programId = bl.post("/programs", """
                {"programName":"one-model-31"}""").body().get("id").asText();
        Instant start = vtn.clock.instant().plus(Duration.ofHours(3));
        JsonNode created = bl.post("/events", """
                {"programID":"%s","targets":["%s"],"intervalPeriod":{"start":"%s","duration":"PT15M"},
                 "intervals":[{"id":0,"payloads":[{"type":"SIMPLE","values":[3]}]}]}"""
                .formatted(programId, ven.venId, start)).body();
        String eventId = created.get("id").asText();
        OadrDistributeEventType d = ven.pollFor(OadrDistributeEventType.class);
        EiEventType ei = d.getOadrEvent().stream().map(OadrDistributeEventType.OadrEvent::getEiEvent)
                .filter(e -> e.getEventDescriptor().getEventID().equals(eventId)).findFirst().orElseThrow();
        assertEquals("urn:openvtn:program:one-model-31",
                ei.getEventDescriptor().getEiMarketContext().getMarketContext());
        assertEquals("SIMPLE", ei.getEiEventSignals().getEiEventSignal().get(0).getSignalName());
    }

    @Test
    void coreEventIsServedToA31VenAndItsReportIsTelemetry() {
        String programId = vtn.server.core().programs().create("one-model-core", "http://market.example/om").id();
        Instant start = vtn.clock.instant().plus(Duration.ofHours(6));
        Event e = vtn.server.core().events().create(EventSpec.builder().programId(programId).start(start)
                .targets(Targets.vens("ven-31")).signal("SIMPLE", "level", null,
                        List.of(Map.entry(Duration.ofMinutes(30), 2.0))).build());
        JsonNode got = ven3.get("/events/" + e.id()).body();
        assertEquals(programId, got.get("programID").asText());
        assertEquals("SIMPLE", got.get("intervals").get(0).get("payloads").get(0).get("type").asText());
        assertEquals(2.0, got.get("intervals").get(0).get("payloads").get(0).get("values").get(0).asDouble());
        var report = ven3.post("/reports", """
                {"eventID":"%s","clientName":"ven-31","resources":[{"resourceName":"site",
                 "intervals":[{"id":0,"intervalPeriod":{"start":"%s","duration":"PT30M"},
                 "payloads":[{"type":"USAGE","values":[4.25]}]}]}]}""".formatted(e.id(), start));
        assertEquals(201, report.status(), () -> String.valueOf(report.body()));
        List<TelemetryPoint> points = vtn.server.core().reports().telemetry(new TelemetryQuery("oadr3:one-model-ven",
                start.minusSeconds(1), start.plusSeconds(1), 10));
        assertEquals(1, points.size());
        assertEquals("site/USAGE", points.get(0).rId());
        assertEquals(4.25, points.get(0).value());
        assertTrue(points.get(0).timestamp().equals(start));
    }
}
