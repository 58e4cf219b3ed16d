package org.openvtn.oadr20b.push;

import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.client.BufferingResponseListener;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.Scheduler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openvtn.certs.identity.OadrFingerprint;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.sep.notify.TargetFilteringResolver;

/**
 * The mutual-TLS HTTP client of the push exchange model (issue #14): the VTN's own certificate and trust anchors,
 * the OpenADR 2.0b suites (the listener's {@link TlsFactory}), and the VEN identified by its certificate: after the
 * handshake the server certificate's OpenADR fingerprint must equal the registered VEN's (2.0b profile 10; VEN
 * certificates carry no host names, so there is no host name check). A mismatch fails the connection before any
 * byte of the payload is sent.
 */
final class PushClient implements AutoCloseable {

    /** An answer: HTTP status and body (possibly empty). */
    record Reply(int status, byte[] body) {
    }

    /** A failed attempt, with a message fit for the admin API. */
    static final class PushException extends Exception {
        PushException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final HttpClient http;
    private final PushConfig config;
    /** host:port whose last handshake presented another certificate than the expected VEN's. */
    private final java.util.Set<String> mismatched = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** host:port -> fingerprint of the VEN expected there; set before each attempt. */
    private final Map<String, String> expected = new ConcurrentHashMap<>();
    /** fingerprint -> the certificate that VEN presented last (to verify its signed answers). */
    private final Map<String, X509Certificate> presented = new ConcurrentHashMap<>();
    /** fingerprint -> the VTN certificate the last session with that VEN used (RSA or ECC). */
    private final Map<String, X509Certificate> local = new ConcurrentHashMap<>();

    PushClient(TlsFactory tls, PushConfig config) {
        this.config = config;
        // The server-role context carries the VTN's key, trust anchors, chain and revocation checks without host
        // name verification; Jetty switches its engines to client mode (as the 2030.5 notification client does).
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setSslContext(tls.serverSslContext());
        ssl.setIncludeProtocols(tls.protocols());
        ssl.setExcludeProtocols("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        ssl.setIncludeCipherSuites(tls.cipherSuites());
        ssl.setExcludeCipherSuites();
        ssl.setEndpointIdentificationAlgorithm(null);
        ssl.setHostnameVerifier((host, session) -> venMatches(session));
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        // non-blocking exchanges: a few threads serve every push in flight (TLS, HTTP parsing, completions)
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(8, Runtime.getRuntime().availableProcessors() * 4), 2);
        threads.setName("oadr-push-http");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(1);
        http.setFollowRedirects(false);
        http.setSocketAddressResolver(new TargetFilteringResolver(new SocketAddressResolver.Sync(), config.targets(),
                "2.0b push", "push.allowedHosts"));
        http.setConnectTimeout(config.connectTimeout().toMillis());
        // Closes pooled connections soon after their delivery, so a fan-out to many VENs keeps few idle sockets
        // open (the request's own idle timeout applies while an exchange runs).
        http.setIdleTimeout(config.connectTimeout().toMillis());
        http.setMaxRequestsQueuedPerDestination(16);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the 2.0b push client: " + e.getMessage(), e);
        }
    }

    /**
     * POSTs one payload without blocking; {@code done} runs once, on a client thread, with the answer or the failure.
     * A TCP connect fails after {@link PushConfig#connectTimeout()}; connect plus TLS handshake (until the request
     * is written) after {@link PushConfig#handshakeTimeout()}, so a VEN that accepts TCP and never answers the
     * handshake frees its slot early; the whole exchange is bounded by {@link PushConfig#requestTimeout()}.
     *
     * @param uri         service URL
     * @param fingerprint the registered VEN's certificate fingerprint
     * @param body        the (signed, when configured) oadrPayload
     * @param done        receives the reply, or null and a {@link PushException} on any transport failure,
     *                    including a VEN certificate that is not the registered one
     */
    void send(URI uri, String fingerprint, byte[] body, BiConsumer<Reply, PushException> done) {
        send(uri, fingerprint, body, done, true);
    }

    /**
     * @param mayRetry whether a failure on a connection the VEN closed, before any byte of the answer arrived, is
     *                 retried once at once (on a fresh connection: the closed one left the pool). A pooled keep-alive
     *                 connection the VEN closed while idle fails the next request with EOF; retrying here, not through
     *                 the dispatcher's backoff, sends the payload on the fresh connection once and only once.
     */
    private void send(URI uri, String fingerprint, byte[] body, BiConsumer<Reply, PushException> done,
                      boolean mayRetry) {
        String refusal = config.targets().refusal(uri.getHost());
        if (refusal != null) {
            done.accept(null, new PushException(refusal.replace("notificationURI", "oadrTransportAddress"), null));
            return;
        }
        String key = key(uri.getHost(), port(uri));
        // One VEN per transport host:port at a time (documented); connections are pooled per VEN (tag).
        expected.put(key, OadrFingerprint.normalize(fingerprint));
        mismatched.remove(key);
        try {
            // the request's bytes go out only once the TLS handshake is done, so "not committed" = "no handshake yet"
            AtomicBoolean committed = new AtomicBoolean();
            AtomicBoolean answered = new AtomicBoolean();
            org.eclipse.jetty.client.Request request = http.newRequest(uri);
            Scheduler.Task bound = http.getScheduler().schedule(() -> {
                if (!committed.get()) {
                    request.abort(new HandshakeTimeout());
                }
            }, config.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
            request.onRequestCommit(r -> committed.set(true)).onResponseBegin(r -> answered.set(true)).method("POST").tag(OadrFingerprint.normalize(fingerprint))
                    .headers(h -> h.put("Content-Type", OadrCodec.CONTENT_TYPE))
                    .body(new BytesRequestContent(OadrCodec.CONTENT_TYPE, body))
                    .timeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .idleTimeout(config.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .send(new BufferingResponseListener(MAX_ANSWER_BYTES) {
                        @Override
                        public void onComplete(Result result) {
                            bound.cancel();
                            if (result.isFailed()) {
                                Throwable c = result.getFailure();
                                if (mayRetry && !answered.get() && closedByPeer(c) && !mismatched.contains(key)) {
                                    send(uri, fingerprint, body, done, false);
                                    return;
                                }
                                // the refused handshake can surface as the verification failure or as the closed connection
                                String why = mismatched.remove(key) ? MISMATCH
                                        : c instanceof HandshakeTimeout ? "no TLS handshake within "
                                                + config.handshakeTimeout()
                                        : c instanceof TimeoutException ? "no answer within " + config.requestTimeout()
                                        : describe(c);
                                done.accept(null, new PushException(why, c));
                            } else {
                                byte[] content = getContent();
                                done.accept(new Reply(result.getResponse().getStatus(),
                                        content == null ? new byte[0] : content), null);
                            }
                        }
                    });
        } catch (RuntimeException e) {
            done.accept(null, new PushException(describe(e), e));
        }
    }

    /** The VEN closed the connection (typically an idle pooled one, just as it was reused). */
    private static boolean closedByPeer(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof java.io.EOFException || c instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /** The connect + handshake bound expired before the request could be written. */
    private static final class HandshakeTimeout extends Exception {
        HandshakeTimeout() {
            super("no TLS handshake", null, false, false);
        }
    }

    private boolean venMatches(SSLSession session) {
        String want = expected.get(key(session.getPeerHost(), session.getPeerPort()));
        if (want == null) {
            return false;
        }
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate leaf && OadrFingerprint.matches(leaf, want)) {
                presented.put(want, leaf);
                Certificate[] mine = session.getLocalCertificates();
                if (mine != null && mine.length > 0 && mine[0] instanceof X509Certificate c) {
                    local.put(want, c);
                }
                return true;
            }
            mismatched.add(key(session.getPeerHost(), session.getPeerPort()));
            return false;
        } catch (SSLPeerUnverifiedException e) {
            return false;
        }
    }

    /** @return the certificate the VEN with that fingerprint presented last, null when none yet */
    X509Certificate presented(String fingerprint) {
        return presented.get(OadrFingerprint.normalize(fingerprint));
    }

    /** @return the VTN certificate of the last session with that VEN, null before the first one */
    X509Certificate localCertificate(String fingerprint) {
        return local.get(OadrFingerprint.normalize(fingerprint));
    }

    /** Largest synchronous answer read (the bound the blocking client had). */
    private static final int MAX_ANSWER_BYTES = 2 << 20;

    private static final String MISMATCH = "the VEN's certificate is not the registered one (fingerprint mismatch)";

    private static String describe(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": "
                + t.getMessage();
        if (t instanceof javax.net.ssl.SSLPeerUnverifiedException || (m.contains("Host name verification failed"))) {
            return MISMATCH;
        }
        return m;
    }

    private static int port(URI u) {
        return u.getPort() < 0 ? 443 : u.getPort();
    }

    private static String key(String host, int port) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h + ":" + port;
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            // stopping: nothing to do
        }
    }
}
