package org.openvtn.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openvtn.device.engine.EffectiveControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device automation interface (conformance-tests/README.md, "The device automation interface"): a small HTTP
 * API the {@code sep-client} conformance suite calls to observe the device's scheduling decisions and make it act,
 * so the suite runs unattended. Binds the loopback address unless told otherwise; with a token every request needs
 * {@code Authorization: Bearer <token>} (else 401). Parameters are query parameters; answers are JSON objects; a
 * 2030.5 failure of the device's own request answers 502 with the HTTP status and reasonCode it got.
 *
 * <pre>
 * GET  /state                    identity, EndDevice href, walks, polling, time offset, last error, effective controls
 * GET  /effective                the effective control per mode now: {mode: {value, multiplier, source, since}}
 * POST /refresh                  walk the server now (as after a notification) and wait for it
 * POST /opt-out?event=HREF       the owner opts out of an event (the engine answers 4 when asked to)
 * POST /log-event?code=C[&amp;functionSet=F][&amp;id=I][&amp;details=D]   report an alarm as a LogEvent -> {"location"}
 * POST /der-status?genConnectStatus=G&amp;operationalModeStatus=O   PUT a DERStatus now (§10.10.4.5) -> {"reported"}
 * </pre>
 */
public final class DeviceControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceControlServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SepDeviceClient device;
    private final byte[] token;
    private final HttpServer http;
    private final ExecutorService executor;

    private DeviceControlServer(SepDeviceClient device, String token, HttpServer http, ExecutorService executor) {
        this.device = device;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts the interface.
     *
     * @param device the device it drives
     * @param host   bind address ({@code 127.0.0.1} unless the operator chose otherwise)
     * @param port   port, 0 for any
     * @param token  bearer token every request must carry; null or empty: none (loopback use only)
     * @throws IllegalStateException when it cannot listen
     */
    public static DeviceControlServer start(SepDeviceClient device, String host, int port, String token) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port: must be 0..65535, was " + port);
        }
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "device-control");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 16);
            DeviceControlServer c = new DeviceControlServer(device, token, s, ex);
            s.createContext("/", c::handle);
            s.setExecutor(ex);
            s.start();
            LOG.info("device control interface on http://{}:{}", host, s.getAddress().getPort());
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
                LOG.warn("device control: request without a valid bearer token from {} refused", x.getRemoteAddress());
                send(x, 401, Map.of("error", "bearer token required"));
                return;
            }
            x.getRequestBody().readNBytes(64 * 1024);
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath().replaceAll("/+$", "");
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            try {
                send(x, 200, route(method, path, q));
            } catch (IllegalArgumentException e) {
                send(x, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (SepDeviceException e) {
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("error", String.valueOf(e.getMessage()));
                err.put("httpStatus", e.httpStatus());
                send(x, 502, err);
            } catch (NoSuchOperation e) {
                send(x, 404, Map.of("error", "no such control operation: " + method + " " + path));
            }
        }
    }

    private Map<String, Object> route(String method, String path, Map<String, String> q) throws SepDeviceException {
        boolean get = "GET".equals(method);
        boolean post = "POST".equals(method);
        if (get && path.equals("/state")) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lfdi", device.lfdi());
            m.put("sfdi", device.sfdi());
            m.put("endDevice", device.endDeviceHref().orElse(null));
            m.put("walks", device.walks());
            m.put("polling", device.polling());
            m.put("serverTimeOffsetMillis", device.serverTimeOffsetMillis());
            m.put("lastError", device.lastError());
            m.put("effective", effective());
            return m;
        }
        if (get && path.equals("/effective")) {
            return effective();
        }
        if (post && path.equals("/refresh")) {
            device.refresh();
            return Map.of("walks", device.walks());
        }
        if (post && path.equals("/opt-out")) {
            String event = q.get("event");
            if (event == null || event.isBlank()) {
                throw new IllegalArgumentException("event: the event's href is required");
            }
            device.optOut(event);
            return Map.of("optedOut", event);
        }
        if (post && path.equals("/log-event")) {
            LogEventReport r = new LogEventReport(number(q, "functionSet", 0, 255), number(q, "code", -1, 255),
                    number(q, "id", 0, 65535), 0, q.get("details"));
            return Map.of("location", String.valueOf(device.logEvent(r)));
        }
        if (post && path.equals("/der-status")) {
            device.reportDerStatus(new DerStatusReport(number(q, "genConnectStatus", -1, 255),
                    number(q, "operationalModeStatus", -1, 255), null, null));
            return Map.of("reported", true);
        }
        throw new NoSuchOperation();
    }

    /** A query parameter 0..max; {@code fallback} when absent (-1: required). */
    private static int number(Map<String, String> q, String name, int fallback, int max) {
        String v = q.get(name);
        if (v == null) {
            if (fallback < 0) {
                throw new IllegalArgumentException(name + ": required");
            }
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            if (n < 0 || n > max) {
                throw new IllegalArgumentException(name + ": 0.." + max + ", was " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": a number, was " + v);
        }
    }

    private Map<String, Object> effective() {
        Map<String, Object> out = new TreeMap<>();
        for (EffectiveControl c : device.effective().values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", c.value().value());
            m.put("multiplier", c.value().multiplier());
            m.put("source", c.source());
            m.put("since", c.since().toString());
            out.put(c.mode(), m);
        }
        return out;
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

    private static String decode(String s) {
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

    private static final class NoSuchOperation extends RuntimeException {
        NoSuchOperation() {
            super(null, null, false, false);
        }
    }
}
