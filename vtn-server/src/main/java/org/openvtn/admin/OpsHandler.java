package org.openvtn.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.openvtn.listener.RequestMetrics;

/**
 * The operations endpoints of the admin listener (issue #19, docs/deployment.md):
 * <ul>
 *   <li>{@code GET /metrics}: Prometheus text format; bearer token like the REST API unless the serve option
 *       {@code admin.metricsWithoutToken} is set (a scraper on a private network);</li>
 *   <li>{@code GET /health/live}: 200 while the process serves requests;</li>
 *   <li>{@code GET /health/ready}: 200 when the database answers and every listener is started, else 503 with the
 *       failing check. Both health endpoints need no token: they reveal nothing but up or down.</li>
 * </ul>
 * Other paths fall through to the REST API handler.
 */
final class OpsHandler extends Handler.Wrapper {
    static final String METRICS = "/metrics";
    static final String LIVE = "/health/live";
    static final String READY = "/health/ready";
    /** Prometheus text exposition format 0.0.4. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final AdminOps ops;
    private final String token;
    private final boolean metricsWithoutToken;

    OpsHandler(Handler api, AdminOps ops, String token, boolean metricsWithoutToken) {
        super(api);
        this.ops = ops;
        this.token = token;
        this.metricsWithoutToken = metricsWithoutToken;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        if (!path.equals(METRICS) && !path.equals(LIVE) && !path.equals(READY)) {
            return super.handle(request, response, callback);
        }
        request.setAttribute(RequestMetrics.SERVICE, path);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            json(response, callback, 405, Map.of("error", "method " + request.getMethod() + " not allowed on " + path));
            return true;
        }
        switch (path) {
            case LIVE -> json(response, callback, 200, Map.of("status", "UP"));
            case READY -> {
                AdminOps.Readiness r = ops.readiness();
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("status", r.ready() ? "UP" : "DOWN");
                body.put("checks", r.checks());
                json(response, callback, r.ready() ? 200 : 503, body);
            }
            default -> {
                if (!metricsWithoutToken && !AdminTokens.matches(token, bearer(request))) {
                    response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"openvtn-admin\"");
                    json(response, callback, 401, Map.of("error", "missing or invalid bearer token", "code", 401));
                    return true;
                }
                response.setStatus(200);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, PROMETHEUS_TEXT);
                Content.Sink.write(response, true, ops.scrape(), callback);
            }
        }
        return true;
    }

    private static String bearer(Request request) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip() : null;
    }

    private static void json(Response response, Callback callback, int status, Object body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        try {
            byte[] bytes = AdminJson.MAPPER.writeValueAsBytes(body);
            response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            callback.failed(e);
        }
    }
}
