package org.openvtn.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.Event;
import org.openvtn.core.EventOverlapException;
import org.openvtn.core.NewReportRequest;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Registration;
import org.openvtn.core.TelemetryQuery;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openvtn.oadr20b.service.OadrResponseCodes;

/**
 * Jetty core handler of the admin REST API (JSON, bearer token). Decodes, calls the core
 * services, encodes; errors are JSON {@code {"error", "field", "code"}}: 400 validation, 401 auth,
 * 404 unknown resource, 409 state conflict, 413 body too large.
 */
final class AdminHandler extends Handler.Abstract {
    static final String PREFIX = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);
    private static final Set<String> PROGRAM_FIELDS = Set.of("name", "marketContext", "overlap");
    private static final Set<String> REPORT_REQUEST_FIELDS = Set.of("reportName", "rIds", "granularity",
            "reportBackDuration", "start", "duration");
    private static final Set<String> MEMBERSHIP_FIELDS = Set.of("partyId", "groupIds", "resourceIds");
    private static final Set<String> REPORT_CANCEL_FIELDS = Set.of("reportToFollow");

    private final VtnCore core;
    private final String token;
    private final int maxBodyBytes;
    private final byte[] openApi;
    private final AdminSep sep;
    private final AdminParticipants participants;

    AdminHandler(VtnCore core, String token, int maxBodyBytes) {
        this.sep = new AdminSep(core);
        this.participants = new AdminParticipants(core.participants());
        this.core = core;
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        try (InputStream in = AdminHandler.class.getResourceAsStream("openapi.json")) {
            this.openApi = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load openapi.json", e);
        }
    }

    /** Thrown for HTTP-level failures that are not core rule violations. */
    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String field;

        HttpError(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        String method = request.getMethod();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try {
            if (path.equals(PREFIX + "/openapi.json") && method.equals("GET")) {
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.write(true, java.nio.ByteBuffer.wrap(openApi), callback);
                return true;
            }
            String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
            String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip()
                    : null;
            if (!AdminTokens.matches(token, presented)) {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"openvtn-admin\"");
                throw new HttpError(401, null, "missing or invalid bearer token");
            }
            List<String> seg = segments(path.substring(PREFIX.length()));
            JsonNode result = route(method, seg, request);
            send(response, callback, method.equals("POST") && created(seg) ? 201 : 200, result);
        } catch (HttpError e) {
            send(response, callback, e.status, error(e.getMessage(), e.field, e.status));
        } catch (EventOverlapException e) {
            send(response, callback, 409, error(e.getMessage(), e.field(), OadrResponseCodes.of(e))
                    .put("conflictingEventId", e.conflictingEventId()));
        } catch (VtnException e) {
            send(response, callback, status(e), error(e.getMessage(), e.field(), OadrResponseCodes.of(e)));
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", method, path, e);
            send(response, callback, 500, error("internal error", null, 500));
        }
        return true;
    }

    private static boolean created(List<String> seg) {
        return seg.size() == 1 || (seg.size() == 3 && seg.get(2).equals("report-requests"))
                || (!seg.isEmpty() && seg.get(0).equals("sep") && AdminSep.creates(seg));
    }

    private JsonNode route(String method, List<String> seg, Request request) {
        String top = seg.isEmpty() ? "" : seg.get(0);
        switch (top) {
            case "programs":
                if (seg.size() == 1 && method.equals("GET")) {
                    return array(core.programs().list().stream().map(AdminJson::program).toList());
                }
                if (seg.size() == 1 && method.equals("POST")) {
                    ObjectNode b = AdminJson.object(body(request), "");
                    AdminJson.onlyFields(b, PROGRAM_FIELDS, "");
                    String overlap = AdminJson.string(b, "overlap", "overlap", false);
                    return AdminJson.program(core.programs().create(
                            AdminJson.string(b, "name", "name", true),
                            AdminJson.string(b, "marketContext", "marketContext", true),
                            overlap == null ? OverlapPolicy.REJECT : OverlapPolicy.parse(overlap)));
                }
                if (seg.size() == 2 && method.equals("GET")) {
                    return AdminJson.program(core.programs().get(seg.get(1))
                            .orElseThrow(() -> notFound("program", seg.get(1))));
                }
                break;
            case "events":
                return events(method, seg, request);
            case "vens":
                return vens(method, seg, request);
            case "reports":
                if (seg.size() == 1 && method.equals("GET")) {
                    return telemetry(Request.extractQueryParameters(request));
                }
                break;
            case "sep": {
                JsonNode r = sep.route(method, seg, () -> body(request));
                if (r != null) {
                    return r;
                }
                break;
            }
            case "participants": {
                JsonNode r = participants.route(method, seg,
                        Request.extractQueryParameters(request).getValue("state"), () -> body(request));
                if (r != null) {
                    return r;
                }
                break;
            }
            case "metrics":
                if (seg.size() == 1 && method.equals("GET")) {
                    return AdminMetrics.snapshot(core.metrics(), core.pushOutbox().totals());
                }
                break;
            default:
                break;
        }
        throw new HttpError(404, null, "no such resource: " + method + " " + PREFIX + "/" + String.join("/", seg));
    }

    private JsonNode events(String method, List<String> seg, Request request) {
        if (seg.size() == 1 && method.equals("GET")) {
            return array(core.events().list().stream().map(this::event).toList());
        }
        if (seg.size() == 1 && method.equals("POST")) {
            return event(core.events().create(AdminJson.eventSpec(body(request))));
        }
        if (seg.size() >= 2) {
            String id = seg.get(1);
            if (seg.size() == 2 && method.equals("GET")) {
                return event(core.events().get(id).orElseThrow(() -> notFound("event", id)));
            }
            if (seg.size() == 2 && method.equals("PUT")) {
                return event(core.events().update(id, AdminJson.eventSpec(body(request))));
            }
            if (seg.size() == 3 && seg.get(2).equals("cancel") && method.equals("POST")) {
                return event(core.events().cancel(id));
            }
            if (seg.size() == 3 && seg.get(2).equals("history") && method.equals("GET")) {
                core.events().get(id).orElseThrow(() -> notFound("event", id));
                return array(core.events().history(id).stream().map(h -> {
                    ObjectNode n = AdminJson.MAPPER.createObjectNode();
                    n.put("modificationNumber", h.modificationNumber());
                    n.put("change", h.kind().name().toLowerCase(java.util.Locale.ROOT));
                    n.put("at", h.at().toString());
                    n.set("event", AdminJson.event(h.snapshot(), h.snapshot().status(h.at(),
                            core.config().nearWindow()), h.at()));
                    return (JsonNode) n;
                }).toList());
            }
            if (seg.size() == 3 && seg.get(2).equals("responses") && method.equals("GET")) {
                core.events().get(id).orElseThrow(() -> notFound("event", id));
                return array(core.events().responses(id).stream().map(r -> {
                    ObjectNode n = AdminJson.MAPPER.createObjectNode();
                    n.put("venId", r.venId());
                    n.put("modificationNumber", r.modificationNumber());
                    n.put("optType", r.optType().wireName());
                    n.put("responseCode", r.responseCode());
                    n.put("responseDescription", r.responseDescription());
                    n.put("receivedAt", r.receivedAt().toString());
                    return (JsonNode) n;
                }).toList());
            }
        }
        throw new HttpError(404, null, "no such resource");
    }

    /** A VEN with its exchange model and, for a push VEN, its outbox state (issue #14). */
    private ObjectNode ven(Registration r) {
        return AdminJson.ven(r, core.pushOutbox().status(r.venId()).orElse(null));
    }

    private JsonNode vens(String method, List<String> seg, Request request) {
        if (seg.size() == 1 && method.equals("GET")) {
            return array(core.registrations().list().stream().map(this::ven).toList());
        }
        if (seg.size() < 2) {
            throw new HttpError(404, null, "no such resource");
        }
        String venId = seg.get(1);
        Registration reg = core.registrations().byVenId(venId).orElseThrow(() -> notFound("VEN", venId));
        if (seg.size() == 2 && method.equals("GET")) {
            return ven(reg);
        }
        if (seg.size() == 4 && seg.get(2).equals("push") && seg.get(3).equals("retry") && method.equals("POST")) {
            if (!core.pushOutbox().retry(venId)) {
                throw new HttpError(409, "venId", "VEN " + venId + " is not a push VEN (oadrHttpPullModel=true or no "
                        + "oadrTransportAddress)");
            }
            return ven(reg);
        }
        if (seg.size() == 2 && method.equals("DELETE")) {
            return AdminJson.ven(core.registrations().deregister(venId));
        }
        String sub = seg.size() == 3 ? seg.get(2) : "";
        if (sub.equals("reregister") && method.equals("POST")) {
            core.registrations().requestReregistration(venId);
            return AdminJson.ven(reg);
        }
        if (sub.equals("opts") && method.equals("GET")) {
            return array(core.opts().optsFor(venId).stream().map(AdminJson::opt).toList());
        }
        if (sub.equals("report-requests") && method.equals("GET")) {
            return array(core.reports().requests(venId).stream().map(AdminJson::reportRequest).toList());
        }
        if (sub.equals("report-requests") && method.equals("POST")) {
            ObjectNode b = AdminJson.object(body(request), "");
            AdminJson.onlyFields(b, REPORT_REQUEST_FIELDS, "");
            NewReportRequest r = new NewReportRequest(AdminJson.string(b, "reportName", "reportName", true),
                    new ArrayList<>(AdminJson.strings(b, "rIds", "rIds")),
                    AdminJson.duration(b, "granularity", "granularity", null),
                    AdminJson.duration(b, "reportBackDuration", "reportBackDuration", null),
                    AdminJson.instant(b, "start", "start", false),
                    AdminJson.duration(b, "duration", "duration", null));
            return AdminJson.reportRequest(core.reports().requestReport(venId, r));
        }
        if (seg.size() == 5 && seg.get(2).equals("report-requests") && seg.get(4).equals("cancel")
                && method.equals("POST")) {
            return cancelReportRequest(venId, seg.get(3), request);
        }
        if (sub.equals("membership") && method.equals("PUT")) {
            ObjectNode b = AdminJson.object(body(request), "");
            AdminJson.onlyFields(b, MEMBERSHIP_FIELDS, "");
            return AdminJson.ven(core.registrations().updateMembership(venId,
                    AdminJson.string(b, "partyId", "partyId", false), AdminJson.strings(b, "groupIds", "groupIds"),
                    AdminJson.strings(b, "resourceIds", "resourceIds")));
        }
        throw new HttpError(404, null, "no such resource");
    }

    /**
     * VTN-initiated oadrCancelReport (OpenADR 2.0b 8.3, R1_3050), delivered on the VEN's next poll; with
     * {@code reportToFollow} the VEN sends a final report (rule 345). Body optional: {@code {"reportToFollow": bool}},
     * default false. 404 for a request that is not this VEN's, 409 when already cancelled or completed.
     */
    private JsonNode cancelReportRequest(String venId, String reportRequestId, Request request) {
        core.reports().request(reportRequestId).filter(r -> r.venId().equals(venId))
                .orElseThrow(() -> notFound("report request", reportRequestId));
        JsonNode body = body(request, false);
        boolean toFollow = false;
        if (body != null) {
            ObjectNode b = AdminJson.object(body, "");
            AdminJson.onlyFields(b, REPORT_CANCEL_FIELDS, "");
            toFollow = AdminJson.bool(b, "reportToFollow", "reportToFollow");
        }
        return AdminJson.reportRequest(core.reports().cancelReport(venId, reportRequestId, toFollow, true));
    }

    private JsonNode telemetry(Fields q) {
        ObjectNode params = AdminJson.MAPPER.createObjectNode();
        for (String name : List.of("venId", "from", "to", "limit")) {
            String v = q.getValue(name);
            if (v != null) {
                params.put(name, v);
            }
        }
        Instant from = AdminJson.instant(params, "from", "from", false);
        Instant to = AdminJson.instant(params, "to", "to", false);
        int limit = 1000;
        if (params.has("limit")) {
            try {
                limit = Integer.parseInt(params.get("limit").asText());
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 10000) {
                throw VtnException.invalidData("limit", "limit must be 1..10000");
            }
        }
        return array(core.reports().telemetry(new TelemetryQuery(params.path("venId").textValue(), from, to, limit))
                .stream().map(AdminJson::telemetry).toList());
    }

    private JsonNode event(Event e) {
        return AdminJson.event(e, core.events().statusOf(e), core.clock().instant());
    }

    private JsonNode body(Request request) {
        return body(request, true);
    }

    /** The JSON body; null when it is empty and not required. */
    private JsonNode body(Request request, boolean required) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw new HttpError(413, null, "request body larger than " + maxBodyBytes + " bytes");
        }
        byte[] bytes;
        try (InputStream in = Content.Source.asInputStream(request)) {
            bytes = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new HttpError(400, null, "cannot read request body");
        }
        if (bytes.length > maxBodyBytes) {
            throw new HttpError(413, null, "request body larger than " + maxBodyBytes + " bytes");
        }
        if (bytes.length == 0 && !required) {
            return null;
        }
        if (bytes.length == 0) {
            throw new HttpError(400, "body", "a JSON body is required");
        }
        try {
            return AdminJson.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new HttpError(400, "body", "cannot parse JSON");
        }
    }

    private static List<String> segments(String rest) {
        List<String> out = new ArrayList<>();
        for (String s : rest.split("/")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private static HttpError notFound(String what, String id) {
        return new HttpError(404, "id", "unknown " + what + " " + id);
    }

    private static int status(VtnException e) {
        ErrorCode c = e.errorCode();
        if (c == ErrorCode.NOT_ALLOWED) {
            return 409;
        }
        if (c == ErrorCode.INVALID_ID && ("id".equals(e.field()) || "venId".equals(e.field()))) {
            return 404;
        }
        return 400;
    }

    private static ObjectNode error(String message, String field, int code) {
        ObjectNode n = AdminJson.MAPPER.createObjectNode();
        n.put("error", message);
        if (field != null) {
            n.put("field", field);
        }
        n.put("code", code);
        return n;
    }

    private static ArrayNode array(List<? extends JsonNode> items) {
        ArrayNode a = AdminJson.MAPPER.createArrayNode();
        a.addAll(items);
        return a;
    }

    private static void send(Response response, Callback callback, int status, JsonNode body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        try {
            Content.Sink.write(response, true, AdminJson.MAPPER.writeValueAsString(body), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }

}
