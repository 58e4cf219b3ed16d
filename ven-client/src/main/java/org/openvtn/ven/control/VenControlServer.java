package org.openvtn.ven.control;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.openvtn.ven.AvailabilityWindow;
import org.openvtn.ven.OptType;
import org.openvtn.ven.VenClient;
import org.openvtn.ven.VenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VEN automation interface (conformance-tests/README.md, "Driving the VEN under test"): a small HTTP API a
 * conformance suite calls to make the VEN act, so a VEN suite runs unattended. Binds the loopback address unless
 * told otherwise; with a token every request needs {@code Authorization: Bearer <token>}. Parameters are query
 * parameters; answers are JSON objects; a protocol error of the VEN's own request answers 502 with the OpenADR
 * response code.
 *
 * <pre>
 * GET    /state                                      registration, tracked events, pending report requests
 * POST   /register[?new=true]                        (re-)register (starts polling when not registered)
 * POST   /cancel-registration                        oadrCancelPartyRegistration (N1_0030)
 * POST   /poll                                       poll now and drain the queue (rule 500)
 * POST   /events/{eventID}/opt?type=optIn|optOut     answer an event again via oadrCreatedEvent (rule 17)
 * POST   /events/{eventID}/eiopt?type=optIn|optOut   oadrCreateOpt for one event (P1_2020) -> {"optId"}
 * POST   /opt-schedules?type=&amp;start=&amp;duration=&amp;reason=  oadrCreateOpt availability (P1_2010) -> {"optId"}
 * DELETE /opt-schedules/{optID}                      oadrCancelOpt (P1_2040)
 * </pre>
 */
public final class VenControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VenControlServer.class);

    private final VenClient ven;
    private final byte[] token;
    private final HttpServer http;
    private final ExecutorService executor;

    private VenControlServer(VenClient ven, String token, HttpServer http, ExecutorService executor) {
        this.ven = ven;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.http = http;
        this.executor = executor;
    }

    /**
     * Starts the interface.
     *
     * @param ven   the VEN it drives
     * @param host  bind address ({@code 127.0.0.1} unless the operator chose otherwise)
     * @param port  port, 0 for any
     * @param token bearer token every request must carry; null or empty: none (loopback use only)
     */
    public static VenControlServer start(VenClient ven, String host, int port, String token) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("control port: must be 0..65535, was " + port);
        }
        ExecutorService ex = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "ven-control");
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(host, port), 16);
            VenControlServer c = new VenControlServer(ven, token, s, ex);
            s.createContext("/", c::handle);
            s.setExecutor(ex);
            s.start();
            LOG.info("VEN control interface on http://{}:{}", host, s.getAddress().getPort());
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
                LOG.warn("VEN control: request without a valid bearer token from {} refused", x.getRemoteAddress());
                send(x, 401, Map.of("error", "bearer token required"));
                return;
            }
            x.getRequestBody().readNBytes(64 * 1024);
            String method = x.getRequestMethod();
            String path = x.getRequestURI().getRawPath().replaceAll("/+$", "");
            Map<String, String> q = query(x.getRequestURI().getRawQuery());
            try {
                send(x, 200, route(method, path, q));
            } catch (NotFound e) {
                send(x, 404, Map.of("error", e.getMessage()));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                send(x, 400, Map.of("error", String.valueOf(e.getMessage())));
            } catch (VenException e) {
                LOG.warn("VEN control: {} {} failed: {}", method, path, e.getMessage());
                Map<String, Object> err = new LinkedHashMap<>();
                err.put("error", String.valueOf(e.getMessage()));
                err.put("kind", e.kind().name());
                err.put("responseCode", e.responseCode());
                send(x, 502, err);
            }
        }
    }

    private Map<String, Object> route(String method, String path, Map<String, String> q) {
        String[] seg = path.isEmpty() ? new String[0] : path.substring(1).split("/");
        boolean post = "POST".equals(method);
        if ("GET".equals(method) && path.equals("/state")) {
            return VenState.of(ven);
        }
        if (post && path.equals("/register")) {
            boolean fresh = "true".equalsIgnoreCase(q.get("new"));
            var r = ven.registration().isEmpty() ? ven.start() : ven.register(fresh);
            return Map.of("venId", r.venId(), "registrationId", r.registrationId());
        }
        if (post && path.equals("/cancel-registration")) {
            ven.cancelRegistration();
            return Map.of("cancelled", true);
        }
        if (post && path.equals("/poll")) {
            ven.poll();
            return Map.of("polled", true);
        }
        if (post && seg.length == 3 && seg[0].equals("events") && seg[2].equals("opt")) {
            ven.respond(decode(seg[1]), opt(q));
            return Map.of("eventId", decode(seg[1]));
        }
        if (post && seg.length == 3 && seg[0].equals("events") && seg[2].equals("eiopt")) {
            return Map.of("optId", ven.createEventOpt(decode(seg[1]), opt(q), q.getOrDefault("reason", "participating")));
        }
        if (post && path.equals("/opt-schedules")) {
            Instant start = q.containsKey("start") ? Instant.parse(q.get("start")) : Instant.now().plusSeconds(3600);
            Duration d = Duration.parse(q.getOrDefault("duration", "PT1H"));
            String id = ven.createOptSchedule(opt(q), q.getOrDefault("reason", "x-schedule"), q.get("marketContext"),
                    List.of(new AvailabilityWindow(start, d)));
            return Map.of("optId", id);
        }
        if ("DELETE".equals(method) && seg.length == 2 && seg[0].equals("opt-schedules")) {
            ven.cancelOptSchedule(decode(seg[1]));
            return Map.of("cancelled", true);
        }
        throw new NotFound("no such control operation: " + method + " " + path);
    }

    private static OptType opt(Map<String, String> q) {
        String t = q.getOrDefault("type", "optOut");
        return switch (t) {
            case "optIn" -> OptType.OPT_IN;
            case "optOut" -> OptType.OPT_OUT;
            default -> throw new IllegalArgumentException("type: optIn or optOut, was " + t);
        };
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
        byte[] out = Json.write(body).getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, out.length);
        try (OutputStream os = x.getResponseBody()) {
            os.write(out);
        }
    }

    private static final class NotFound extends RuntimeException {
        NotFound(String m) {
            super(m, null, false, false);
        }
    }
}
