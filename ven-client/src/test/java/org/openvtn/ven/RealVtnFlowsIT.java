package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.ReportCapability;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RealVtn;
import org.openvtn.ven.testing.RecordingListener;

/**
 * EiOpt and EiReport between this client and the real VTN (port 0, mutual TLS, in-memory Derby), checked on the VTN
 * side through its admin API and core: availability schedules and event-scoped opts reach the VTN's store and are
 * withdrawn by oadrCancelOpt (P1_2010, P1_2020, P1_2040, P1_2050); METADATA registered at start (R1_3010, rule 301),
 * a TELEMETRY_USAGE request made by the operator ({@code POST /vens/{venId}/report-requests}) is answered with data
 * from the application's {@link TelemetrySource}, visible in {@code GET /reports} (R1_3020).
 */
class RealVtnFlowsIT {
    private static final TestPki PKI = TestPki.shared();
    private static final String MARKET = "http://market.example/flows";
    private static VtnServer vtn;
    private static RealVtn.Admin admin;

    @BeforeAll
    static void start() {
        vtn = RealVtn.startInMemory(PKI, "ven-flows");
        admin = new RealVtn.Admin(vtn);
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static String createEvent(String venId) {
        String program = admin.post("/programs", Map.of("name", "flows-" + System.nanoTime(), "marketContext", MARKET))
                .ok().get("id").asText();
        return admin.post("/events", Map.of("programId", program,
                "start", Instant.now().plus(Duration.ofHours(3)).toString(),
                "signals", List.of(Map.of("name", "SIMPLE", "type", "level",
                        "intervals", List.of(Map.of("duration", "PT1H", "value", 1)))),
                "targets", Map.of("venIds", List.of(venId)))).ok().get("id").asText();
    }

    private static Map<String, JsonNode> optsById(String venId) {
        Map<String, JsonNode> out = new java.util.HashMap<>();
        admin.get("/vens/" + venId + "/opts").ok().forEach(o -> out.put(o.get("optId").asText(), o));
        return out;
    }

    /** P1_2010/P1_2020/P1_2040/P1_2050: both kinds of oadrCreateOpt are stored; oadrCancelOpt marks them cancelled. */
    @Test
    void optsReachTheVtnStoreAndCancelWithdrawsThem() throws Exception {
        Credential cred = RealVtn.credential(PKI, "opt-ven-" + System.nanoTime());
        RecordingListener listener = new RecordingListener();
        try (VenClient client = RealVtn.client(PKI, vtn, cred, listener).build()) {
            String venId = client.start().venId();
            Instant windowStart = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
            String schedule = client.createOptSchedule(OptType.OPT_OUT, "x-schedule", MARKET,
                    List.of(new AvailabilityWindow(windowStart, Duration.ofHours(2))));

            String eventId = createEvent(venId);
            client.poll();
            assertEquals(eventId, ((DrEvent) listener.await("event").value()).eventId());
            String eventOpt = client.createEventOpt(eventId, OptType.OPT_OUT, "notParticipating");

            Map<String, JsonNode> opts = optsById(venId);
            assertEquals(2, opts.size(), opts.toString());
            JsonNode s = opts.get(schedule);
            assertEquals("optOut", s.get("optType").asText());
            assertEquals("x-schedule", s.get("reason").asText());
            assertEquals(MARKET, s.get("marketContext").asText());
            assertTrue(s.get("eventId").isNull(), s.toString());
            assertEquals(1, s.get("windows").size());
            assertEquals(windowStart.toString(), s.get("windows").get(0).get("start").asText());
            assertEquals("PT2H", s.get("windows").get(0).get("duration").asText());
            JsonNode e = opts.get(eventOpt);
            assertEquals(eventId, e.get("eventId").asText());
            assertEquals(0, e.get("modificationNumber").asLong());
            assertEquals("optOut", e.get("optType").asText());
            assertEquals(0, e.get("windows").size());
            assertFalse(s.get("cancelled").asBoolean() || e.get("cancelled").asBoolean());

            client.cancelOptSchedule(schedule);
            client.cancelOptSchedule(eventOpt);
            opts = optsById(venId);
            assertTrue(opts.get(schedule).get("cancelled").asBoolean(), opts.toString());
            assertTrue(opts.get(eventOpt).get("cancelled").asBoolean(), opts.toString());

            VenException again = assertThrows(VenException.class, () -> client.cancelOptSchedule(schedule));
            assertEquals(452, again.responseCode(), "P1_2050: cancelling a cancelled opt");
            // The client refuses an opt for an event it does not track before anything is sent.
            VenException foreign = assertThrows(VenException.class,
                    () -> client.createEventOpt("not-an-event", OptType.OPT_IN, "participating"));
            assertEquals(452, foreign.responseCode());
        }
    }

    /**
     * R1_3010 and R1_3020: METADATA_TELEMETRY_USAGE reaches the VTN at start; the operator requests a periodic
     * TELEMETRY_USAGE report through the admin API; the client acknowledges it on its next poll and the values of its
     * TelemetrySource are stored and listed by {@code GET /reports}.
     */
    @Test
    void operatorRequestedTelemetryArrivesAtTheVtn() throws Exception {
        Credential cred = RealVtn.credential(PKI, "report-ven-" + System.nanoTime());
        RecordingListener listener = new RecordingListener();
        List<Instant> reads = new java.util.concurrent.CopyOnWriteArrayList<>();
        CountDownLatch secondReport = new CountDownLatch(2);
        TelemetrySource source = new TelemetrySource() {
            @Override
            public Reading read(org.openvtn.ven.ReportCapability point, Instant start, Duration granularity) {
                reads.add(start);
                secondReport.countDown();
                return Reading.value(start, granularity, 42.5);
            }
        };
        try (VenClient client = RealVtn.client(PKI, vtn, cred, listener).telemetrySource(source)
                .reportCapabilities(org.openvtn.ven.ReportCapability.telemetryPower("p1", Duration.ofSeconds(1),
                        Duration.ofMinutes(1))).build()) {
            String venId = client.start().venId();
            List<ReportCapability> metadata = vtn.core().reports().capabilities(venId);
            assertEquals(List.of("p1"), metadata.stream().map(ReportCapability::rId).toList());
            assertEquals("METADATA_TELEMETRY_USAGE", metadata.get(0).reportName());

            JsonNode requested = admin.post("/vens/" + venId + "/report-requests", Map.of("reportName",
                    "TELEMETRY_USAGE", "granularity", "PT1S", "reportBackDuration", "PT1S")).ok();
            String requestId = requested.get("reportRequestId").asText();
            assertEquals("pending", requested.get("status").asText());

            client.poll();
            ReportRequest seen = (ReportRequest) listener.await("report").value();
            assertEquals(requestId, seen.reportRequestId());
            assertEquals(List.of(requestId), client.pendingReports());
            // Reports go out one after the other and the next is scheduled only once the VTN answered the previous
            // one, so the second read means the first report is stored.
            assertTrue(secondReport.await(30, TimeUnit.SECONDS), "reads: " + reads);

            JsonNode rows = admin.get("/reports?venId=" + venId).ok();
            List<JsonNode> ours = new ArrayList<>();
            rows.forEach(r -> {
                if (requestId.equals(r.get("reportRequestId").asText())) {
                    ours.add(r);
                }
            });
            assertFalse(ours.isEmpty(), rows.toString());
            assertEquals("p1", ours.get(0).get("rId").asText());
            assertEquals(42.5, ours.get(0).get("value").asDouble());
            Instant stored = Instant.parse(ours.get(0).get("timestamp").asText());
            assertTrue(reads.stream().anyMatch(t -> t.truncatedTo(ChronoUnit.MILLIS).equals(stored)),
                    "the stored timestamp (milliseconds on the wire) is one the source was asked for: " + ours.get(0) + " " + reads);
            JsonNode status = null;
            for (JsonNode r : admin.get("/vens/" + venId + "/report-requests").ok()) {
                if (requestId.equals(r.get("reportRequestId").asText())) {
                    status = r.get("status");
                }
            }
            assertEquals("active", status == null ? null : status.asText(), "acknowledged by oadrCreatedReport");
        }
    }
}
