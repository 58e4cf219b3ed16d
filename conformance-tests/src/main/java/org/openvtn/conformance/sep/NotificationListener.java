package org.openvtn.conformance.sep;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.http.ArrivalLog;
import org.openvtn.conformance.http.SuiteListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server the suite runs to receive IEEE 2030.5 Notifications (§5.5 / §6.2 Subscription/Notification;
 * CSIP CORE-018/019): mutual TLS with the 2030.5 profile (TLS 1.2, CCM_8, the device's certificate), POSTs to
 * {@code /ntfy/...} are recorded with the negotiated TLS parameters and answered {@code 201 Created}; anything
 * else is 404/405. Cases await what they expect with a timeout (no sleeping) and turn each received
 * notification into an {@link Exchange} with direction {@code target->suite}.
 */
public final class NotificationListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
    private static final int MAX_BODY = 256 * 1024;

    /** Direction of a message the target sent to the suite. */
    public static final String TARGET_TO_SUITE = "target->suite";

    /**
     * One POST received.
     *
     * @param exchange the evidence (direction target->suite, status answered)
     * @param path     request path, e.g. {@code /ntfy/3}
     * @param contentType the request's Content-Type (null if none)
     */
    public record Received(Exchange exchange, String path, String contentType) {
        public String body() {
            return exchange.requestBody();
        }
    }

    private Server server; // set once by start(), before the listener is handed out
    private ServerConnector connector;
    private final String host;
    private final Clock clock;
    private final ArrivalLog<Received> received = new ArrivalLog<>();

    private NotificationListener(String host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /**
     * Starts the listener.
     *
     * @param tls  server TLS configuration (2030.5 profile; the device's key; trusts the target's CA)
     * @param host address to bind and to advertise in notificationURIs
     * @param port port, 0 for any
     */
    public static NotificationListener start(TlsConfig tls, String host, int port, Clock clock) {
        NotificationListener l = new NotificationListener(host, clock);
        SuiteListener.Started st = SuiteListener.start(tls, host, port, l.new Receiver(), "notification listener");
        l.server = st.server();
        l.connector = st.connector();
        LOG.info("2030.5 notification listener on {}", l.uri(""));
        return l;
    }

    /** The URI to give the target as notificationURI, e.g. {@code https://127.0.0.1:PORT/ntfy/sub-1}. */
    public URI uri(String name) {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return URI.create("https://" + h + ":" + connector.getLocalPort() + "/ntfy/" + name);
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return received.all();
    }

    /**
     * Waits until a received POST matches (including ones that arrived before the call), at most {@code timeout}.
     *
     * @return the first match, or empty after the timeout
     */
    public Optional<Received> await(Predicate<Received> match, Duration timeout) throws InterruptedException {
        return received.await(0, match, timeout);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the notification listener failed: {}", e.toString());
        }
    }

    private final java.util.Set<String> disabled = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Simulates a communication loss for one notificationURI (CSIP-AUS S-ALL-46): until {@link #enable}, POSTs to
     * {@code /ntfy/{name}} are answered 503 Service Unavailable and not recorded as received.
     */
    public void disable(String name) {
        disabled.add("/ntfy/" + name);
    }

    /** Ends {@link #disable}: the name's POSTs are accepted and recorded again. */
    public void enable(String name) {
        disabled.remove("/ntfy/" + name);
    }

    /** @return POSTs refused while their name was disabled */
    public int refused() {
        return refused.get();
    }

    private void add(Received r) {
        received.add(r);
    }

    private final class Receiver extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Instant at = clock.instant();
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            TlsInfo tls = SuiteListener.tls(request);
            String body = "";
            int status;
            if (!path.startsWith("/ntfy/")) {
                status = 404;
            } else if (!"POST".equals(method)) {
                status = 405;
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
            } else if (disabled.contains(path)) {
                SuiteListener.readBody(request, MAX_BODY);
                refused.incrementAndGet();
                response.setStatus(503);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                callback.succeeded();
                return true;
            } else {
                SuiteListener.Body read = SuiteListener.readBody(request, MAX_BODY);
                body = read.text();
                status = read.status() == 200 ? 201 : read.status();
            }
            String url = "https://" + host + ":" + connector.getLocalPort() + path;
            Exchange ex = new Exchange("Notification " + path, TARGET_TO_SUITE, method, url, at, body,
                    clock.instant(), status, "", tls, null);
            add(new Received(ex, path, request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            callback.succeeded();
            return true;
        }
    }
}
