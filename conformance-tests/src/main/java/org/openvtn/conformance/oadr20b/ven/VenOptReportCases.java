package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.w3c.dom.Element;

/** P1_ (EiOpt) and R1_ (EiReport) rows with the harness as VTN. */
final class VenOptReportCases {

    private VenOptReportCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                VenCase.of("P1_2010", "VEN creates an opt-out availability schedule",
                        "rule 510 / P1_2010: oadrCreateOpt with optID, optType, optReason, venID and a vavailability"
                                + " window", VenOptReportCases::optSchedule),
                VenCase.of("P1_2020", "VEN opts out of one event through EiOpt",
                        "P1_2020: oadrCreateOpt with qualifiedEventID naming the event at its current"
                                + " modificationNumber", VenOptReportCases::eventOpt),
                VenCase.of("P1_2040", "VEN cancels an opt schedule",
                        "P1_2040: oadrCancelOpt naming the optID it created", VenOptReportCases::cancelOpt),
                VenCase.of("R1_3010", "VEN answers a one-shot report request and sends the report",
                        "R1_3010: oadrCreatedReport 200 echoing requestID, then oadrUpdateReport for the"
                                + " reportRequestID with the requested rID", VenOptReportCases::oneShot),
                VenCase.of("R1_3020", "VEN sends a periodic report at its reportBackDuration",
                        "R1_3020: at least two oadrUpdateReport for one periodic request", VenOptReportCases::periodic),
                VenCase.of("R1_3030", "VEN answers a cancel with reportToFollow by one final report",
                        "rule 345: oadrCanceledReport 200 echoing requestID, then a final oadrUpdateReport for the"
                                + " request", VenOptReportCases::cancelToFollow),
                VenCase.of("R1_3060", "VEN accepts a report request piggy-backed in oadrRegisteredReport",
                        "R1_3060: a report request inside oadrRegisteredReport is answered (oadrCreatedReport) and"
                                + " reported like one from oadrCreateReport", VenOptReportCases::piggyBacked));
    }

    static void optSchedule(VenSteps s) throws Exception {
        s.ensureRegistered();
        int from = s.harness().count();
        String known = s.driver().createOptSchedule(Instant.now().plus(2, ChronoUnit.HOURS)).orElse(null);
        VtnHarness.Msg m = s.expect(from, "oadrCreateOpt", x -> !Dom.all(x.message(), "vavailability").isEmpty(),
                false, "oadr.opt.510", "with an availability schedule");
        Element o = m.message();
        String optId = Dom.text(o, "optID");
        s.check(optId != null && !optId.isBlank(), "oadr.opt.510", "optID", "missing optID");
        s.check(known == null || known.equals(optId), "oadr.opt.510", "optID", "the VEN reported optID " + known
                + " but sent " + optId);
        s.check("optOut".equals(Dom.text(o, "optType")), "oadr.opt.510", "optType", "expected optOut, was "
                + Dom.text(o, "optType"));
        s.check(Dom.text(o, "optReason") != null, "oadr.opt.510", "optReason", "missing optReason");
        s.vtn().remember("optId", optId);
    }

    static void eventOpt(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(VenEventCases.id("p2020")).modified(1);
        int seq = s.distribute(List.of(e));
        VenEventCases.answer(s, seq, e.id(), "");
        int from = s.harness().count();
        s.driver().eventOpt(e.id());
        VtnHarness.Msg m = s.expect(from, "oadrCreateOpt", x -> e.id().equals(Dom.text(x.message(), "eventID")), false,
                "oadr.opt.event", "for event " + e.id());
        s.check(String.valueOf(e.modification()).equals(Dom.text(m.message(), "modificationNumber")),
                "oadr.opt.event", "qualifiedEventID", "expected modificationNumber " + e.modification() + ", was "
                        + Dom.text(m.message(), "modificationNumber"));
    }

    static void cancelOpt(VenSteps s) throws Exception {
        if (s.vtn().recall("optId") == null) {
            optSchedule(s);
        }
        String optId = s.vtn().recall("optId");
        int from = s.harness().count();
        s.driver().cancelOptSchedule(optId);
        VtnHarness.Msg m = s.expect(from, "oadrCancelOpt", false, "oadr.opt.cancel", "for optID " + optId);
        s.check(optId.equals(Dom.text(m.message(), "optID")), "oadr.opt.cancel", "optID", "expected " + optId
                + ", was " + Dom.text(m.message(), "optID"));
        s.vtn().remember("optId", null);
    }

    /** A report the VEN offered in its METADATA: {reportSpecifierID, rID}; SKIPPED when it offered none. */
    static String[] offered(VenSteps s) {
        Element md = s.vtn().metadata();
        if (md != null) {
            for (Element r : Dom.all(md, "oadrReport")) {
                String spec = Dom.text(r, "reportSpecifierID");
                String rid = Dom.text(r, "rID");
                if (spec != null && rid != null && !"METADATA_HISTORY_USAGE".equals(Dom.text(r, "reportName"))) {
                    return new String[] {spec, rid};
                }
            }
        }
        throw s.ctx().skip("the VEN offered no telemetry report in its METADATA (allowed by rule 301); nothing to"
                + " request");
    }

    static VtnMessages.ReportRequest request(VenSteps s, Duration granularity, Duration back) {
        String[] o = offered(s);
        return new VtnMessages.ReportRequest("rr-" + VtnMessages.newId().substring(0, 8), o[0], o[1], granularity,
                back);
    }

    static boolean about(VtnHarness.Msg m, String reportRequestId) {
        return m.message() != null && Dom.all(m.message(), "reportRequestID").stream()
                .anyMatch(e -> reportRequestId.equals(e.getTextContent().trim()));
    }

    static void oneShot(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.ReportRequest r = request(s, Duration.ZERO, Duration.ZERO);
        String payload = VtnMessages.createReport(s.vtn().venId(), List.of(r));
        String requestId = Dom.text(Dom.message(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "requestID");
        int seq = s.deliver(payload);
        VtnHarness.Msg created = s.expect(seq, "oadrCreatedReport", false, "oadr.report.created", "");
        s.check("200".equals(Dom.text(created.message(), "responseCode")), "oadr.report.created", "responseCode",
                "expected 200, was " + Dom.text(created.message(), "responseCode"));
        s.check(requestId.equals(Dom.text(created.message(), "requestID")), "oadr.requestID.echo", "requestID",
                "expected " + requestId + ", was " + Dom.text(created.message(), "requestID"));
        VtnHarness.Msg u = s.expect(seq, "oadrUpdateReport", x -> about(x, r.requestId()), false,
                "oadr.report.update", "for " + r.requestId());
        s.check(Dom.all(u.message(), "rID").stream().anyMatch(e -> r.rId().equals(e.getTextContent().trim())),
                "oadr.report.rID", "oadrUpdateReport", "no interval for the requested rID " + r.rId());
    }

    static void periodic(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.ReportRequest r = request(s, Duration.ofSeconds(1), Duration.ofSeconds(1));
        int seq = s.deliver(VtnMessages.createReport(s.vtn().venId(), List.of(r)));
        s.expect(seq, "oadrCreatedReport", false, "oadr.report.created", "");
        VtnHarness.Msg u1 = s.expect(seq, "oadrUpdateReport", x -> about(x, r.requestId()), false,
                "oadr.report.periodic", "for " + r.requestId());
        s.expect(u1.seq() + 1, "oadrUpdateReport", x -> about(x, r.requestId()), false, "oadr.report.periodic",
                "(the second period) for " + r.requestId());
        s.vtn().remember("periodicRequest", r.requestId());
    }

    static void cancelToFollow(VenSteps s) throws Exception {
        if (s.vtn().recall("periodicRequest") == null) {
            periodic(s);
        }
        String id = s.vtn().recall("periodicRequest");
        s.vtn().remember("periodicRequest", null);
        String payload = VtnMessages.cancelReport(s.vtn().venId(), id, true);
        String requestId = Dom.text(Dom.message(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "requestID");
        int seq = s.deliver(payload);
        VtnHarness.Msg c = s.expect(seq, "oadrCanceledReport", false, "oadr.report.cancel.345", "");
        s.check("200".equals(Dom.text(c.message(), "responseCode")), "oadr.report.cancel.345", "responseCode",
                "expected 200, was " + Dom.text(c.message(), "responseCode"));
        s.check(requestId.equals(Dom.text(c.message(), "requestID")), "oadr.requestID.echo", "requestID",
                "expected " + requestId + ", was " + Dom.text(c.message(), "requestID"));
        // from the delivery on: a push VEN's final report can arrive before the harness has its synchronous answer
        s.expect(seq, "oadrUpdateReport", x -> about(x, id), false, "oadr.report.cancel.345",
                "(the final report, reportToFollow true) for " + id);
    }

    static void piggyBacked(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.ReportRequest r = request(s, Duration.ZERO, Duration.ZERO);
        s.vtn().piggyBack(List.of(r));
        int from = s.harness().count();
        s.driver().reregister(true, s.harness().url());
        VtnHarness.Msg rr = s.expect(from, "oadrRegisterReport", false, "oadr.metadata.301", "after re-registering");
        s.expect(rr.seq(), "oadrCreatedReport", x -> about(x, r.requestId()) || Dom.all(x.message(),
                "pendingReports").size() > 0, false, "oadr.report.piggyback", "for the piggy-backed " + r.requestId());
        s.expect(rr.seq(), "oadrUpdateReport", x -> about(x, r.requestId()), false, "oadr.report.piggyback",
                "for the piggy-backed " + r.requestId());
    }
}
