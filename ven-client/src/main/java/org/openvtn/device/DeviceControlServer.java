package org.openvtn.device;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.openvtn.device.engine.EffectiveControl;
import org.openvtn.control.ControlHttpServer;

/**
 * The device automation interface (conformance-tests/README.md, "The device automation interface"): a small HTTP
 * API the {@code sep-client} conformance suite calls to observe the device's scheduling decisions and make it act,
 * so the suite runs unattended. Binds the loopback address unless told otherwise; with a token every request needs
 * {@code Authorization: Bearer <token>} (else 401). Parameters are query parameters; answers are JSON objects; a
 * 2030.5 failure of the device's own request answers 502 with the HTTP status and reasonCode it got.
 *
 * <pre>
 * GET  /state                    identity, EndDevice href, walks, polling, time offset, last error, effective controls
 * GET  /effective                the effective control per mode now: {mode: {value, multiplier, source, since, ramp?}}
 * POST /refresh                  walk the server now (as after a notification) and wait for it
 * POST /opt-out?event=HREF       the owner opts out of an event (the engine answers 4 when asked to)
 * POST /log-event?code=C[&amp;functionSet=F][&amp;id=I][&amp;details=D]   report an alarm as a LogEvent -> {"location"}
 * POST /der-status?genConnectStatus=G&amp;operationalModeStatus=O[&amp;stateOfCharge=S][&amp;storageModeStatus=M]
 *                                PUT a DERStatus now to each of the device's DERs the server lists (§10.10.4.5;
 *                                MUL-01; S hundredths of a percent, M 0 charging, 1 discharging, 2 holding: a
 *                                storage DER) -> {"reported": how many DERs}
 * POST /restart                  stop the device and start it again from its state file -> {"walks"} (404 when the
 *                                interface was started without a {@link Restarter})
 * POST /device-data              PUT the configured DeviceInformation, DERCapability, DERSettings, ... now -> {"sent"}
 * </pre>
 */
public final class DeviceControlServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DeviceControlServer.class);
    private volatile SepDeviceClient device;
    private final Restarter restarter;
    private final ControlHttpServer http;

    /**
     * Restarts the device as a power cycle would: closes {@code running} (its engine saves the state file) and
     * returns a new client of the same configuration, started (CSIP ERR-002, CSIP-AUS ALL-30).
     */
    @FunctionalInterface
    public interface Restarter {
        SepDeviceClient restart(SepDeviceClient running) throws Exception;
    }

    private DeviceControlServer(SepDeviceClient device, Restarter restarter, String host, int port, String token) {
        this.device = device;
        this.restarter = restarter;
        this.http = ControlHttpServer.start("device", this::answer, host, port, token);
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
        return new DeviceControlServer(device, null, host, port, token);
    }

    /** As {@link #start(SepDeviceClient, String, int, String)}, with {@code POST /restart} served by {@code restarter}. */
    public static DeviceControlServer start(SepDeviceClient device, Restarter restarter, String host, int port,
                                            String token) {
        return new DeviceControlServer(device, restarter, host, port, token);
    }

    /** The device driven now (a restart replaces it). */
    public SepDeviceClient device() {
        return device;
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
        } catch (SepDeviceException e) {
            Map<String, Object> err = new LinkedHashMap<>();
            err.put("error", String.valueOf(e.getMessage()));
            err.put("httpStatus", e.httpStatus());
            throw new ControlHttpServer.Answer(502, err);
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
            DerStatusReport r = new DerStatusReport(number(q, "genConnectStatus", -1, 255),
                    number(q, "operationalModeStatus", -1, 255), null, optional(q, "stateOfCharge", 10_000),
                    optional(q, "storageModeStatus", 2));
            device.reportDerStatus(0, r);
            int reported = 1;
            for (int der = 1; der < device.derCount(); der++) { // each DER its own (CSIP-AUS MUL-01)
                try {
                    device.reportDerStatus(der, r);
                    reported++;
                } catch (SepDeviceException e) {
                    LOG.info("DER {} status not reported: {}", der + 1, e.getMessage());
                }
            }
            return Map.of("reported", reported);
        }
        if (post && path.equals("/restart") && restarter != null) {
            synchronized (this) {
                try {
                    device = restarter.restart(device);
                } catch (SepDeviceException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException("restart failed: " + e.getMessage(), e);
                }
            }
            return Map.of("walks", device.walks());
        }
        if (post && path.equals("/device-data")) {
            try {
                return Map.of("sent", device.reportDeviceData());
            } catch (IllegalStateException none) {
                throw new IllegalArgumentException(none.getMessage());
            }
        }
        throw ControlHttpServer.Answer.noSuchOperation(method, path);
    }

    /** An optional query parameter 0..max; null when absent. */
    private static Integer optional(Map<String, String> q, String name, int max) {
        return q.containsKey(name) ? number(q, name, -1, max) : null;
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
            if (c.ramp() != null) {
                m.put("ramp", Map.of("element", c.ramp().kind().element(), "kind", c.ramp().kind().name(),
                        "value", c.ramp().value(), "origin", c.ramp().origin()));
            }
            out.put(c.mode(), m);
        }
        return out;
    }
}
