package org.openvtn.admin;

import static org.openvtn.admin.AdminRoute.create;
import static org.openvtn.admin.AdminRoute.delete;
import static org.openvtn.admin.AdminRoute.get;
import static org.openvtn.admin.AdminRoute.post;
import static org.openvtn.admin.AdminRoute.put;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.openvtn.admin.api.EventHistoryJson;
import org.openvtn.admin.api.EventInput;
import org.openvtn.admin.api.EventJson;
import org.openvtn.admin.api.EventResponseJson;
import org.openvtn.admin.api.MembershipInput;
import org.openvtn.admin.api.ProgramInput;
import org.openvtn.admin.api.ReportCancelInput;
import org.openvtn.admin.api.ReportRequestInput;
import org.openvtn.admin.api.VenJson;
import org.openvtn.core.Event;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Registration;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;

/**
 * Routes of the admin API over the core: programs, events (OpenADR conformance rules 4 and 5), VENs, report
 * requests, telemetry and metrics. Paths and bodies are those of {@code openapi.json}.
 */
final class AdminOadrRoutes {
    private final VtnCore core;

    AdminOadrRoutes(VtnCore core) {
        this.core = core;
    }

    List<AdminRoute> routes() {
        return List.of(
                get("/programs", c -> core.programs().list().stream().map(AdminViews::program).toList()),
                create("/programs", c -> {
                    ProgramInput b = c.body(ProgramInput.class);
                    return AdminViews.program(core.programs().create(AdminJson.required(b.name(), "name"),
                            AdminJson.required(b.marketContext(), "marketContext"),
                            b.overlap() == null ? OverlapPolicy.REJECT : OverlapPolicy.parse(b.overlap())));
                }),
                get("/programs/{id}", c -> AdminViews.program(core.programs().get(c.param("id"))
                        .orElseThrow(() -> AdminHandler.notFound("program", c.param("id"))))),
                get("/events", c -> core.events().list().stream().map(this::event).toList()),
                create("/events", c -> event(core.events().create(
                        AdminInputs.eventSpec(c.body(EventInput.class))))),
                get("/events/{id}", c -> event(existing(c.param("id")))),
                put("/events/{id}", c -> event(core.events().update(c.param("id"),
                        AdminInputs.eventSpec(c.body(EventInput.class))))),
                post("/events/{id}/cancel", c -> event(core.events().cancel(c.param("id")))),
                get("/events/{id}/history", c -> history(existing(c.param("id")).id())),
                get("/events/{id}/responses", c -> core.events().responses(existing(c.param("id")).id()).stream()
                        .map(r -> new EventResponseJson(r.participantId(), r.modificationNumber(),
                                r.optType().wireName(), AdminViews.responseCode(r), r.description(),
                                AdminViews.text(r.receivedAt())))
                        .toList()),
                get("/vens", c -> {
                    java.util.Map<String, java.time.Instant> contacts = core.registrations().lastContacts();
                    return core.registrations().list().stream().map(r -> ven(r, contacts.get(r.participantId())))
                            .toList();
                }),
                get("/vens/{venId}", c -> ven(registration(c))),
                delete("/vens/{venId}", c -> {
                    registration(c);
                    return AdminViews.ven(core.registrations().deregister(c.param("venId")));
                }),
                post("/vens/{venId}/reregister", c -> {
                    Registration reg = registration(c);
                    core.registrations().requestReregistration(reg.participantId());
                    return AdminViews.ven(reg);
                }),
                post("/vens/{venId}/push/retry", c -> {
                    Registration reg = registration(c);
                    if (!core.pushOutbox().retry(reg.participantId())) {
                        throw AdminHandler.error(409, "venId", "VEN " + reg.participantId() + " is not a push VEN "
                                + "(oadrHttpPullModel=true or no oadrTransportAddress)");
                    }
                    return ven(reg);
                }),
                put("/vens/{venId}/membership", c -> {
                    registration(c);
                    MembershipInput b = c.body(MembershipInput.class);
                    return AdminViews.ven(core.registrations().updateMembership(c.param("venId"), b.partyId(),
                            AdminJson.strings(b.groupIds(), "groupIds"),
                            AdminJson.strings(b.resourceIds(), "resourceIds")));
                }),
                get("/vens/{venId}/opts", c -> core.opts().optsFor(registration(c).participantId()).stream()
                        .map(AdminViews::opt).toList()),
                get("/vens/{venId}/poll-queue", c -> core.pollQueue().pending(registration(c).participantId())
                        .stream().map(AdminViews::pollItem).toList()),
                get("/vens/{venId}/report-requests", c -> core.reports()
                        .requests(registration(c).participantId()).stream()
                        .map(AdminViews::reportRequest).toList()),
                create("/vens/{venId}/report-requests", c -> {
                    String venId = registration(c).participantId();
                    return AdminViews.reportRequest(core.reports().requestReport(venId,
                            AdminInputs.reportRequest(c.body(ReportRequestInput.class))));
                }),
                post("/vens/{venId}/report-requests/{reportRequestId}/cancel", this::cancelReportRequest),
                get("/reports", this::telemetry),
                get("/metrics", c -> AdminMetrics.snapshot(core.metrics(), core.pushOutbox().totals())));
    }

    private Event existing(String id) {
        return core.events().get(id).orElseThrow(() -> AdminHandler.notFound("event", id));
    }

    private EventJson event(Event e) {
        return AdminViews.event(e, core.events().statusOf(e), core.clock().instant());
    }

    private List<EventHistoryJson> history(String id) {
        return core.events().history(id).stream().map(h -> new EventHistoryJson(h.modificationNumber(),
                h.kind().name().toLowerCase(Locale.ROOT), AdminViews.text(h.at()),
                AdminViews.event(h.snapshot(), h.snapshot().status(h.at(), core.config().nearWindow()), h.at())))
                .toList();
    }

    private Registration registration(AdminRoute.Call c) {
        String venId = c.param("venId");
        return core.registrations().byVenId(venId).orElseThrow(() -> AdminHandler.notFound("VEN", venId));
    }

    /** A VEN with its exchange model and, for a push VEN, its outbox state (issue #14). */
    private VenJson ven(Registration r) {
        return ven(r, core.registrations().lastContact(r.participantId()).orElse(null));
    }

    private VenJson ven(Registration r, java.time.Instant lastContact) {
        return AdminViews.ven(r, core.pushOutbox().status(r.participantId()).orElse(null), lastContact);
    }

    /**
     * VTN-initiated oadrCancelReport (OpenADR 2.0b 8.3, R1_3050), delivered on the VEN's next poll; with
     * {@code reportToFollow} the VEN sends a final report (rule 345). Body optional: {@code {"reportToFollow": bool}},
     * default false. 404 for a request that is not this VEN's, 409 when already cancelled or completed.
     */
    private Object cancelReportRequest(AdminRoute.Call c) {
        String venId = registration(c).participantId();
        String reportRequestId = c.param("reportRequestId");
        core.reports().request(reportRequestId).filter(r -> r.participantId().equals(venId))
                .orElseThrow(() -> AdminHandler.notFound("report request", reportRequestId));
        ReportCancelInput b = c.optionalBody(ReportCancelInput.class);
        boolean toFollow = b != null && AdminJson.bool(b.reportToFollow());
        return AdminViews.reportRequest(core.reports().cancelReport(venId, reportRequestId, toFollow, true));
    }

    private Object telemetry(AdminRoute.Call c) {
        Instant from = AdminJson.instant(c.query("from"), "from");
        Instant to = AdminJson.instant(c.query("to"), "to");
        int limit = 1000;
        String l = c.query("limit");
        if (l != null) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 10000) {
                throw VtnException.invalidData("limit", "limit must be 1..10000");
            }
        }
        return core.reports().telemetry(new TelemetryQuery(c.query("venId"), from, to, limit)).stream()
                .map(AdminViews::telemetry).toList();
    }
}
