package org.openvtn.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.openvtn.admin.api.ErrorJson;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.EventOverlapException;
import org.openvtn.core.VtnException;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.service.SepServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.openvtn.oadr20b.service.OadrResponseCodes;

/**
 * Jetty core handler of the admin REST API (JSON, bearer token) over one route table ({@link #routes()}): a path
 * no route matches is 404, a known path with another method 405 with {@code Allow}. Decodes, calls the core
 * services, encodes; every error is an {@link ErrorJson} {@code {"error", "field", "code"}}: 400 validation, 401
 * auth, 404 unknown resource, 405 method, 409 state conflict, 413 body too large.
 */
final class AdminHandler extends Handler.Abstract {
    static final String PREFIX = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final String token;
    private final int maxBodyBytes;
    private final List<AdminRoute> routes;

    AdminHandler(VtnCore core, SepServices sep, String token, int maxBodyBytes) {
        this(core, sep, null, token, maxBodyBytes);
    }

    /** @param oadr3 the OpenADR 3.1 services when that listener runs, else null (its routes answer 404) */
    AdminHandler(VtnCore core, SepServices sep, org.openvtn.oadr3.service.Oadr3Services oadr3, String token,
                 int maxBodyBytes) {
        this.token = token;
        this.maxBodyBytes = maxBodyBytes;
        byte[] openApi;
        try (InputStream in = AdminHandler.class.getResourceAsStream("openapi.json")) {
            openApi = in == null ? "{}".getBytes(StandardCharsets.UTF_8) : in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load openapi.json", e);
        }
        JsonNode doc;
        try {
            doc = AdminJson.MAPPER.readTree(openApi);
        } catch (IOException e) {
            throw new IllegalStateException("openapi.json is not JSON", e);
        }
        List<AdminRoute> all = new ArrayList<>();
        all.add(new AdminRoute("GET", "/openapi.json", null, 200, c -> doc));
        all.addAll(new AdminOadrRoutes(core).routes());
        all.addAll(new AdminParticipants(core.participants()).routes());
        all.addAll(new AdminSepDevices(org.openvtn.sep.service.SepAdmin.of(sep)).routes()); // before AdminSep: its {lfdi} routes are longer paths
        all.addAll(new AdminPreregistration(core).routes());
        all.addAll(new AdminSep(sep).routes());
        all.addAll(new AdminSepRates(sep.rates()).routes());
        all.addAll(new AdminSepProgramGroups(sep.programGroups()).routes());
        all.addAll(new AdminSepFunctionSets(sep.pricing(), sep.messaging(), sep.flowReservations()).routes());
        all.addAll(new AdminSepBilling(sep.billing()).routes());
        all.addAll(new AdminOadr3(oadr3).routes());
        this.routes = List.copyOf(all);
    }

    /** @return the route table, in the order routes are matched */
    List<AdminRoute> routes() {
        return routes;
    }

    /** Thrown for HTTP-level failures that are not core rule violations. */
    static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String field;

        HttpError(int status, String field, String message) {
            super(message);
            this.status = status;
            this.field = field;
        }
    }

    static HttpError error(int status, String field, String message) {
        return new HttpError(status, field, message);
    }

    static HttpError notFound(String what, String id) {
        return new HttpError(404, "id", "unknown " + what + " " + id);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        String method = request.getMethod();
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        try {
            List<String> seg = AdminRoute.split(path.substring(PREFIX.length()));
            AdminRoute route = null;
            Map<String, String> params = null;
            TreeSet<String> allowed = new TreeSet<>();
            for (AdminRoute r : routes) {
                Map<String, String> p = r.match(seg);
                if (p != null) {
                    allowed.add(r.method());
                    if (route == null && r.method().equals(method)) {
                        route = r;
                        params = p;
                    }
                }
            }
            if (route != null) {
                request.setAttribute(org.openvtn.listener.RequestMetrics.SERVICE, route.template());
            }
            if (route == null || route.role() != null) {
                authenticate(request, response);
            }
            if (route == null && allowed.isEmpty()) {
                throw new HttpError(404, null, "no such resource: " + method + " " + path);
            }
            if (route == null) {
                response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", allowed));
                throw new HttpError(405, null, "method " + method + " not allowed on " + path + "; allowed: "
                        + String.join(", ", allowed));
            }
            Object result = route.action().run(new HttpCall(request, params));
            send(response, callback, route.status(), result);
        } catch (HttpError e) {
            send(response, callback, e.status, new ErrorJson(e.getMessage(), e.field, e.status, null));
        } catch (EventOverlapException e) {
            send(response, callback, 409, new ErrorJson(e.getMessage(), e.field(), OadrResponseCodes.of(e), e.conflictingEventId()));
        } catch (VtnException e) {
            send(response, callback, status(e), new ErrorJson(e.getMessage(), e.field(), OadrResponseCodes.of(e), null));
        } catch (RuntimeException e) {
            LOG.error("admin request {} {} failed", method, path, e);
            send(response, callback, 500, new ErrorJson("internal error", null, 500, null));
        }
        return true;
    }

    private void authenticate(Request request, Response response) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String presented = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip()
                : null;
        if (!AdminTokens.matches(token, presented)) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"openvtn-admin\"");
            throw new HttpError(401, null, "missing or invalid bearer token");
        }
    }

    /** The request as a route sees it; the body is read at most once, when the route asks for it. */
    private final class HttpCall implements AdminRoute.Call {
        private final Request request;
        private final Map<String, String> params;
        private Fields query;

        HttpCall(Request request, Map<String, String> params) {
            this.request = request;
            this.params = params;
        }

        @Override
        public String param(String name) {
            return params.get(name);
        }

        @Override
        public String query(String name) {
            if (query == null) {
                query = Request.extractQueryParameters(request);
            }
            return query.getValue(name);
        }

        @Override
        public <T> T body(Class<T> type) {
            return AdminJson.read(tree(), type);
        }

        @Override
        public JsonNode tree() {
            return read(request, true);
        }

        @Override
        public <T> T optionalBody(Class<T> type) {
            JsonNode n = read(request, false);
            return n == null ? null : AdminJson.read(n, type);
        }
    }

    /** The JSON body; null when it is empty and not required. */
    private JsonNode read(Request request, boolean required) {
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

    private static void send(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        try {
            Content.Sink.write(response, true, AdminJson.MAPPER.writeValueAsString(body), callback);
        } catch (JsonProcessingException e) {
            callback.failed(e);
        }
    }
}
