package org.openvtn.control;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The transport of the automation interfaces a conformance suite drives a client under test through
 * (conformance-tests/README.md: the VEN's {@code openvtn ven --control-port}, the 2030.5 device's
 * {@code openvtn device --control-port}): a small HTTP server on one thread, loopback unless told otherwise, every
 * request with {@code Authorization: Bearer <token>} when a token is set (else 401), query parameters in, JSON
 * objects out. A route answers 200 with its map, 400 for {@link IllegalArgumentException} or a bad date/duration,
 * or any status through {@link Answer} (404 for an unknown operation, 502 for the client's protocol error).
 */
public final class ControlHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The operations of one interface. */
    @FunctionalInterface
    public interface Routes {
        /**
         * @param method HTTP method
         * @param path   path without trailing slashes
         * @param query  decoded query parameters
         * @return the JSON object answered with 200
         * @throws Exception an {@link Answer}, an {@link IllegalArgumentException} (400); anything else is a 500
         */
        Map<String, Object> route(String method, String path, Map<String, String> query) throws Exception;
    }

    /** Ends a request with {@code status} and {@code body}. */
    public static final class Answer extends RuntimeException {
        private final int status;
        private final transient Map<String, ?> body;

        public Answer(int status, Map<String, ?> body) {
            super(String.valueOf(body.get("error")), null, false, false);
            this.status = status;
            this.body = body;
        }

        /** @return a 404 naming the operation nobody serves */
        public static Answer noSuchOperation(String method, String path) {
            return new Answer(404, Map.of("error", "no such control operation: " + method + " " + path));
        }
    }

    private final String name;
    private final Routes routes;
    private final byte[] token;
    private final HttpServer http;
    private final ExecutorService executor;

    private ControlHttpServer(String name, Routes routes, String token, HttpServer http, ExecutorService executor) {
        this.name = name;
        this.routes = routes;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts an interface.
     *
     * @param name   what it controls, for the thread and log lines ("VEN", "device")
     * @param routes its operations
     * @param host   bind address ({@code 127.0.0.1} unless the operator chose otherwise)
     * @param port   port, 0 for any
     * @param token  bearer token every request must carry; null or empty: none (loopback use only)
     * @throws IllegalArgumentException for a port outside 0..65535
     * @throws IllegalStateException    when it cannot listen
     */
    public static ControlHttpServer start(String name, Routes routes, String host, int port, String token) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port: must be 0..65535, was " + port);
        }
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name.toLowerCase(java.util.Locale.ROOT) + "-control");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 16);
            ControlHttpServer c = new ControlHttpServer(name, routes, token, s, ex);
            s.createContext("/", c::handle);
            s.setExecutor(ex);
            s.start();
            LOG.info("{} control interface on http://{}:{}", name, host, s.getAddress().getPort());
            return c;
        } catch (IOException e) {
            ex.shutdownNow();
            throw new IllegalStateException("control port: cannot listen on " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bound port. */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            if (token != null && !authorised(x.getRequestHeaders().getFirst("Authorization"))) {
                LOG.warn("{} control: request without a valid bearer token from {} refused", name, x.getRemoteAddress());
                send(x, 401, Map.of("error", "bearer token required"));
                return;
            }
            x.getRequestBody().readNBytes(64 * 1024);
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath().replaceAll("/+$", "");
            try {
                send(x, 200, routes.route(method, path, query(x.getRequestURI().getRawQuery())));
            } catch (Answer a) {
                send(x, a.status, a.body);
            } catch (IllegalArgumentException | DateTimeParseException e) {
                send(x, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (Exception e) {
                LOG.warn("{} control: {} {} failed", name, method, path, e);
                send(x, 500, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    private boolean authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(token, header.substring(7).trim().getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            out.put(decode(i < 0 ? kv : kv.substring(0, i)), i < 0 ? "" : decode(kv.substring(i + 1)));
        }
        return out;
    }

    /** @return {@code s} URL-decoded (a path segment or query part) */
    public static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange x, int status, Map<String, ?> body) throws IOException {
        byte[] out = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, out.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(out);
        }
    }
}
