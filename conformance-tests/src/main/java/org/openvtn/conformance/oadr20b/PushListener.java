package org.openvtn.conformance.oadr20b;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
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
import org.openvtn.schemas.OadrCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push VEN's own HTTPS endpoint (OpenADR 2.0b profile 9.1.2: a push VEN serves
 * {@code <oadrTransportAddress>/OpenADR2/Simple/2.0b/<service>}): mutual TLS with the OpenADR 2.0b profile, the
 * suite's VEN certificate as server certificate, the target's CA as trust anchor, client certificate required.
 * Every POST is answered synchronously by the responder the harness installs and kept, with the TLS parameters
 * of its connection (the caller's certificate among them), as evidence with direction {@code target->suite}.
 * Cases await what they expect with a timeout (no sleeping).
 */
public final class PushListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PushListener.class);
    private static final int MAX_BODY = 1024 * 1024;

    /** Direction of a message the VTN pushed to the suite. */
    public static final String TARGET_TO_SUITE = "target->suite";

    /**
     * One push received.
     *
     * @param exchange evidence: the pushed payload as request, the suite's answer as response
     * @param service  last path segment, e.g. {@code EiEvent}
     * @param seq      arrival number, from 0
     */
    public record Received(Exchange exchange, String service, int seq) {
        public String body() {
            return exchange.requestBody();
        }
    }

    private Server server; // set once by start(), before the listener is handed out
    private ServerConnector connector;
    private final String host;
    private final Clock clock;
    private final ArrivalLog<Received> received = new ArrivalLog<>();
    private volatile Function<String, String> responder = body -> "";
    private volatile int cursor;
    private int checked;

    private PushListener(String host, Clock clock) {
        this.host = host;
        this.clock = clock;
    }

    /**
     * Starts the listener.
     *
     * @param tls  server TLS configuration (OpenADR 2.0b profile, the VEN's key, the target's CA)
     * @param host address to bind
     * @param port port, 0 for any
     */
    public static PushListener start(TlsConfig tls, String host, int port, Clock clock) {
        PushListener l = new PushListener(host, clock);
        SuiteListener.Started st = SuiteListener.start(tls, host, port, l.new Receiver(), "push listener");
        l.server = st.server();
        l.connector = st.connector();
        LOG.info("2.0b push listener on {}", l.localUrl());
        return l;
    }

    /** {@code https://host:port} as bound. */
    public String localUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "https://" + h + ":" + connector.getLocalPort();
    }

    /** Installs the function that turns a pushed payload into the synchronous answer (empty: HTTP 200, no body). */
    public void responder(Function<String, String> r) {
        responder = r;
    }

    /** Everything received so far, in arrival order. */
    public List<Received> received() {
        return received.all();
    }

    /** Number of pushes received so far (a case awaits only pushes with a higher {@link Received#seq()}). */
    public int count() {
        return received.count();
    }

    /** The first push a case working like a polling VEN has not consumed yet ({@link OadrPushHarness#next}). */
    public int cursor() {
        return cursor;
    }

    public void cursor(int next) {
        cursor = next;
    }

    /**
     * Claims the pushes up to and including {@code seq} that nobody has checked yet, in arrival order, so that each
     * push goes through the rules once and in the order the VTN sent it.
     */
    public synchronized List<Received> claimUpTo(int seq) {
        List<Received> all = received();
        List<Received> out = new ArrayList<>();
        for (int i = checked; i <= seq && i < all.size(); i++) {
            out.add(all.get(i));
        }
        checked = Math.max(checked, Math.min(seq + 1, all.size()));
        return out;
    }

    /** Waits until a push from number {@code from} on matches, at most {@code timeout}; empty after the timeout. */
    public Optional<Received> await(int from, Predicate<Received> match, Duration timeout) throws InterruptedException {
        return received.await(from, match, timeout);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the push listener failed: {}", e.toString());
        }
    }

    private void add(Exchange ex, String service) {
        received.add(n -> new Received(ex, service, n));
    }

    private final class Receiver extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Instant at = clock.instant();
            String path = Request.getPathInContext(request);
            TlsInfo tls = SuiteListener.tls(request);
            String body = "";
            String answer = "";
            int status;
            if (!"POST".equals(request.getMethod())) {
                status = 405;
                response.getHeaders().put(HttpHeader.ALLOW, "POST");
            } else {
                SuiteListener.Body read = SuiteListener.readBody(request, MAX_BODY);
                body = read.text();
                status = read.status();
                if (status == 200) {
                    try {
                        answer = responder.apply(body);
                    } catch (RuntimeException e) {
                        LOG.warn("push answer failed: {}", e.toString());
                        answer = "";
                    }
                }
            }
            String service = path.substring(path.lastIndexOf('/') + 1);
            Exchange ex = new Exchange("push " + service, TARGET_TO_SUITE, request.getMethod(), localUrl() + path, at,
                    body, clock.instant(), status, answer, tls, null);
            add(ex, service);
            response.setStatus(status);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            if (out.length > 0) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, OadrCodec.CONTENT_TYPE);
            }
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, out.length);
            response.write(true, java.nio.ByteBuffer.wrap(out), callback);
            return true;
        }
    }
}
