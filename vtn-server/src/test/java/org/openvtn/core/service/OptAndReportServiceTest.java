package org.openvtn.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openvtn.core.AvailabilityWindow;
import org.openvtn.core.Event;
import org.openvtn.core.NewOpt;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OptType;
import org.openvtn.core.PollItem;
import org.openvtn.core.ReportCapability;
import org.openvtn.core.ReportRequest;
import org.openvtn.core.ReportRequestStatus;
import org.openvtn.core.Targets;
import org.openvtn.core.TelemetryPoint;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.VtnException;
import org.openvtn.core.ErrorCode;

/** EiOpt and EiReport rules. */
class OptAndReportServiceTest extends CoreFixture {

    /** P1_2050: cancel opt with an invalid optID -> 452; event-scoped opt with unknown eventID -> 452. */
    @Test
    void opts() {
        register("ven1");
        register("ven2");
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(1)), Targets.vens("ven1")).build());
        core.opts().createOpt("ven1", new NewOpt("o1", OptType.OPT_OUT, "emergency", null, e.id(), 0L, List.of(),
                List.of()));
        core.opts().createOpt("ven1", new NewOpt("o2", OptType.OPT_IN, null, null, null, null, List.of("r1"),
                List.of(new AvailabilityWindow(T0, Duration.ofHours(2)))));
        assertEquals(2, core.opts().optsFor("ven1").size());
        VtnException bad = assertThrows(VtnException.class, () -> core.opts().cancelOpt("ven1", "nope"));
        assertEquals(ErrorCode.INVALID_ID, bad.errorCode());
        assertEquals("optId", bad.field());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.opts().cancelOpt("ven2", "o1")).errorCode());
        assertTrue(core.opts().cancelOpt("ven1", "o1").cancelled());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.opts().cancelOpt("ven1", "o1")).errorCode());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.opts().createOpt("ven1",
                new NewOpt("o3", OptType.OPT_OUT, null, null, "nope", 0L, List.of(), List.of()))).errorCode());
    }

    /**
     * Issue #12 item 10: an oadrCreateOpt may only name an event that targets the VEN; another VEN's event is
     * refused with 452 (as an unknown eventID, so its existence is not disclosed) and nothing is stored.
     */
    @Test
    void optOnAnEventThatDoesNotTargetTheVenIsRefused() {
        register("ven1");
        register("ven2");
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(1)), Targets.vens("ven1")).build());
        VtnException refused = assertThrows(VtnException.class, () -> core.opts().createOpt("ven2",
                new NewOpt("o-foreign", OptType.OPT_OUT, null, null, e.id(), 0L, List.of(), List.of())));
        assertEquals(ErrorCode.INVALID_ID, refused.errorCode());
        assertEquals("eventId", refused.field());
        assertTrue(core.opts().optsFor("ven2").isEmpty());
        Event all = core.events().create(simpleEvent(T0.plus(Duration.ofHours(3)), Targets.everyone()).build());
        core.opts().createOpt("ven2", new NewOpt("o-all", OptType.OPT_OUT, null, null, all.id(), 0L, List.of(),
                List.of()));
        assertEquals(1, core.opts().optsFor("ven2").size());
    }

    /** Report registration, VTN request (periodic/one-shot), cancel with reportToFollow, telemetry query. */
    @Test
    void reports() {
        register("ven1");
        core.pollQueue().next("ven1");
        core.reports().registerCapabilities("ven1", List.of(
                new ReportCapability("ven1", "RS1", "METADATA_TELEMETRY_USAGE", "energy", null, "usage",
                        "Direct Read", "Wh", Duration.ofMinutes(1), Duration.ofHours(1)),
                new ReportCapability("ven1", "RS1", "METADATA_TELEMETRY_USAGE", "power", null, "usage",
                        "Direct Read", "W", null, null),
                new ReportCapability("ven1", "RS2", "METADATA_HISTORY_USAGE", "energy", null, "usage",
                        "Direct Read", "Wh", null, null)));
        assertEquals(ErrorCode.REPORT_NOT_SUPPORTED, assertThrows(VtnException.class, () -> core.reports().requestReport("ven1",
                new NewReportRequest("TELEMETRY_STATUS", List.of(), null, null, null, null))).errorCode());
        ReportRequest periodic = core.reports().requestReport("ven1", new NewReportRequest("TELEMETRY_USAGE",
                List.of("power"), Duration.ofMinutes(1), Duration.ofMinutes(5), null, null));
        assertEquals("RS1", periodic.reportSpecifierId());
        ReportRequest oneShot = core.reports().requestReport("ven1", new NewReportRequest("HISTORY_USAGE",
                List.of(), null, null, T0.minus(Duration.ofDays(1)), Duration.ofDays(1)));
        assertTrue(oneShot.oneShot());
        assertEquals(List.of("energy"), oneShot.rIds());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.reports().requestReport("ven1",
                new NewReportRequest("TELEMETRY_USAGE", List.of("nope"), null, null, null, null))).errorCode());
        PollItem p = core.pollQueue().next("ven1").orElseThrow();
        assertEquals(PollItem.Kind.REPORT_REQUESTED, p.kind());
        assertEquals(periodic.reportRequestId(), p.reference());

        core.reports().acknowledge("ven1", List.of(periodic.reportRequestId()));
        assertEquals(ReportRequestStatus.ACTIVE,
                core.reports().request(periodic.reportRequestId()).orElseThrow().status());
        core.reports().recordTelemetry("ven1", List.of(
                new TelemetryPoint("ven1", "power", periodic.reportRequestId(), T0, 1500.0, "Quality Good - Non Specific"),
                new TelemetryPoint("ven1", "power", periodic.reportRequestId(), T0.plusSeconds(60), 1400.0, null)));
        core.reports().recordTelemetry("ven1", List.of(
                new TelemetryPoint("ven1", "energy", oneShot.reportRequestId(), T0.minusSeconds(3600), 10.0, null)));
        assertEquals(ReportRequestStatus.COMPLETED,
                core.reports().request(oneShot.reportRequestId()).orElseThrow().status());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.reports().recordTelemetry("ven1",
                List.of(new TelemetryPoint("ven1", "power", "nope", T0, 1, null)))).errorCode());

        assertEquals(3, core.reports().telemetry(new TelemetryQuery("ven1", null, null, 100)).size());
        List<TelemetryPoint> window = core.reports().telemetry(new TelemetryQuery("ven1", T0, T0.plusSeconds(60), 100));
        assertEquals(1, window.size());
        assertEquals(1500.0, window.get(0).value());

        ReportRequest c = core.reports().cancelReport("ven1", periodic.reportRequestId(), true, true);
        assertEquals(ReportRequestStatus.CANCELLED, c.status());
        assertTrue(c.reportToFollow());
        assertEquals(PollItem.Kind.REPORT_CANCELLED, core.pollQueue().pending("ven1").get(1).kind());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class,
                () -> core.reports().cancelReport("ven1", "nope", false, false)).errorCode());
    }

    /**
     * R1_3060: a request queued before the VEN's METADATA waits for it (no poll item, no specifier), is resolved
     * against the next METADATA that offers the report and only then queued; one naming a report the METADATA
     * lacks keeps waiting; cancelling a waiting request queues nothing for the VEN.
     */
    @Test
    void requestBeforeMetadataAwaitsIt() {
        register("ven1");
        core.pollQueue().next("ven1");
        ReportRequest usage = core.reports().requestReport("ven1", new NewReportRequest("TELEMETRY_USAGE",
                List.of(), Duration.ofMinutes(1), Duration.ofMinutes(5), null, null));
        ReportRequest status = core.reports().requestReport("ven1", new NewReportRequest("TELEMETRY_STATUS",
                List.of(), null, null, null, null));
        ReportRequest history = core.reports().requestReport("ven1", new NewReportRequest("HISTORY_USAGE",
                List.of(), null, null, null, null));
        assertTrue(usage.awaitingMetadata());
        assertEquals(ReportRequestStatus.PENDING, usage.status());
        assertTrue(core.pollQueue().pending("ven1").isEmpty());

        core.reports().registerCapabilities("ven1", List.of(
                new ReportCapability("ven1", "RS1", "METADATA_TELEMETRY_USAGE", "energy", null, "usage",
                        "Direct Read", "Wh", null, null),
                new ReportCapability("ven1", "RS1", "METADATA_TELEMETRY_USAGE", "power", null, "usage",
                        "Direct Read", "W", null, null)));
        ReportRequest resolved = core.reports().request(usage.reportRequestId()).orElseThrow();
        assertEquals("RS1", resolved.reportSpecifierId());
        assertEquals(List.of("energy", "power"), resolved.rIds().stream().sorted().toList());
        assertTrue(core.reports().request(status.reportRequestId()).orElseThrow().awaitingMetadata());
        List<PollItem> queued = core.pollQueue().pending("ven1");
        assertEquals(1, queued.size());
        assertEquals(PollItem.Kind.REPORT_REQUESTED, queued.get(0).kind());
        assertEquals(usage.reportRequestId(), queued.get(0).reference());

        ReportRequest cancelled = core.reports().cancelReport("ven1", history.reportRequestId(), false, true);
        assertEquals(ReportRequestStatus.CANCELLED, cancelled.status());
        assertEquals(1, core.pollQueue().pending("ven1").size());
    }
}
