package org.openvtn.admin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The operator web console ({@code /console/}, issue #19): static HTML, JavaScript modules and CSS from this jar,
 * and uPlot from its WebJar under {@code /console/vendor/uplot/}. The page itself holds no data and needs no
 * authentication; everything it shows comes from the admin API ({@code /api/v1}) with the operator's bearer token,
 * so the console has exactly the API's authentication.
 *
 * <p>Only the files named in {@link #FILES} are served (no path from the request reaches the class loader). Every
 * answer carries a strict Content-Security-Policy (no inline script or style, nothing from another origin, no
 * framing), {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY} and {@code Referrer-Policy:
 * no-referrer}.
 */
final class ConsoleHandler extends Handler.Abstract {
    static final String PREFIX = "/console";
    /** The uPlot version of the WebJar in the pom; its files live under this path in the jar. */
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String OWN = "org/openvtn/admin/console/";
    private static final String JS = "text/javascript; charset=utf-8";
    private static final String CSS = "text/css; charset=utf-8";
    /** Request path under {@code /console} to class-path resource and media type. */
    private static final Map<String, String[]> FILES = Map.ofEntries(
            Map.entry("/", new String[] {OWN + "index.html", "text/html; charset=utf-8"}),
            Map.entry("/console.css", new String[] {OWN + "console.css", CSS}),
            Map.entry("/app.js", new String[] {OWN + "app.js", JS}),
            Map.entry("/api.js", new String[] {OWN + "api.js", JS}),
            Map.entry("/dom.js", new String[] {OWN + "dom.js", JS}),
            Map.entry("/events.js", new String[] {OWN + "events.js", JS}),
            Map.entry("/vens.js", new String[] {OWN + "vens.js", JS}),
            Map.entry("/queues.js", new String[] {OWN + "queues.js", JS}),
            Map.entry("/telemetry.js", new String[] {OWN + "telemetry.js", JS}),
            Map.entry("/conformance.js", new String[] {OWN + "conformance.js", JS}),
            Map.entry("/vendor/uplot/uPlot.iife.min.js", new String[] {UPLOT + "dist/uPlot.iife.min.js", JS}),
            Map.entry("/vendor/uplot/uPlot.min.css", new String[] {UPLOT + "dist/uPlot.min.css", CSS}),
            Map.entry("/vendor/uplot/LICENSE", new String[] {UPLOT + "LICENSE", "text/plain; charset=utf-8"}));

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            return false;
        }
        HttpFields.Mutable h = response.getHeaders();
        secure(h);
        if (path.equals(PREFIX)) {
            response.setStatus(301);
            h.put(HttpHeader.LOCATION, PREFIX + "/");
            callback.succeeded();
            return true;
        }
        String method = request.getMethod();
        String[] file = FILES.get(path.substring(PREFIX.length()));
        byte[] body = file == null ? null : load(file[0]);
        if (body == null) {
            plain(response, callback, 404, "not found\n");
            return true;
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            h.put(HttpHeader.ALLOW, "GET, HEAD");
            plain(response, callback, 405, "method not allowed\n");
            return true;
        }
        response.setStatus(200);
        h.put(HttpHeader.CONTENT_TYPE, file[1]);
        h.put(HttpHeader.CACHE_CONTROL, "no-cache");
        h.put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, method.equals("HEAD") ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The console's security headers, also on its errors and redirects. */
    static void secure(HttpFields.Mutable h) {
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("X-Frame-Options", "DENY");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
    }

    private static void plain(Response response, Callback callback, int status, String text) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        response.write(true, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), callback);
    }

    private byte[] load(String resource) {
        return cache.computeIfAbsent(resource, r -> {
            try (InputStream in = ConsoleHandler.class.getClassLoader().getResourceAsStream(r)) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                return null;
            }
        });
    }
}
