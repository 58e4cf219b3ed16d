package org.openvtn.conformance.oadr20b.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openvtn.conformance.oadr20b.OadrRules;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;

/**
 * Every payload the harness VTN can send validates against the published 2.0b schemas (read from ../shared) and
 * carries schemaVersion 2.0b (rule 509): a harness bug must not be blamed on the VEN under test. Also the push ID
 * mapping of the VEN rows (N1_ -> N0_5, E1_ -> E0_6, A_E1_ -> A_E0_, ...).
 */
class VtnMessagesTest {

    private final OadrRules rules = new OadrRules(OadrCodec.create(new PublishedSchemas()), Duration.ofSeconds(30));

    @Test
    void everyHarnessPayloadIsValid() {
        VtnMessages.Event e = VtnMessages.Event.pending("ev-1");
        VtnMessages.ReportRequest r = new VtnMessages.ReportRequest("rr-1", "spec-1", "rid-1", Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        Map<String, String> all = Map.ofEntries(
                Map.entry("createdPartyRegistration", VtnMessages.createdPartyRegistration("q", "reg", "ven", "vtn",
                        Duration.ofSeconds(10))),
                Map.entry("createdPartyRegistration (query, unregistered)", VtnMessages.createdPartyRegistration("q",
                        null, null, "vtn", Duration.ofSeconds(10))),
                Map.entry("response", VtnMessages.response(200, "q", "ven")),
                Map.entry("distributeEvent", VtnMessages.distributeEvent("vtn", "ven", List.of(e,
                        e.modified(2).withStartAfter(Duration.ofMinutes(5)).withTestEvent("true"),
                        VtnMessages.Event.pending("ev-2").withSignal("x-custom").withResponse("never").cancelled()))),
                Map.entry("distributeEvent (empty)", VtnMessages.distributeEvent("vtn", "ven", List.of())),
                Map.entry("registeredReport", VtnMessages.registeredReport("q", "ven", List.of(r))),
                Map.entry("registeredReport (no requests)", VtnMessages.registeredReport("q", "ven", List.of())),
                Map.entry("createReport", VtnMessages.createReport("ven", List.of(r))),
                Map.entry("cancelReport", VtnMessages.cancelReport("ven", "rr-1", true)),
                Map.entry("updatedReport", VtnMessages.updatedReport("q", "ven")),
                Map.entry("createdOpt", VtnMessages.createdOpt("q", "opt-1")),
                Map.entry("canceledOpt", VtnMessages.canceledOpt("q", "opt-1")),
                Map.entry("cancelPartyRegistration", VtnMessages.cancelPartyRegistration("reg", "ven")),
                Map.entry("canceledPartyRegistration", VtnMessages.canceledPartyRegistration("q", "reg", "ven")),
                Map.entry("requestReregistration", VtnMessages.requestReregistration("ven")));
        all.forEach((name, payload) -> assertEquals(List.of(), rules.checkSent(payload.getBytes(
                StandardCharsets.UTF_8)), name));
    }

    @Test
    void pushRowsUseThePushNumbers() {
        assertEquals("N0_5010", VenCase.pushId("N1_0010"));
        assertEquals("E0_6070", VenCase.pushId("E1_1070"));
        assertEquals("R0_8030", VenCase.pushId("R1_3030"));
        assertEquals("G0_9011", VenCase.pushId("G1_4011"));
        assertEquals("A_E0_0430", VenCase.pushId("A_E1_0430"));
        assertEquals(new Oadr20bVenPullSuite().cases().size() - 1, new Oadr20bVenPushSuite().cases().size());
    }
}
