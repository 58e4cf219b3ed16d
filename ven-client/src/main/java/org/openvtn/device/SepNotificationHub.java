package org.openvtn.device;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.openvtn.certs.tls.TlsConfig;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.device.transport.NotificationServer;

/**
 * One notification listener for a fleet of device clients in one process (IEEE 2030.5-2018 §5.6.2): each client
 * subscribes with its own notificationURI {@code <base>/notify/<LFDI>} and the hub routes a POST to that client,
 * which still checks that the caller is the server it talks to and that the body is a valid Notification. One socket
 * and one TLS context instead of one per device keep 10,000 simulated devices within the port range and the heap.
 * The listener presents the certificate of {@code tlsConfig} (profile IEEE_2030_5: the caller must chain to the
 * SERCA). Devices keep their own identity on their own connections to the server.
 */
public final class SepNotificationHub implements AutoCloseable {
    private final NotificationServer server;
    private final String baseUrl;
    private final Map<String, NotificationServer.Handler> routes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();

    private SepNotificationHub(SepDeviceRuntime runtime, TlsConfig tls, String host, int port, String baseUrl,
                               int maxBytes) {
        this.server = NotificationServer.bindRouted(runtime.io(), TlsFactory.of(tls).nettyServerContext(), host, port,
                maxBytes, routes::get);
        this.baseUrl = baseUrl != null ? baseUrl : "https://" + (host.contains(":") && !host.startsWith("[")
                ? "[" + host + "]" : host) + ":" + server.port();
    }

    /**
     * Binds the shared listener.
     *
     * @param runtime the fleet's runtime (its I/O threads serve the listener)
     * @param tls     the listener's key material and trust anchors (the SERCA)
     * @param host    address to bind
     * @param port    port to bind, 0 for any
     * @param baseUrl how the server reaches the listener ({@code https://host:port}); null: from host and bound port
     * @throws IllegalStateException when the address cannot be bound
     */
    public static SepNotificationHub bind(SepDeviceRuntime runtime, TlsConfig tls, String host, int port,
                                          String baseUrl) {
        return new SepNotificationHub(runtime, tls, host, port, baseUrl, 1 << 20);
    }

    /** The bound port. */
    public int port() {
        return server.port();
    }

    /** How many devices are registered. */
    public int devices() {
        return routes.size();
    }

    /** How many notifications the devices accepted (2xx) since the hub was bound. */
    public long notifications() {
        return accepted.get();
    }

    /** @return the notificationURI for a path */
    String register(String path, NotificationServer.Handler handler) {
        NotificationServer.Handler counted = (body, caller) -> {
            int status = handler.handle(body, caller);
            if (status / 100 == 2) {
                accepted.incrementAndGet();
            }
            return status;
        };
        if (routes.putIfAbsent(path, counted) != null) {
            throw new IllegalStateException("a device already listens at " + path + " on this hub");
        }
        return baseUrl + path;
    }

    void unregister(String path) {
        routes.remove(path);
    }

    @Override
    public void close() {
        server.close();
    }
}
