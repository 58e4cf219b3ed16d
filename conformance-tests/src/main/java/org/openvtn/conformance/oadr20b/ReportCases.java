package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.is;
import static org.openvtn.conformance.oadr20b.Steps.ok;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;
import org.openvtn.schemas.OadrValueTypes;
import org.openvtn.schemas.oadr20b.OadrCanceledReportType;
import org.openvtn.schemas.oadr20b.OadrPendingReportsType;
import org.w3c.dom.Element;

/** EiReport cases, VTN under test in pull mode (official R1_30xx-31xx). */
final class ReportCases {

    private static final Set<String> TELEMETRY = Set.of("reports.telemetry");

    /** One oadrReportRequest as received. */
    record Request(String id, String specifierId, List<String> rIds, String path) {
        static Request of(Element rr) {
            List<String> rIds = OadrDom.descendants(rr, "rID").stream().map(e -> e.getTextContent().trim()).toList();
            return new Request(OadrDom.text(rr, "reportRequestID"), OadrDom.text(rr, "reportSpecifier",
                    "reportSpecifierID"), rIds, OadrDom.path(rr));
        }
    }

    private ReportCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.must("R1_3010", "METADATA oadrRegisterReport (full and empty) answered oadrRegisteredReport 200",
                        "2.0b profile 8.3; rules 301, 311", ReportCases::register),
                OadrCase.requiring("R1_3020", List.of("R1_3020", "R1_3025", "R1_3027"),
                        "Periodic TELEMETRY_USAGE request by poll; oadrCreatedReport and oadrUpdateReport accepted",
                        "2.0b profile 8.3 (oadrCreateReport, oadrUpdateReport)", Requirement.MUST, TELEMETRY,
                        ReportCases::periodic),
                OadrCase.requiring("R1_3030", List.of("R1_3030"), "One-shot TELEMETRY_STATUS request and its data",
                        "2.0b profile 8.3", Requirement.MUST, TELEMETRY, ReportCases::oneShotStatus),
                OadrCase.requiring("R1_3040", List.of("R1_3040", "R1_3045"), "HISTORY_USAGE request and its data",
                        "2.0b profile 8.3", Requirement.MUST, Set.of("reports.history"), ReportCases::history),
                OadrCase.requiring("R1_3050", List.of("R1_3050"), "VTN cancels a report request by poll (oadrCancelReport)",
                        "2.0b profile 8.3; rule 345", Requirement.MUST, TELEMETRY, ReportCases::vtnCancel),
                OadrCase.requiring("R1_3060", List.of("R1_3060"),
                        "A report request queued before the METADATA rides on oadrRegisteredReport and names that METADATA",
                        "2.0b profile 8.3", Requirement.MUST, Set.of("reports.piggyback"), ReportCases::piggyback),
                OadrCase.requiring("R1_3070", List.of("R1_3070"), "Two report requests: distinct reportRequestIDs",
                        "2.0b profile 8.3", Requirement.MUST, TELEMETRY, ReportCases::multiple),
                OadrCase.requiring("R1_3080", List.of("R1_3080"),
                        "METADATA registered again: later requests name only current rIDs", "2.0b profile 8.3",
                        Requirement.MUST, TELEMETRY, ReportCases::reRegisterMetadata),
                OadrCase.requiring("R1_3090", List.of("R1_3090"), "Data for an rID outside the request is answered 452",
                        "2.0b profile 8.3; rule 48", Requirement.MUST, TELEMETRY, ReportCases::foreignRid),
                OadrCase.must("R1_3100", "Data for an unknown reportRequestID is answered 452",
                        "2.0b profile 8.3; rule 48", ReportCases::unknownRequest),
                OadrCase.requiring("R1_3120", List.of("R1_3120"),
                        "VEN cancels one of the VTN's report requests: oadrCanceledReport 200", "2.0b profile 8.3",
                        Requirement.MUST, TELEMETRY, ReportCases::venCancel),
                OadrCase.must("R1_3130", "oadrCreateReport naming a report the VTN never offered is refused",
                        "2.0b profile 8.3; rule 48 (452/461)", ReportCases::createAtVtn),
                OadrCase.requiring("R1_3140", List.of("R1_3140"),
                        "Re-registration discards report requests: data for an old request is refused",
                        "2.0b profile 8.4; rule 406", Requirement.MUST, TELEMETRY, ReportCases::reregistrationDiscards));
    }

    private static OadrVenHarness withMetadata(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        ok(ctx, ven.registerReports(), "oadrRegisterReport");
        return ven;
    }

    /** Asks the VTN for a report and polls for the matching oadrCreateReport; acknowledges it. */
    private static Request request(CaseContext ctx, OadrVenHarness ven, String name, Duration granularity) {
        String id = OadrVtnDriver.of(ctx).requestReport(ven.venId(), name, granularity, granularity);
        OadrReply r = ven.pollFor("oadr.report.requested", "oadrCreateReport for " + name,
                x -> x.is("oadrCreateReport") && x.all("oadrReportRequest").stream().map(Request::of)
                        .anyMatch(q -> id == null ? name.equals(q.specifierId()) : id.equals(q.id())));
        Request q = r.all("oadrReportRequest").stream().map(Request::of)
                .filter(x -> id == null ? name.equals(x.specifierId()) : id.equals(x.id())).findFirst().orElseThrow();
        check(ctx, name.equals(q.specifierId()), "oadr.report.specifier", q.path() + "/reportSpecifier",
                "requested " + name + ", the request names reportSpecifierID " + q.specifierId());
        check(ctx, Set.of(OadrMessages.RID_POWER, OadrMessages.RID_STATUS, OadrMessages.RID_ENERGY)
                .containsAll(q.rIds()), "oadr.report.rID", q.path(), "the request names rIDs " + q.rIds()
                + " the VEN never registered");
        OadrReply a = ven.send("EiReport", OadrMessages.createdReport(ven.venId(), r.text("requestID"), List.of(q.id())));
        ok(ctx, a, "oadrCreatedReport");
        return q;
    }

    private static OadrReply update(OadrVenHarness ven, Request q, List<String> rIds) {
        return ven.send("EiReport", OadrMessages.updateReport(ven.venId(), q.id(), q.specifierId(), q.specifierId(),
                rIds, ven.context().clock().instant()));
    }

    static void register(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply full = ven.registerReports();
        is(ctx, full, "oadrRegisteredReport");
        ok(ctx, full, "oadrRegisterReport with METADATA");
        OadrReply empty = ven.send("EiReport", OadrMessages.registerReport(ven.venId(), true, ctx.clock().instant()));
        is(ctx, empty, "oadrRegisteredReport");
        ok(ctx, empty, "oadrRegisterReport without reports (rule 301)");
        ok(ctx, ven.registerReports(), "oadrRegisterReport with METADATA again");
    }

    static void periodic(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        OadrReply u = update(ven, q, q.rIds().isEmpty() ? List.of(OadrMessages.RID_POWER) : q.rIds());
        is(ctx, u, "oadrUpdatedReport");
        ok(ctx, u, "oadrUpdateReport");
    }

    static void oneShotStatus(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_STATUS", null);
        OadrReply u = update(ven, q, List.of(OadrMessages.RID_STATUS));
        is(ctx, u, "oadrUpdatedReport");
        ok(ctx, u, "oadrUpdateReport (one-shot)");
    }

    static void history(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "HISTORY_USAGE", null);
        OadrReply u = update(ven, q, List.of(OadrMessages.RID_ENERGY));
        is(ctx, u, "oadrUpdatedReport");
        ok(ctx, u, "oadrUpdateReport (history)");
    }

    static void vtnCancel(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        OadrVtnDriver.of(ctx).cancelReport(ven.venId(), q.id(), true);
        OadrReply c = ven.pollFor("oadr.report.cancelled", "oadrCancelReport", x -> x.is("oadrCancelReport"));
        check(ctx, c.all("reportRequestID").stream().anyMatch(e -> q.id().equals(e.getTextContent().trim())),
                "oadr.report.cancelled", c.path(), "the cancellation does not name request " + q.id());
        check(ctx, "true".equals(c.text("reportToFollow")), "oadr.report.reportToFollow", c.path(),
                "the request was cancelled with reportToFollow, the oadrCancelReport says " + c.text("reportToFollow"));
        OadrReply a = ven.send("EiReport", canceledReport(ven.venId(), c.text("requestID")));
        ok(ctx, a, "oadrCanceledReport acknowledging the VTN's cancel");
        OadrReply u = update(ven, q, List.of(OadrMessages.RID_POWER));
        ok(ctx, u, "final oadrUpdateReport after a cancel with reportToFollow (rule 345)");
    }

    /** oadrCanceledReport: the VEN's answer to a VTN oadrCancelReport, nothing pending after the final report. */
    private static OadrCanceledReportType canceledReport(String venId, String requestId) {
        OadrCanceledReportType m = new OadrCanceledReportType();
        m.setEiResponse(OadrValueTypes.ok(requestId == null ? OadrMessages.newId() : requestId));
        m.setOadrPendingReports(new OadrPendingReportsType());
        m.setVenID(venId);
        m.setSchemaVersion("2.0b");
        return m;
    }

    /**
     * R1_3060: the VTN asks for a report in its oadrRegisteredReport (piggy-backed) instead of waiting for a poll.
     * The VEN re-registers (rule 406: no METADATA left on the VTN), the driver queues a TELEMETRY_USAGE request
     * before the VEN's METADATA, the VEN registers its METADATA: the answer must carry the request, naming the
     * reportSpecifierID and rIDs of that METADATA; the VEN acknowledges it and its data is accepted. Delivering
     * the acknowledged request again by poll is a SHOULD NOT.
     */
    static void piggyback(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        ok(ctx, ven.register(), "re-registration (the VTN discards earlier METADATA, rule 406)");
        ven.drain();
        String id = OadrVtnDriver.of(ctx).requestReportOnMetadata(ven.venId(), "TELEMETRY_USAGE",
                Duration.ofMinutes(1), Duration.ofMinutes(1));
        OadrReply r = ven.registerReports();
        is(ctx, r, "oadrRegisteredReport");
        ok(ctx, r, "oadrRegisterReport with METADATA");
        List<Request> piggy = r.all("oadrReportRequest").stream().map(Request::of).toList();
        for (Request q : piggy) {
            check(ctx, Set.of("TELEMETRY_USAGE", "TELEMETRY_STATUS", "HISTORY_USAGE").contains(q.specifierId()),
                    "oadr.report.specifier", q.path(), "unknown reportSpecifierID " + q.specifierId());
        }
        Request q = piggy.stream().filter(x -> id == null ? "TELEMETRY_USAGE".equals(x.specifierId()) : id.equals(x.id()))
                .findFirst().orElse(null);
        if (q == null) {
            throw ctx.fail("oadr.report.piggyback", r.path(), "oadrRegisteredReport carries no oadrReportRequest "
                    + (id == null ? "for TELEMETRY_USAGE" : "with reportRequestID " + id) + " (it carries "
                    + piggy.size() + ")");
        }
        check(ctx, "TELEMETRY_USAGE".equals(q.specifierId()), "oadr.report.specifier", q.path() + "/reportSpecifier",
                "requested TELEMETRY_USAGE, the request names reportSpecifierID " + q.specifierId());
        check(ctx, !q.rIds().isEmpty() && List.of(OadrMessages.RID_POWER).containsAll(q.rIds()), "oadr.report.rID",
                q.path(), "the request names rIDs " + q.rIds() + ", the METADATA's TELEMETRY_USAGE offers only "
                        + OadrMessages.RID_POWER);
        OadrReply ack = ven.send("EiReport", OadrMessages.createdReport(ven.venId(), r.text("requestID"),
                List.of(q.id())));
        ok(ctx, ack, "oadrCreatedReport acknowledging the piggy-backed request");
        java.time.Instant acked = ack.exchange().received();
        OadrReply u = update(ven, q, q.rIds());
        is(ctx, u, "oadrUpdatedReport");
        ok(ctx, u, "oadrUpdateReport for the piggy-backed request");
        for (OadrReply p : ven.drain()) {
            // a push VEN may have been sent the request before its acknowledgement; only a later one counts
            boolean beforeAck = acked != null && p.exchange().sent() != null && p.exchange().sent().isBefore(acked);
            Steps.should(ctx, beforeAck || !p.is("oadrCreateReport") || p.all("reportRequestID").stream()
                    .noneMatch(e -> q.id().equals(e.getTextContent().trim())), "oadr.report.piggyback.once", p.path(),
                    "the acknowledged piggy-backed request " + q.id() + " came again (by poll or push)");
        }
    }

    static void multiple(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request a = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        Request b = request(ctx, ven, "TELEMETRY_STATUS", Duration.ofMinutes(1));
        check(ctx, !a.id().equals(b.id()), "oadr.report.requestID.unique", b.path(),
                "two requests share reportRequestID " + a.id());
    }

    static void reRegisterMetadata(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        ok(ctx, ven.registerReports(), "second oadrRegisterReport");
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        check(ctx, q.rIds().stream().allMatch(OadrMessages.RID_POWER::equals), "oadr.report.rID", q.path(),
                "expected only " + OadrMessages.RID_POWER + ", got " + q.rIds());
    }

    static void foreignRid(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        OadrReply u = update(ven, q, List.of("rid-not-in-request"));
        Steps.code(ctx, u, "452", "oadr.error.452", "oadrUpdateReport with an rID outside the request");
    }

    static void unknownRequest(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        OadrReply u = update(ven, new Request("no-such-request-" + OadrMessages.newId(), "TELEMETRY_USAGE",
                List.of(OadrMessages.RID_POWER), "/"), List.of(OadrMessages.RID_POWER));
        is(ctx, u, "oadrUpdatedReport");
        Steps.code(ctx, u, "452", "oadr.error.452", "oadrUpdateReport for an unknown reportRequestID");
    }

    static void venCancel(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        OadrReply c = ven.send("EiReport", OadrMessages.cancelReport(ven.venId(), q.id(), false));
        is(ctx, c, "oadrCanceledReport");
        ok(ctx, c, "oadrCancelReport from the VEN");
    }

    static void createAtVtn(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply r = ven.send("EiReport", ReportXml.createReport(ven, "no-such-specifier-" + OadrMessages.newId()));
        check(ctx, r.code() != null && r.code().startsWith("4"), "oadr.report.unknownSpecifier", r.path(),
                "a request for a report the VTN never offered was accepted: " + r.describe());
    }

    static void reregistrationDiscards(CaseContext ctx) {
        OadrVenHarness ven = withMetadata(ctx);
        Request q = request(ctx, ven, "TELEMETRY_USAGE", Duration.ofMinutes(1));
        ok(ctx, ven.register(), "re-registration");
        ven.drain();
        OadrReply u = update(ven, q, List.of(OadrMessages.RID_POWER));
        Steps.code(ctx, u, "452", "oadr.error.452", "data for a request made before the re-registration (rule 406)");
    }
}
