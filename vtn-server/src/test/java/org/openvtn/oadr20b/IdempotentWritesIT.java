package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptType;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.Targets;
import org.openvtn.core.service.StoreLimits;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;

/**
 * Idempotent OpenADR writes and per-VEN quotas over mutual TLS (issue #12 items 7 and 8): a retried
 * oadrUpdateReport or oadrCreatedEvent stores nothing twice; a VEN cannot grow its telemetry or opts beyond its
 * quota (OpenADR 2.0b 8.3 EiReport, 8.2 EiEvent, 8.5 EiOpt; refusals carry 451).
 */
class IdempotentWritesIT {
    private static final long MAX_TELEMETRY = 6;
    private static final int MAX_OPTS = 2;
    private static OadrHarness vtn;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory(b -> b.storeLimits(StoreLimits.builder().maxTelemetryPerVen(MAX_TELEMETRY)
                .maxOptsPerVen(MAX_OPTS).build()));
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static ScriptedVen registered() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        ven.poll();
        return ven;
    }

    private static String code(ScriptedVen.Reply r) {
        assertEquals(200, r.status());
        return ScriptedVen.code(r);
    }

    /** Registers the METADATA reports, requests {@code n} TELEMETRY_USAGE reports and acknowledges them all. */
    private static List<ReportRequest> activeRequests(ScriptedVen ven, int n) {
        code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true)));
        List<ReportRequest> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(vtn.server.core().reports().requestReport(ven.venId, new NewReportRequest("TELEMETRY_USAGE",
                    List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2), null, Duration.ZERO)));
            ven.pollFor(OadrCreateReportType.class);
        }
        assertEquals("200", code(ven.post("EiReport", OadrXml.createdReport(ven.venId,
                out.stream().map(ReportRequest::reportRequestId).toArray(String[]::new)))));
        return out;
    }

    private static List<TelemetryPoint> telemetry(ScriptedVen ven) {
        return vtn.server.core().reports().telemetry(new TelemetryQuery(ven.venId, null, null, 1000));
    }

    /** Issue #12 item 7: the same oadrUpdateReport sent twice answers 200 both times and stores each value once. */
    @Test
    void retriedUpdateReportStoresOnce() {
        ScriptedVen ven = registered();
        ReportRequest rr = activeRequests(ven, 1).get(0);
        byte[] update = OadrXml.updateReport(ven.venId, rr.reportRequestId(), "spec-usage", "TELEMETRY_USAGE",
                "power-1", "power-2");
        assertEquals("200", code(ven.post("EiReport", update)));
        assertEquals("200", code(ven.post("EiReport", update)));
        assertEquals(4, telemetry(ven).size());
        assertEquals(4, vtn.server.core().store().reports().telemetryCount(ven.venId));
    }

    /**
     * Issue #12 item 8: telemetry is settlement data, so beyond the VEN's quota an oadrUpdateReport is refused
     * with 451 and nothing of it is stored (nothing older is deleted either).
     */
    @Test
    void telemetryBeyondQuotaIsRefused() {
        ScriptedVen ven = registered();
        List<ReportRequest> rr = activeRequests(ven, 2);
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.get(0).reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1", "power-2")))); // 4 values of 6
        assertEquals("451", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.get(1).reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1", "power-2")))); // 4 more would make 8
        assertEquals(4, telemetry(ven).size());
        // a retry of what is stored still answers 200: it adds nothing
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.get(0).reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1", "power-2"))));
        assertEquals(4, telemetry(ven).size());
    }

    /** Issue #12 item 7: the same oadrCreatedEvent sent twice keeps one response row; a changed answer replaces it. */
    @Test
    void retriedCreatedEventStoresOnce() {
        ScriptedVen ven = registered();
        String programId = vtn.server.core().programs().create("idem-" + ven.venId, "http://market.example/"
                + ven.venId).id();
        Event e = vtn.server.core().events().create(EventSpec.builder().programId(programId)
                .start(vtn.clock.instant().plus(Duration.ofHours(2))).targets(Targets.vens(ven.venId))
                .responseRequired(ResponseRequired.ALWAYS)
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(30), 1.0))).build());
        for (int i = 0; i < 2; i++) {
            OadrResponseType r = ven.send("EiEvent", EventIT.created(ven.venId, List.of(EventIT.answer(e.id(), 0,
                    OptTypeType.OPT_IN, "200"))), OadrResponseType.class);
            assertEquals("200", r.getEiResponse().getResponseCode());
        }
        assertEquals(1, vtn.server.core().events().responsesOf(ven.venId).size());
        ven.send("EiEvent", EventIT.created(ven.venId, List.of(EventIT.answer(e.id(), 0, OptTypeType.OPT_OUT,
                "200"))), OadrResponseType.class);
        assertEquals(List.of(OptType.OPT_OUT), vtn.server.core().events().responsesOf(ven.venId).stream()
                .map(x -> x.optType()).toList());
    }

    /**
     * Issue #12 item 8: beyond the opt quota cancelled opts are deleted oldest first; when active opts fill it, a
     * new oadrCreateOpt is refused with 451 and the stored opts stay as they were.
     */
    @Test
    void optsBeyondQuota() {
        ScriptedVen ven = registered();
        assertEquals("200", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-1", null))));
        assertEquals("200", code(ven.post("EiOpt", OadrXml.cancelOpt(ven.venId, "opt-1"))));
        assertEquals("200", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-2", null))));
        assertEquals("200", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-3", null))));
        assertEquals(List.of("opt-2", "opt-3"), vtn.server.core().opts().optsFor(ven.venId).stream()
                .map(o -> o.optId()).toList());
        assertEquals("451", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-4", null))));
        assertEquals(MAX_OPTS, vtn.server.core().opts().optsFor(ven.venId).size());
    }
}
