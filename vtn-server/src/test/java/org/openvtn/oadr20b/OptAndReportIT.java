package org.openvtn.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptRecord;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.Targets;
import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrCreateReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.ReportSpecifierType;

/** EiOpt (8.5, P1_20xx) and EiReport (8.3, R1_30xx) over mutual TLS. */
class OptAndReportIT {
    private static OadrHarness vtn;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static ScriptedVen registered() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        ven.poll(); // the initial oadrDistributeEvent
        return ven;
    }

    private static String code(ScriptedVen.Reply r) {
        assertEquals(200, r.status());
        return ScriptedVen.code(r);
    }

    /** P1_2010 / P1_2020 / P1_2040 / P1_2050: event-scoped opt, availability schedule, cancel, unknown optID. */
    @Test
    void p1_2010_2020_2040_2050_opts() {
        ScriptedVen ven = registered();
        String program = vtn.server.core().programs().create("opt-it", "http://market.example/opt").id();
        Event e = vtn.server.core().events().create(EventSpec.builder().programId(program)
                .start(vtn.clock.instant().plus(Duration.ofHours(1))).targets(Targets.vens(ven.venId))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 1.0))).build());
        assertEquals("200", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-event", e.id()))));
        assertEquals("200", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-schedule", null))));
        List<OptRecord> opts = vtn.server.core().opts().optsFor(ven.venId);
        assertEquals(2, opts.size());
        OptRecord schedule = opts.stream().filter(o -> o.optId().equals("opt-schedule")).findFirst().orElseThrow();
        assertEquals(2, schedule.windows().size());
        assertEquals(Duration.ofHours(4), schedule.windows().get(0).duration());
        assertEquals(List.of("res-1"), schedule.resourceIds());

        assertEquals("200", code(ven.post("EiOpt", OadrXml.cancelOpt(ven.venId, "opt-schedule"))));
        assertTrue(vtn.server.core().opts().optsFor(ven.venId).stream()
                .anyMatch(o -> o.optId().equals("opt-schedule") && o.cancelled()));
        assertEquals("452", code(ven.post("EiOpt", OadrXml.cancelOpt(ven.venId, "no-such-opt"))));
        assertEquals("452", code(ven.post("EiOpt", OadrXml.createOpt(ven.venId, "opt-x", "no-such-event"))));
    }

    /**
     * Issue #12 item 10 over mutual TLS: a VEN's oadrCreateOpt naming an event that targets another VEN only is
     * answered 452 and no opt is stored; the targeted VEN's opt is accepted.
     */
    @Test
    void optNamingAnotherVensEventIsRefused() {
        ScriptedVen target = registered();
        ScriptedVen other = registered();
        String program = vtn.server.core().programs().create("opt-auth", "http://market.example/auth").id();
        Event e = vtn.server.core().events().create(EventSpec.builder().programId(program)
                .start(vtn.clock.instant().plus(Duration.ofHours(1))).targets(Targets.vens(target.venId))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofHours(1), 1.0))).build());
        assertEquals("452", code(other.post("EiOpt", OadrXml.createOpt(other.venId, "opt-foreign", e.id()))));
        assertTrue(vtn.server.core().opts().optsFor(other.venId).isEmpty());
        assertEquals("200", code(target.post("EiOpt", OadrXml.createOpt(target.venId, "opt-own", e.id()))));
    }

    /** R1_3010 / rule 301: METADATA registration is answered with oadrRegisteredReport, also when empty. */
    @Test
    void r1_3010_registerReport() {
        ScriptedVen ven = registered();
        assertEquals("200", code(ven.post("EiReport", OadrXml.registerReport(ven.venId, false))));
        assertEquals("200", code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true))));
        List<ReportCapability> caps = vtn.server.core().reports().capabilities(ven.venId);
        assertEquals(4, caps.size());
        assertEquals("powerReal/kW", caps.get(0).units());
        assertEquals(Duration.ofMinutes(1), caps.get(0).minSampling());
    }

    /**
     * R1_3020 / R1_3030: a periodic TELEMETRY_USAGE request reaches the VEN by poll, is acknowledged
     * with oadrCreatedReport, and oadrUpdateReport data is stored and queryable; unknown rIDs and
     * reportRequestIDs get 452.
     */
    @Test
    void r1_3020_periodicTelemetryUsage() {
        ScriptedVen ven = registered();
        code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true)));
        ReportRequest rr = vtn.server.core().reports().requestReport(ven.venId, new NewReportRequest(
                "TELEMETRY_USAGE", List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2), null, Duration.ZERO));
        OadrCreateReportType create = ven.pollFor(OadrCreateReportType.class);
        assertEquals(rr.reportRequestId(), create.getOadrReportRequest().get(0).getReportRequestID());
        ReportSpecifierType spec = create.getOadrReportRequest().get(0).getReportSpecifier();
        assertEquals("spec-usage", spec.getReportSpecifierID());
        assertEquals("PT1M", spec.getGranularity().getDuration());
        assertEquals(2, spec.getSpecifierPayload().size());

        assertEquals("200", code(ven.post("EiReport", OadrXml.createdReport(ven.venId, rr.reportRequestId()))));
        assertEquals(ReportRequestStatus.ACTIVE,
                vtn.server.core().reports().request(rr.reportRequestId()).orElseThrow().status());
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1", "power-2"))));
        List<TelemetryPoint> points = vtn.server.core().reports().telemetry(
                new TelemetryQuery(ven.venId, null, null, 100));
        assertEquals(4, points.size());
        assertEquals(1.5, points.get(0).value());

        assertEquals("452", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, rr.reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "not-registered-rid"))));
        assertEquals("452", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, "no-such-request",
                "spec-usage", "TELEMETRY_USAGE", "power-1"))));
        assertEquals(4, vtn.server.core().reports().telemetry(new TelemetryQuery(ven.venId, null, null, 100)).size());
    }

    /**
     * R1_3xxx (report requests in oadrRegisteredReport): a request the operator queued and the VEN has not
     * acknowledged rides on the answer to the VEN's next oadrRegisterReport; once the VEN acknowledges it with
     * oadrCreatedReport the poll does not deliver it a second time.
     */
    @Test
    void r1_30xx_reportRequestPiggyBackedOnRegisteredReport() {
        ScriptedVen ven = registered();
        code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true)));
        ReportRequest rr = vtn.server.core().reports().requestReport(ven.venId, new NewReportRequest(
                "TELEMETRY_USAGE", List.of(), Duration.ofMinutes(1), Duration.ofMinutes(2), null, Duration.ZERO));
        OadrRegisteredReportType registered = assertInstanceOf(OadrRegisteredReportType.class,
                ven.post("EiReport", OadrXml.registerReport(ven.venId, true)).message());
        assertEquals("200", registered.getEiResponse().getResponseCode());
        assertEquals(1, registered.getOadrReportRequest().size());
        assertEquals(rr.reportRequestId(), registered.getOadrReportRequest().get(0).getReportRequestID());
        assertEquals("spec-usage", registered.getOadrReportRequest().get(0).getReportSpecifier().getReportSpecifierID());

        assertEquals("200", code(ven.post("EiReport", OadrXml.createdReport(ven.venId, rr.reportRequestId()))));
        for (int i = 0; i < 10; i++) {
            Object o = ven.poll();
            assertTrue(!(o instanceof OadrCreateReportType), "acknowledged request delivered again by poll");
            if (o instanceof OadrResponseType) {
                break;
            }
        }
        OadrRegisteredReportType again = assertInstanceOf(OadrRegisteredReportType.class,
                ven.post("EiReport", OadrXml.registerReport(ven.venId, true)).message());
        assertEquals(0, again.getOadrReportRequest().size(), "only unacknowledged requests ride along");
    }

    /** R1_3040 / R1_3100: one-shot TELEMETRY_STATUS and HISTORY_USAGE requests complete with their data. */
    @Test
    void r1_3040_oneShotStatusAndHistory() {
        ScriptedVen ven = registered();
        code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true)));
        ReportRequest status = vtn.server.core().reports().requestReport(ven.venId,
                new NewReportRequest("TELEMETRY_STATUS", List.of(), null, null, null, null));
        ReportRequest history = vtn.server.core().reports().requestReport(ven.venId, new NewReportRequest(
                "HISTORY_USAGE", List.of("hist-1"), null, null, OadrHarness.T0.minus(Duration.ofDays(1)),
                Duration.ofDays(1)));
        assertEquals(status.reportRequestId(), ven.pollFor(OadrCreateReportType.class).getOadrReportRequest().get(0)
                .getReportRequestID());
        OadrCreateReportType h = ven.pollFor(OadrCreateReportType.class);
        assertEquals("P1D", h.getOadrReportRequest().get(0).getReportSpecifier().getReportInterval().getProperties()
                .getDuration().getDuration().replace("PT24H", "P1D"));
        code(ven.post("EiReport", OadrXml.createdReport(ven.venId, status.reportRequestId(), history.reportRequestId())));
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, status.reportRequestId(),
                "spec-status", "TELEMETRY_STATUS", "status-1"))));
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, history.reportRequestId(),
                "spec-history", "HISTORY_USAGE", "hist-1"))));
        assertEquals(ReportRequestStatus.COMPLETED,
                vtn.server.core().reports().request(history.reportRequestId()).orElseThrow().status());
    }

    /**
     * R1_3050 / rule 345: a VTN cancel with reportToFollow reaches the VEN by poll; the final report
     * is accepted. Without reportToFollow, data for the cancelled request gets 452.
     */
    @Test
    void r1_3050_cancelWithReportToFollow() {
        ScriptedVen ven = registered();
        code(ven.post("EiReport", OadrXml.registerReport(ven.venId, true)));
        var reports = vtn.server.core().reports();
        ReportRequest follow = reports.requestReport(ven.venId, new NewReportRequest("TELEMETRY_USAGE", List.of(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
        ReportRequest drop = reports.requestReport(ven.venId, new NewReportRequest("TELEMETRY_USAGE", List.of(),
                Duration.ofMinutes(1), Duration.ofMinutes(1), null, null));
        ven.pollFor(OadrCreateReportType.class);
        ven.pollFor(OadrCreateReportType.class);
        reports.cancelReport(ven.venId, follow.reportRequestId(), true, true);
        reports.cancelReport(ven.venId, drop.reportRequestId(), false, true);
        OadrCancelReportType c1 = ven.pollFor(OadrCancelReportType.class);
        assertTrue(c1.isReportToFollow());
        assertEquals(follow.reportRequestId(), c1.getReportRequestID().get(0));
        OadrCancelReportType c2 = ven.pollFor(OadrCancelReportType.class);
        assertEquals(false, c2.isReportToFollow());
        assertEquals("200", code(ven.post("EiReport", OadrXml.canceledReport(ven.venId))));
        assertEquals("200", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, follow.reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1"))));
        assertEquals("452", code(ven.post("EiReport", OadrXml.updateReport(ven.venId, drop.reportRequestId(),
                "spec-usage", "TELEMETRY_USAGE", "power-1"))));
    }
}
