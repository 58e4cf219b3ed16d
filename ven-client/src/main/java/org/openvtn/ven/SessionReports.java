package org.openvtn.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.openvtn.schemas.oadr20b.OadrCancelReportType;
import org.openvtn.schemas.oadr20b.OadrRegisteredReportType;
import org.openvtn.schemas.oadr20b.OadrReportRequestType;
import org.openvtn.schemas.oadr20b.OadrUpdatedReportType;
import org.openvtn.ven.protocol.ReportMessages;
import org.openvtn.ven.protocol.ReportScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EiReport side of a session (OpenADR 2.0b §8.3): metadata, requests, periodic sending, cancel. */
final class SessionReports {

    private static final Logger LOG = LoggerFactory.getLogger(SessionReports.class);

    private final VenSession session;
    private final ReportScheduler scheduler = new ReportScheduler();
    private ScheduledFuture<?> timer;

    SessionReports(VenSession session) {
        this.session = session;
    }

    /** METADATA oadrRegisterReport right after registration, even with no reports (rule 301, N1_0020). */
    CompletableFuture<Void> registerReports() {
        VenSettings s = session.s;
        return session.send(VenSession.REPORT, ReportMessages.registerReport(session.venId(), s.capabilities(),
                s.clock().instant())).thenComposeAsync(m -> {
                    if (m instanceof OadrRegisteredReportType r && !r.getOadrReportRequest().isEmpty()) {
                        // Requests piggy-backed on oadrRegisteredReport (R1_3020 family).
                        return onCreateReport(r.getEiResponse() == null ? "" : r.getEiResponse().getRequestID(),
                                r.getOadrReportRequest(), session::send);
                    }
                    VenSession.expectOk(m, "oadrRegisterReport");
                    return CompletableFuture.completedFuture(null);
                }, session.serial);
    }

    /** oadrCreateReport (or requests in oadrRegisteredReport): accept, answer oadrCreatedReport, send one-shots. */
    CompletableFuture<Void> onCreateReport(String requestId, List<OadrReportRequestType> requests,
                                           VenSession.Reply reply) {
        VenSettings s = session.s;
        Instant now = s.clock().instant();
        int code = 200;
        for (OadrReportRequestType rr : requests) {
            try {
                ReportRequest req = ReportMessages.request(rr, s.capabilities());
                scheduler.add(req, now);
                session.fire(l -> l.onReportRequest(req));
            } catch (VenException e) {
                code = e.responseCode();
                session.error(e);
            }
        }
        return reply.answer(VenSession.REPORT, ReportMessages.createdReport(session.venId(), code, requestId,
                scheduler.pending())).thenComposeAsync(m -> {
                    VenSession.expectOk(m, "oadrCreatedReport");
                    return sendDue();
                }, session.serial);
    }

    /** oadrCancelReport: stop, after a final report when reportToFollow is set (rule 345, R1_3100). */
    CompletableFuture<Void> onCancelReport(OadrCancelReportType c, VenSession.Reply reply) {
        Instant now = session.s.clock().instant();
        List<ReportScheduler.Due> finals = new ArrayList<>();
        if (c.isReportToFollow()) {
            for (String id : c.getReportRequestID()) {
                scheduler.finalReport(id, now).ifPresent(finals::add);
            }
        } else {
            scheduler.cancel(c.getReportRequestID());
        }
        CompletableFuture<Void> done = reply.answer(VenSession.REPORT, ReportMessages.canceledReport(session.venId(),
                200, c.getRequestID(), scheduler.pending())).thenAccept(m -> VenSession.expectOk(m, "oadrCanceledReport"));
        for (ReportScheduler.Due d : finals) {
            done = done.thenComposeAsync(x -> sendReport(d), session.serial);
        }
        return done.thenRunAsync(this::schedule, session.serial);
    }

    /** Sends every report that is due, then re-arms the timer. */
    CompletableFuture<Void> sendDue() {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (ReportScheduler.Due d : scheduler.due(session.s.clock().instant())) {
            chain = chain.thenComposeAsync(x -> sendReport(d), session.serial).exceptionally(err -> {
                session.error(VenSession.unwrap(err));
                return null;
            });
        }
        return chain.thenRunAsync(this::schedule, session.serial);
    }

    private CompletableFuture<Void> sendReport(ReportScheduler.Due d) {
        VenSettings s = session.s;
        List<ReportMessages.PointData> data = new ArrayList<>();
        for (String rId : d.request().rIds()) {
            Optional<ReportCapability> cap = s.capabilities().stream()
                    .filter(c -> c.rId().equals(rId) && c.reportName() == d.request().reportName()).findFirst();
            cap.ifPresent(c -> data.add(new ReportMessages.PointData(c, readings(c, d))));
        }
        return session.send(VenSession.REPORT, ReportMessages.updateReport(session.venId(), d.request(), data, d.from(),
                d.span(), s.clock().instant())).thenComposeAsync(m -> {
                    if (m instanceof OadrUpdatedReportType u && u.getOadrCancelReport() != null) {
                        return onCancelReport(u.getOadrCancelReport(), session::send);
                    }
                    VenSession.expectOk(m, "oadrUpdateReport");
                    return CompletableFuture.completedFuture(null);
                }, session.serial);
    }

    private List<Reading> readings(ReportCapability c, ReportScheduler.Due d) {
        TelemetrySource src = session.s.telemetry();
        try {
            if (c.reportName() == ReportName.HISTORY_USAGE) {
                return List.copyOf(src.history(c, d.from(), d.from().plus(d.span())));
            }
            Duration g = d.request().granularity();
            List<Reading> out = new ArrayList<>();
            if (g.isZero() || d.span().isZero() || g.compareTo(d.span()) >= 0) {
                out.add(src.read(c, d.from(), d.span().isZero() ? g : d.span()));
                return out;
            }
            Instant end = d.from().plus(d.span());
            for (Instant t = d.from(); t.isBefore(end) && out.size() < 10_000; t = t.plus(g)) {
                out.add(src.read(c, t, g));
            }
            return out;
        } catch (RuntimeException e) {
            LOG.warn("{}: telemetry source failed for {}", session.s.venName(), c.rId(), e);
            return List.of();
        }
    }

    private void schedule() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        Optional<Instant> next = scheduler.nextDue();
        if (next.isEmpty() || session.isClosed()) {
            return;
        }
        long delay = Math.max(0, Duration.between(session.s.clock().instant(), next.get()).toMillis()) + 1;
        timer = session.timer.schedule(() -> session.serial.execute(() -> {
            if (session.registration() != null) {
                sendDue();
            }
        }), delay, TimeUnit.MILLISECONDS);
    }

    List<String> pending() {
        return scheduler.pending();
    }

    void clear() {
        scheduler.clear();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    void close() {
        clear();
    }
}
