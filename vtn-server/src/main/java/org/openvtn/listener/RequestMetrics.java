package org.openvtn.listener;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Times every request of one listener into the timer {@code openvtn.requests} (Prometheus
 * {@code openvtn_requests_seconds_*}, a histogram for percentiles) tagged {@code protocol}, {@code service} and
 * {@code code} (issue #19, docs/metrics.md). The protocol handler names the service and the protocol's result code
 * through the request attributes {@link #SERVICE} and {@link #CODE}; without them the service is {@code other} and
 * the code is the HTTP status. Tags never carry a caller's identity or a raw path, so the number of series stays
 * bounded by the route tables.
 */
public final class RequestMetrics extends Handler.Wrapper {
    /** Meter name. */
    public static final String METER = "openvtn.requests";
    /** Request attribute: the bounded service name (an OpenADR endpoint, a 2030.5 or admin route template). */
    public static final String SERVICE = "org.openvtn.metrics.service";
    /** Request attribute (Integer): the protocol's result code when it is not the HTTP status (OpenADR responseCode). */
    public static final String CODE = "org.openvtn.metrics.code";
    /** Service tag of a request no route matched. */
    public static final String OTHER = "other";

    private final MeterRegistry registry;
    private final String protocol;
    /** One timer per (service, code): building and registering a Timer per request cost ~4 % of an idle poll. */
    private final ConcurrentHashMap<Key, Timer> timers = new ConcurrentHashMap<>();

    private record Key(String service, int code) {
    }

    /**
     * @param handler  the listener's handler
     * @param registry where the timers live
     * @param protocol the {@code protocol} tag: {@code oadr20b}, {@code ieee2030.5} or {@code admin}
     */
    public RequestMetrics(Handler handler, MeterRegistry registry, String protocol) {
        super(handler);
        this.registry = registry;
        this.protocol = protocol;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        Callback timed = new Callback() {
            @Override
            public void succeeded() {
                record(request, response.getStatus(), start);
                callback.succeeded();
            }

            @Override
            public void failed(Throwable x) {
                record(request, response.isCommitted() ? response.getStatus() : 500, start);
                callback.failed(x);
            }

            @Override
            public InvocationType getInvocationType() {
                return callback.getInvocationType();
            }
        };
        boolean handled = super.handle(request, response, timed);
        if (!handled) {
            record(request, 404, start); // Jetty answers 404 for the listener
        }
        return handled;
    }

    private void record(Request request, int status, long start) {
        Object service = request.getAttribute(SERVICE);
        Object code = request.getAttribute(CODE);
        timer(service instanceof String s ? s : OTHER, code instanceof Integer c ? c : status)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(String service, int code) {
        return timers.computeIfAbsent(new Key(service, code), k -> register(k.service(), k.code()));
    }

    private Timer register(String service, int code) {
        return Timer.builder(METER)
                .description("Requests answered by a listener, by protocol, service and result code")
                .tag("protocol", protocol)
                .tag("service", service)
                .tag("code", Integer.toString(code))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }
}
