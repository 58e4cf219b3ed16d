package org.openvtn.ven.control;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.ven.AvailabilityWindow;
import org.openvtn.ven.OptType;
import org.openvtn.ven.VenClient;
import org.openvtn.ven.VenException;
import org.openvtn.control.ControlHttpServer;
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
    private final ControlHttpServer http;

    private VenControlServer(VenClient ven, String host, int port, String token) {
        this.ven = ven;
        this.http = ControlHttpServer.start("VEN", this::answer, host, port, token);
    }

    /**
     * Starts the interface.
     *
     * @param ven the VEN it drives
     * @param host   bind address ({@code 127.0.0.1} unless the operator chose otherwise)
     * @param port   port, 0 for any
     * @param token  bearer token every request must carry; null or empty: none (loopback use only)
     * @throws IllegalStateException when it cannot listen
     */
    public static VenControlServer start(VenClient ven, String host, int port, String token) {
        return new VenControlServer(ven, host, port, token);
    }

    /** The bound port. */
    public int port() {
        return http.port();
    }

    @Override
    public void close() {
        http.close();
    }

    private Map<String, Object> answer(String method, String path, Map<String, String> q) {
        try {
            return route(method, path, q);
        } catch (VenException e) {
            LOG.warn("VEN control: {} {} failed: {}", method, path, e.getMessage());
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", String.valueOf(e.getMessage()));
            err.put("kind", e.kind().name());
            err.put("responseCode", e.responseCode());
            throw new ControlHttpServer.Answer(502, err);
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
            ven.respond(ControlHttpServer.decode(seg[1]), opt(q));
            return Map.of("eventId", ControlHttpServer.decode(seg[1]));
        }
        if (post && seg.length == 3 && seg[0].equals("events") && seg[2].equals("eiopt")) {
            return Map.of("optId", ven.createEventOpt(ControlHttpServer.decode(seg[1]), opt(q), q.getOrDefault("reason", "participating")));
        }
        if (post && path.equals("/opt-schedules")) {
            Instant start = q.containsKey("start") ? Instant.parse(q.get("start")) : Instant.now().plusSeconds(3600);
            Duration d = Duration.parse(q.getOrDefault("duration", "PT1H"));
            String id = ven.createOptSchedule(opt(q), q.getOrDefault("reason", "x-schedule"), q.get("marketContext"),
                    List.of(new AvailabilityWindow(start, d)));
            return Map.of("optId", id);
        }
        if ("DELETE".equals(method) && seg.length == 2 && seg[0].equals("opt-schedules")) {
            ven.cancelOptSchedule(ControlHttpServer.decode(seg[1]));
            return Map.of("cancelled", true);
        }
        throw ControlHttpServer.Answer.noSuchOperation(method, path);
    }

    private static OptType opt(Map<String, String> q) {
        String t = q.getOrDefault("type", "optOut");
        return switch (t) {
            case "optIn" -> OptType.OPT_IN;
            case "optOut" -> OptType.OPT_OUT;
            default -> throw new IllegalArgumentException("type: optIn or optOut, was " + t);
        };
    }
}
