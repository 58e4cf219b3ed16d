package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseContext;

/**
 * Drives a VTN through OpenVTN's admin API ({@code /api/v1}, docs/core-model.md "Admin API"): programs per
 * market context (created with {@code overlap: reject}, conformance rule 18), events, VEN deregistration and re-registration requests, report requests and their
 * cancellation. Every call is noted
 * in the case's evidence.
 */
public final class AdminApiDriver implements OadrVtnDriver {

    private final AdminClient admin;
    private final CaseContext ctx;

    public AdminApiDriver(AdminClient admin, CaseContext ctx) {
        this.admin = admin;
        this.ctx = ctx;
    }

    @Override
    public String describe() {
        return "admin API";
    }

    private String program(String marketContext) {
        Object items = admin.get("/programs").get("items");
        if (items instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> p && marketContext.equals(p.get("marketContext"))) {
                    if ("supersede".equals(p.get("overlap"))) {
                        ctx.note("admin: program " + p.get("id") + " of " + marketContext + " has overlap supersede:"
                                + " overlapping events of it are accepted (A_E3_0490 expects them refused)");
                    }
                    return (String) p.get("id");
                }
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "conformance " + marketContext);
        body.put("marketContext", marketContext);
        body.put("overlap", "reject"); // OpenADR 2.0b conformance rule 18 (A_E3_0490); also OpenVTN's default
        String id = (String) admin.post("/programs", body).get("id");
        ctx.note("admin: created program " + id + " for market context " + marketContext);
        return id;
    }

    private Map<String, Object> eventJson(EventOrder o) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("programId", program(o.marketContext()));
        b.put("start", o.start().toString());
        List<Object> signals = new ArrayList<>();
        for (Signal s : o.signals()) {
            Map<String, Object> sj = new LinkedHashMap<>();
            sj.put("name", s.name());
            sj.put("type", s.type());
            if (s.units() != null) {
                sj.put("units", s.units());
            }
            List<Object> iv = new ArrayList<>();
            for (Double v : s.values()) {
                iv.add(Map.of("duration", s.interval().toString(), "value", v));
            }
            sj.put("intervals", iv);
            signals.add(sj);
        }
        b.put("signals", signals);
        b.put("targets", Map.of("venIds", o.venIds()));
        b.put("responseRequired", o.responseRequired() ? "always" : "never");
        b.put("priority", o.priority());
        b.put("randomizeStart", o.randomizeStart().toString());
        return b;
    }

    @Override
    public String createEvent(EventOrder order) {
        Map<String, Object> r = admin.post("/events", eventJson(order));
        ctx.note("admin: created event " + r.get("id") + " (modificationNumber " + r.get("modificationNumber") + ")");
        return (String) r.get("id");
    }

    @Override
    public void modifyEvent(String eventId, EventOrder order) {
        Map<String, Object> r = admin.put("/events/" + eventId, eventJson(order));
        ctx.note("admin: modified event " + eventId + " (modificationNumber now " + r.get("modificationNumber") + ")");
    }

    @Override
    public void cancelEvent(String eventId) {
        Map<String, Object> r = admin.post("/events/" + eventId + "/cancel", Map.of());
        ctx.note("admin: cancelled event " + eventId + " (modificationNumber now " + r.get("modificationNumber") + ")");
    }

    @Override
    public void cancelRegistration(String venId) {
        admin.delete("/vens/" + venId);
        ctx.note("admin: VTN-initiated deregistration of " + venId);
    }

    @Override
    public void requestReregistration(String venId) {
        admin.post("/vens/" + venId + "/reregister", Map.of());
        ctx.note("admin: re-registration requested for " + venId);
    }

    @Override
    public String requestReport(String venId, String reportName, Duration granularity, Duration reportBackDuration) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("reportName", reportName);
        if (granularity != null) {
            b.put("granularity", granularity.toString());
            b.put("reportBackDuration", reportBackDuration.toString());
        }
        Map<String, Object> r = admin.post("/vens/" + venId + "/report-requests", b);
        ctx.note("admin: requested " + reportName + " from " + venId + ": reportRequestId " + r.get("reportRequestId"));
        return (String) r.get("reportRequestId");
    }

    /** {@code POST /vens/{venId}/report-requests/{id}/cancel}: the VTN's oadrCancelReport on the next poll. */
    @Override
    public void cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        Map<String, Object> r = admin.post("/vens/" + venId + "/report-requests/" + reportRequestId + "/cancel",
                Map.of("reportToFollow", reportToFollow));
        ctx.note("admin: cancelled report request " + reportRequestId + " of " + venId + " (reportToFollow "
                + reportToFollow + ", status now " + r.get("status") + ")");
    }

    @Override
    public Optional<List<Map<String, Object>>> eventResponses(String eventId) {
        Object items = admin.get("/events/" + eventId + "/responses").get("items");
        List<Map<String, Object>> out = new ArrayList<>();
        if (items instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m) {
                    Map<String, Object> copy = new LinkedHashMap<>();
                    m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                    out.add(copy);
                }
            }
        }
        return Optional.of(out);
    }
}
