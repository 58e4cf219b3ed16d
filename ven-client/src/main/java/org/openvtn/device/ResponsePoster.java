package org.openvtn.device;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.Set;

import org.openvtn.certs.identity.LogSafe;
import org.openvtn.device.engine.EventView;
import org.openvtn.device.engine.ResponseSink;
import org.openvtn.device.transport.SepHttpClient;
import org.openvtn.device.walk.SepFetcher;
import org.openvtn.schemas.sep.DERControlResponse;
import org.openvtn.schemas.sep.DrResponse;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.Response;
import org.openvtn.schemas.sep.TimeType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's {@link ResponseSink}: queues what the engine decides to send and POSTs it, after the engine call
 * returns, on the client's worker thread, to the event's replyTo (IEEE 2030.5-2018 §10.10.5 DERControlResponse,
 * §10.3 DrResponse; Response function set §6.8). Transport failures are retried on later drains (bounded); a
 * refusal (4xx) is logged once and dropped. Internal; confined to the worker thread.
 */
final class ResponsePoster implements ResponseSink {
    private static final Logger LOG = LoggerFactory.getLogger(ResponsePoster.class);
    private static final int MAX_ATTEMPTS = 5;
    private static final int MAX_QUEUED = 1000;

    private record Pending(EventView event, int status, Instant at, int attempts) {
    }

    private final SepFetcher fetch;
    private final byte[] lfdi;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private volatile Set<String> drPrograms = Set.of();
    private int sent;

    ResponsePoster(SepFetcher fetch, byte[] lfdi) {
        this.fetch = fetch;
        this.lfdi = lfdi.clone();
    }

    /** The DemandResponseProgram hrefs of the latest walk (their events are answered with DrResponse). */
    void drPrograms(Set<String> hrefs) {
        this.drPrograms = Set.copyOf(hrefs);
    }

    @Override
    public void send(EventView event, int status, Instant at) {
        if (event.replyTo() == null || event.replyTo().isEmpty()) {
            return;
        }
        if (queue.size() >= MAX_QUEUED) {
            LOG.warn("response queue full ({}); dropping status {} for {}", MAX_QUEUED, status, event.href());
            return;
        }
        queue.add(new Pending(event, status, at, 0));
    }

    /** How many Responses the server accepted. */
    int sent() {
        return sent;
    }

    /** POSTs everything queued; failed transports stay queued for the next drain. */
    void drain() {
        int n = queue.size();
        for (int i = 0; i < n; i++) {
            Pending p = queue.poll();
            if (p == null) {
                return;
            }
            try {
                SepHttpClient.Reply r = fetch.post(path(p.event().replyTo()), response(p));
                if (r.status() >= 200 && r.status() < 300) {
                    sent++;
                    LOG.debug("response {} for {} accepted: {}", p.status(), p.event().href(), r.status());
                } else {
                    LOG.warn("server refused Response status {} for event {} at {}: HTTP {}", p.status(),
                            LogSafe.text(p.event().mrid()), LogSafe.text(p.event().replyTo()), r.status());
                }
            } catch (SepDeviceException e) {
                if (p.attempts() + 1 < MAX_ATTEMPTS) {
                    queue.add(new Pending(p.event(), p.status(), p.at(), p.attempts() + 1));
                } else {
                    LOG.warn("Response status {} for event {} not delivered after {} attempts: {}", p.status(),
                            LogSafe.text(p.event().mrid()), MAX_ATTEMPTS, e.getMessage());
                }
            }
        }
    }

    private Response response(Pending p) {
        Response r = drPrograms.contains(p.event().programHref()) ? new DrResponse() : new DERControlResponse();
        TimeType t = new TimeType();
        t.setValue(p.at().getEpochSecond());
        r.setCreatedDateTime(t);
        r.setEndDeviceLFDI(lfdi.clone());
        r.setStatus((short) p.status());
        MRIDType m = new MRIDType();
        m.setValue(HexFormat.of().parseHex(p.event().mrid()));
        r.setSubject(m);
        return r;
    }

    static String path(String uri) {
        if (uri.startsWith("/")) {
            return uri;
        }
        java.net.URI u = java.net.URI.create(uri);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }
}
