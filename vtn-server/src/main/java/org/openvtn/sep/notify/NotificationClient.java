package org.openvtn.sep.notify;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.schemas.SepCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of Notification delivery (IEEE 2030.5-2018 §5.6) shared by the single-process
 * {@link NotificationDispatcher} and the leased {@link LeasedNotificationDispatcher}: mutual TLS with the 2030.5
 * profile (TLS 1.2, TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8; §6.11), the server presenting its own certificate, keep-alive
 * connections, the notificationURI host rule of the {@link DeliveryPolicy}.
 */
final class NotificationClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.sep.notify");

    private final HttpClient http;
    private final DeliveryPolicy policy;

    NotificationClient(TlsConfig tls, DeliveryPolicy policy) {
        this.policy = policy;
        // A notification listener is a device: IEEE 2030.5 identifies it by its certificate chain (SERCA),
        // not by a host name. The server-role context of the 2030.5 profile carries the same key, trust
        // anchors, chain checks, suites and groups without host name verification; Jetty switches its
        // engines to client mode.
        TlsFactory factory = TlsFactory.of(tls);
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setSslContext(factory.serverSslContext());
        ssl.setIncludeProtocols(factory.protocols());
        ssl.setExcludeProtocols("SSLv2Hello", "SSLv3", "TLSv1", "TLSv1.1");
        ssl.setIncludeCipherSuites(factory.cipherSuites());
        ssl.setExcludeCipherSuites();
        ssl.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        QueuedThreadPool threads = new QueuedThreadPool(policy.clientThreads(), 2);
        threads.setName("sep-notify-http");
        threads.setDaemon(true);
        connector.setExecutor(threads);
        http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        http.setMaxConnectionsPerDestination(policy.connectionsPerHost());
        http.setFollowRedirects(false);
        http.setSocketAddressResolver(new TargetFilteringResolver(
                new org.eclipse.jetty.util.SocketAddressResolver.Sync(), policy.targets()));
        http.setConnectTimeout(policy.requestTimeout().toMillis());
        http.setIdleTimeout(60_000);
        try {
            http.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the notification client: " + e.getMessage(), e);
        }
    }

    /**
     * POSTs one Notification; {@code done} receives null after a 2xx answer, else why the attempt failed (it runs
     * on an HTTP client thread, or on the caller's when the request cannot even start).
     */
    void post(long subscriptionId, String notificationUri, byte[] body, BiConsumer<Integer, String> done) {
        WIRE.debug("POST {} (subscription {}) -> {}", notificationUri, subscriptionId,
                new String(body, java.nio.charset.StandardCharsets.UTF_8));
        URI target = URI.create(notificationUri);
        if (!"https".equalsIgnoreCase(target.getScheme()) && !policy.targets().plainHttpAllowed(target.getHost())) {
            // a subscription stored under --allow-http-notify-loopback, delivered by a server without it
            done.accept(0, "plain http notificationURI not allowed by this server (https with mutual TLS only)");
            return;
        }
        try {
            http.newRequest(notificationUri).method("POST")
                    .timeout(policy.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .body(new BytesRequestContent(SepCodec.CONTENT_TYPE, body))
                    .send(result -> {
                        int status = result.getResponse() == null ? 0 : result.getResponse().getStatus();
                        if (result.isSucceeded() && status >= 200 && status < 300) {
                            done.accept(status, null);
                        } else {
                            done.accept(status, result.getFailure() != null ? result.getFailure().toString()
                                    : "HTTP " + status);
                        }
                    });
        } catch (RuntimeException e) {
            done.accept(0, e.toString());
        }
    }

    @Override
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("stopping the notification client failed: {}", e.toString());
        }
    }
}
