package org.openvtn.conformance.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.TlsInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suite's HTTPS client: HTTP/1.1 over a plain {@link SSLSocket} from any {@link SSLContext} (the JDK
 * provider for OpenADR 2.0b, Bouncy Castle JSSE for the IEEE 2030.5 CCM_8 profile), so that every exchange
 * becomes evidence: what was sent and when, what came back and when, and what TLS negotiated (protocol, cipher
 * suite, the peer's leaf certificate).
 *
 * <p>{@link #send} never throws for an HTTP status or a transport problem: a refused connection, a failed
 * handshake (e.g. the target rejects a client without a certificate) or a timeout is recorded in
 * {@link Exchange#error()}; a conformance case decides whether that is the expected outcome. Connections are
 * kept alive and reused per host and port until the target closes them or {@link #disconnect()} is called; a
 * reused connection that turns out to be stale before any response byte arrived is replaced once.
 *
 * <p>Plain {@code http} URLs are accepted too (no TLS evidence), e.g. for a test double. Protocol messages
 * are logged on the {@code org.openvtn.wire.conformance} logger at DEBUG.
 */
public final class HttpsProbe implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpsProbe.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.conformance");

    /** Suite to target. */
    public static final String SUITE_TO_TARGET = "suite->target";

    private final SSLSocketFactory sockets;
    private final SSLParameters parameters;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Deque<HttpConnection>> idle = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private volatile boolean closed;

    private HttpsProbe(SSLContext context, SSLParameters parameters, Duration timeout, Clock clock) {
        this.sockets = context == null ? null : context.getSocketFactory();
        this.parameters = parameters;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout: must be > 0, was " + timeout);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A probe using the system UTC clock for evidence timestamps.
     *
     * @param context    client context, e.g. {@code TlsFactory.of(config).clientSslContext()} (its sockets
     *                   already carry the profile's protocols and suites); null allows only {@code http} URLs
     * @param parameters applied to every socket before the handshake when not null (overrides the context's
     *                   protocols, suites, endpoint identification)
     * @param timeout    connect timeout and read timeout of each exchange
     */
    public static HttpsProbe create(SSLContext context, SSLParameters parameters, Duration timeout) {
        return create(context, parameters, timeout, Clock.systemUTC());
    }

    /** As {@link #create(SSLContext, SSLParameters, Duration)} with the clock that stamps the evidence. */
    public static HttpsProbe create(SSLContext context, SSLParameters parameters, Duration timeout, Clock clock) {
        return new HttpsProbe(context, parameters, timeout, clock);
    }

    /**
     * Sends one request and returns the evidence; never throws for HTTP or transport errors.
     *
     * @param label       what the exchange is for (e.g. {@code oadrQueryRegistration})
     * @param method      HTTP method
     * @param url         https (or http) URL
     * @param contentType request content type; null sends no Content-Type
     * @param body        request body, null for none
     */
    public Exchange send(String label, String method, URI url, String contentType, String body) {
        return exchange(label, method, url, Map.of(), contentType, body).exchange();
    }

    /**
     * Sends one request with extra request headers (e.g. {@code Accept}) and returns the evidence together
     * with the response headers; never throws for HTTP or transport errors.
     */
    public ProbeResponse exchange(String label, String method, URI url, Map<String, String> headers,
                                  String contentType, String body) {
        Instant sent = clock.instant();
        String requestBody = body == null ? "" : body;
        if (closed) {
            return failed(label, method, url, sent, requestBody, null, "IllegalStateException: probe is closed");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            return failed(label, method, url, sent, requestBody, null,
                    "IllegalArgumentException: not an absolute http(s) URL: " + url);
        }
        boolean tls = scheme.equals("https");
        if (tls && sockets == null) {
            return failed(label, method, url, sent, requestBody, null,
                    "IllegalStateException: no SSLContext configured for an https URL");
        }
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String key = scheme + "://" + url.getHost() + ":" + port;
        byte[] request = HttpCodec.request(method, url, port, tls, headers, contentType, body);
        WIRE.debug("{} {} {} >>\n{}", label, method, url, requestBody);

        for (int attempt = 0; ; attempt++) {
            HttpConnection conn = attempt == 0 ? idleConnection(key) : null;
            boolean reused = conn != null;
            try {
                if (conn == null) {
                    conn = open(url.getHost(), port, tls);
                }
            } catch (HandshakeFailure e) {
                return failed(label, method, url, sent, requestBody, null, e.getMessage());
            } catch (IOException | RuntimeException e) {
                return failed(label, method, url, sent, requestBody, null, describe(e));
            }
            HttpCodec.Response response;
            try {
                conn.out().write(request);
                conn.out().flush();
                response = HttpCodec.readResponse(conn.in(), method);
            } catch (HttpCodec.NoResponseException e) {
                conn.close();
                if (reused) {
                    LOG.debug("stale keep-alive connection to {}, reconnecting: {}", key, e.getMessage());
                    continue;
                }
                return failed(label, method, url, sent, requestBody, conn.tls(), describe(e.getCause() != null
                        ? e.getCause() : e));
            } catch (IOException | RuntimeException e) {
                conn.close();
                return failed(label, method, url, sent, requestBody, conn.tls(), describe(e));
            }
            Instant received = clock.instant();
            if (response.keepAlive() && !closed) {
                idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>()).push(conn);
            } else {
                conn.close();
            }
            String text = new String(response.body(), StandardCharsets.UTF_8);
            WIRE.debug("{} {} {} << {}\n{}", label, method, url, response.status(), text);
            Exchange ex = new Exchange(label, SUITE_TO_TARGET, method, url.toString(), sent, requestBody, received,
                    response.status(), text, conn.tls(), null);
            return new ProbeResponse(ex, response.headers());
        }
    }

    /** How many connections (TLS handshakes, for https) this probe has opened so far. */
    public int connectionsOpened() {
        return opened.get();
    }

    /** Closes the idle connections; the next request connects (and handshakes) anew. */
    public void disconnect() {
        for (Deque<HttpConnection> q : idle.values()) {
            HttpConnection c;
            while ((c = q.poll()) != null) {
                c.close();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        disconnect();
    }

    private HttpConnection idleConnection(String key) {
        Deque<HttpConnection> q = idle.get(key);
        if (q == null) {
            return null;
        }
        HttpConnection c;
        while ((c = q.poll()) != null) {
            if (!c.socket().isClosed() && !c.socket().isInputShutdown()) {
                return c;
            }
            c.close();
        }
        return null;
    }

    private HttpConnection open(String host, int port, boolean tls) throws IOException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            plain.setTcpNoDelay(true);
            opened.incrementAndGet();
            if (!tls) {
                return new HttpConnection(plain, null);
            }
            SSLSocket s = (SSLSocket) sockets.createSocket(plain, host, port, true);
            if (parameters != null) {
                s.setSSLParameters(parameters);
            }
            s.setSoTimeout(millis);
            try {
                s.startHandshake();
            } catch (IOException | RuntimeException e) {
                closeQuietly(s);
                throw new HandshakeFailure("TLS handshake with " + host + ":" + port + " failed: " + describe(e), e);
            }
            return new HttpConnection(s, tlsInfo(s.getSession()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    /** The negotiated parameters of a session as evidence. */
    public static TlsInfo tlsInfo(SSLSession session) {
        String subject = null;
        String pem = null;
        try {
            Certificate[] peer = session.getPeerCertificates();
            if (peer.length > 0 && peer[0] instanceof X509Certificate leaf) {
                subject = leaf.getSubjectX500Principal().getName();
                pem = pem(leaf);
            }
        } catch (SSLPeerUnverifiedException e) {
            // no peer certificate: leave null
        }
        return new TlsInfo(session.getProtocol(), session.getCipherSuite(), subject, pem);
    }

    /** PEM text of a certificate (64-character lines). */
    public static String pem(X509Certificate certificate) {
        try {
            String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(certificate.getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            return null;
        }
    }

    private Exchange failedExchange(String label, String method, URI url, Instant sent, String requestBody,
                                    TlsInfo tls, String error) {
        LOG.debug("{} {} {} failed: {}", label, method, url, error);
        return new Exchange(label, SUITE_TO_TARGET, method, url.toString(), sent, requestBody, null, 0, "", tls,
                error);
    }

    private ProbeResponse failed(String label, String method, URI url, Instant sent, String requestBody, TlsInfo tls,
                                 String error) {
        return new ProbeResponse(failedExchange(label, method, url, sent, requestBody, tls, error),
                new LinkedHashMap<>());
    }

    /** Exception type and messages of the cause chain, e.g. {@code SSLHandshakeException: ...: ...}. */
    static String describe(Throwable e) {
        StringBuilder sb = new StringBuilder(e.getClass().getSimpleName());
        if (e.getMessage() != null) {
            sb.append(": ").append(e.getMessage());
        }
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) {
                sb.append(": ").append(c.getMessage());
            }
        }
        return sb.toString();
    }

    /** The TLS handshake failed (the message says so, then the cause chain). */
    private static final class HandshakeFailure extends IOException {
        HandshakeFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing after a failure
        }
    }
}
