package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openvtn.admin.api.AdminApiClient;
import org.openvtn.admin.api.AdminApiException;
import org.openvtn.admin.api.EventInput;
import org.openvtn.admin.api.EventJson;
import org.openvtn.admin.api.EventResponseJson;
import org.openvtn.admin.api.IntervalInput;
import org.openvtn.admin.api.ProgramInput;
import org.openvtn.admin.api.ProgramJson;
import org.openvtn.admin.api.ReportRequestInput;
import org.openvtn.admin.api.ReportRequestJson;
import org.openvtn.admin.api.SignalInput;
import org.openvtn.admin.api.TargetsJson;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;

/**
 * Drives a VTN through OpenVTN's admin API ({@code /api/v1}, docs/core-model.md "Admin API") with the typed
 * {@link AdminApiClient}: programs per market context (created with {@code overlap: reject}, conformance rule 18),
 * events, VEN deregistration and re-registration requests, report requests and their cancellation. Every call is
 * noted in the case's evidence.
 */
public final class AdminApiDriver implements OadrVtnDriver {

    private final AdminApiClient admin;
    private final CaseContext ctx;

    public AdminApiDriver(AdminClient admin, CaseContext ctx) {
        this.admin = admin.api();
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "admin API";
    }

    /** A refusal or transport failure as the suite's {@link AdminClient.AdminException} (same status and text). */
    private static <T> T typed(Supplier<T> call) {
        try {
            return call.get();
        } catch (AdminApiException e) {
            throw new AdminClient.AdminException(e.status(), e.getMessage());
        }
    }

    private String program(String marketContext) {
        for (ProgramJson p : typed(admin::programs)) {
            if (marketContext.equals(p.marketContext())) {
                if ("supersede".equals(p.overlap())) {
                    ctx.note("admin: program " + p.id() + " of " + marketContext + " has overlap supersede:"
                            + " overlapping events of it are accepted (A_E3_0490 expects them refused)");
                }
                return p.id();
            }
        }
        // OpenADR 2.0b conformance rule 18 (A_E3_0490); also OpenVTN's default
        String id = typed(() -> admin.createProgram(new ProgramInput("conformance " + marketContext, marketContext,
                "reject"))).id();
        ctx.note("admin: created program " + id + " for market context " + marketContext);
        return id;
    }

    private EventInput event(EventOrder o) {
        List<SignalInput> signals = new ArrayList<>();
        for (Signal s : o.signals()) {
            List<IntervalInput> iv = new ArrayList<>();
            for (Double v : s.values()) {
                iv.add(new IntervalInput(s.interval().toString(), v));
            }
            signals.add(new SignalInput(null, s.name(), s.type(), s.units(), iv));
        }
        return new EventInput(program(o.marketContext()), o.start().toString(), signals,
                new TargetsJson(null, o.venIds(), null, null, null), o.priority(),
                o.responseRequired() ? "always" : "never", o.randomizeStart().toString(), null, null, null, null,
                null);
    }

    @Override
    public String createEvent(EventOrder order) {
        EventJson r = typed(() -> admin.createEvent(event(order)));
        ctx.note("admin: created event " + r.id() + " (modificationNumber " + r.modificationNumber() + ")");
        return r.id();
    }

    @Override
    public void modifyEvent(String eventId, EventOrder order) {
        EventJson r = typed(() -> admin.updateEvent(eventId, event(order)));
        ctx.note("admin: modified event " + eventId + " (modificationNumber now " + r.modificationNumber() + ")");
    }

    @Override
    public void cancelEvent(String eventId) {
        EventJson r = typed(() -> admin.cancelEvent(eventId));
        ctx.note("admin: cancelled event " + eventId + " (modificationNumber now " + r.modificationNumber() + ")");
    }

    @Override
    public void cancelRegistration(String venId) {
        typed(() -> admin.deregister(venId));
        ctx.note("admin: VTN-initiated deregistration of " + venId);
    }

    @Override
    public void requestReregistration(String venId) {
        typed(() -> admin.requestReregistration(venId));
        ctx.note("admin: re-registration requested for " + venId);
    }

    @Override
    public String requestReport(String venId, String reportName, Duration granularity, Duration reportBackDuration) {
        ReportRequestJson r = typed(() -> admin.requestReport(venId, new ReportRequestInput(reportName, null,
                granularity == null ? null : granularity.toString(),
                granularity == null ? null : reportBackDuration.toString(), null, null)));
        ctx.note("admin: requested " + reportName + " from " + venId + ": reportRequestId " + r.reportRequestId());
        return r.reportRequestId();
    }

    /** {@code POST /vens/{venId}/report-requests/{id}/cancel}: the VTN's oadrCancelReport on the next poll. */
    @Override
    public void cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        ReportRequestJson r = typed(() -> admin.cancelReport(venId, reportRequestId, reportToFollow));
        ctx.note("admin: cancelled report request " + reportRequestId + " of " + venId + " (reportToFollow "
                + reportToFollow + ", status now " + r.status() + ")");
    }

    @Override
    public Optional<List<Map<String, Object>>> eventResponses(String eventId) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (EventResponseJson r : typed(() -> admin.eventResponses(eventId))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = AdminApiClient.convert(r, LinkedHashMap.class);
            out.add(m);
        }
        return Optional.of(out);
    }
}
