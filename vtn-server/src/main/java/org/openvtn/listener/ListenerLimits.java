package org.openvtn.listener;

import java.time.Duration;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Resource bounds of one Jetty listener (issue #12 item 9: slow clients must not take the thread
 * pool): request header size (431 above it), connection idle timeout, a minimum request body
 * data rate (connection closed below it), a bounded thread pool and a connection limit (above
 * it new connections wait in the accept backlog). The request
 * body size bound stays with each listener's {@code maxBodyBytes} (413 above it).
 *
 * @param requestHeaderBytes largest request line + headers, in bytes (Jetty answers 431 above it)
 * @param idleTimeout        a connection with no traffic for this long is closed
 * @param minRequestDataRate bytes per second a request body must at least arrive at, measured
 *                           from the first body read after a grace of {@link #DATA_RATE_GRACE};
 *                           0 disables the check
 * @param maxThreads         largest number of request threads
 * @param maxConnections     largest number of open connections on the listener
 * @param maxHandshakes      largest number of connections in their TLS handshake at once on a TLS listener
 *                           ({@link HandshakeLimit}: further new connections are closed before their handshake)
 */
public record ListenerLimits(int requestHeaderBytes, Duration idleTimeout, long minRequestDataRate, int maxThreads,
                             int maxConnections, int maxHandshakes) {

    /** Time a body may take before the minimum data rate applies. */
    public static final Duration DATA_RATE_GRACE = Duration.ofSeconds(1);

    /**
     * 8 KiB headers, 30 s idle timeout, 256 bytes/s minimum body rate, 200 threads, 10000 connections, 256
     * handshakes at once.
     */
    public static final ListenerLimits DEFAULT = builder().build();

    /**
     * Default {@link #maxHandshakes()}. A resumed TLS 1.2 handshake costs ~0.5 ms of server CPU (BENCHMARKS.md section
     * 10), so 256 in progress are ~64 ms of work per core of a 2-core node: not a queue of seconds. A handshake also
     * waits a round trip for the client's Finished, so with VENs 100 ms away 256 places still admit ~2,500 handshakes
     * a second; a lower bound would idle the CPU behind slow networks.
     */
    public static final int DEFAULT_MAX_HANDSHAKES = 256;

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Applies the header size to the listener's HTTP configuration, and turns off Jetty's per-connection request
     * header cache (issue #18): that cache is a trie of 98 KB of {@code char[]} built on a connection's first request
     * and kept as long as the connection is open, which made ~90 % of the heap of an idle keep-alive connection
     * (BENCHMARKS.md section 10, found in a heap dump). Well-known header names are still matched by Jetty's static
     * table; only repeated header values are no longer interned per connection.
     */
    public void apply(HttpConfiguration http) {
        http.setRequestHeaderSize(requestHeaderBytes);
        http.setIdleTimeout(idleTimeout.toMillis());
        http.setHeaderCacheSize(0);
    }

    /**
     * Idle timeout of every open connection while the listener holds {@code maxConnections} (issue #18): kept-alive
     * connections idle this long are closed, so VENs waiting in the accept backlog get in within about this time
     * rather than after the full {@link #idleTimeout()}. The listener's own idle timeout returns once below the limit.
     */
    public static final Duration IDLE_TIMEOUT_AT_LIMIT = Duration.ofSeconds(2);

    /**
     * Largest TCP accept backlog asked for (the kernel caps it at {@code net.core.somaxconn}): clients beyond the
     * connection limit wait there. The JDK's default of 50 reset connections under a storm of short connections
     * (issue #18, BENCHMARKS.md section 10 "Session 9").
     */
    public static final int ACCEPT_QUEUE = 1024;

    /**
     * Applies the idle timeout, the accept backlog ({@link #ACCEPT_QUEUE} or {@code maxConnections} if smaller) and
     * the connection limit to a connector of {@code server}; at the limit, idle
     * connections are closed after {@link #IDLE_TIMEOUT_AT_LIMIT} (or the idle timeout, if shorter).
     */
    public void apply(Server server, ServerConnector connector) {
        connector.setIdleTimeout(idleTimeout.toMillis());
        connector.setAcceptQueueSize(Math.min(maxConnections, ACCEPT_QUEUE));
        server.addBean(new ConnectionBudget.LoggedLimit(maxConnections, connector, idleTimeout.toMillis()));
    }

    /** The handshake bound of a TLS connector of this listener (add it to the connector as a bean). */
    public HandshakeLimit handshakeLimit(String listener) {
        return new HandshakeLimit(maxHandshakes, listener);
    }

    /** A thread pool bounded by {@link #maxThreads()}. */
    public QueuedThreadPool threadPool(String name) {
        QueuedThreadPool pool = new QueuedThreadPool(maxThreads, Math.min(8, maxThreads));
        pool.setName(name);
        return pool;
    }

    /** Wraps a listener's handler with the minimum request data rate check. */
    public Handler wrap(Handler handler, String listener) {
        return minRequestDataRate == 0 ? handler : new MinDataRateHandler(handler, minRequestDataRate, listener);
    }

    /** Builder; {@link #build()} names the bad field. */
    public static final class Builder {
        private int requestHeaderBytes = 8 * 1024;
        private Duration idleTimeout = Duration.ofSeconds(30);
        private long minRequestDataRate = 256;
        private int maxThreads = 200;
        private int maxConnections = 10_000;
        private int maxHandshakes = DEFAULT_MAX_HANDSHAKES;

        private Builder() {
        }

        public Builder requestHeaderBytes(int n) { requestHeaderBytes = n; return this; }
        public Builder idleTimeout(Duration d) { idleTimeout = d; return this; }
        public Builder minRequestDataRate(long bytesPerSecond) { minRequestDataRate = bytesPerSecond; return this; }
        public Builder maxThreads(int n) { maxThreads = n; return this; }
        public Builder maxConnections(int n) { maxConnections = n; return this; }
        public Builder maxHandshakes(int n) { maxHandshakes = n; return this; }

        public ListenerLimits build() {
            if (requestHeaderBytes < 1024 || requestHeaderBytes > 1024 * 1024) {
                throw new IllegalArgumentException("requestHeaderBytes: must be 1024..1048576, was " + requestHeaderBytes);
            }
            if (idleTimeout == null || idleTimeout.toMillis() < 100 || idleTimeout.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("idleTimeout: must be 100ms..1h, was " + idleTimeout);
            }
            if (minRequestDataRate < 0) {
                throw new IllegalArgumentException("minRequestDataRate: must be >= 0 (0 = off), was "
                        + minRequestDataRate);
            }
            if (maxThreads < 8 || maxThreads > 10_000) {
                throw new IllegalArgumentException("maxThreads: must be 8..10000, was " + maxThreads);
            }
            if (maxConnections < 1 || maxConnections > 1_000_000) {
                throw new IllegalArgumentException("maxConnections: must be 1..1000000, was " + maxConnections);
            }
            if (maxHandshakes < 1 || maxHandshakes > 1_000_000) {
                throw new IllegalArgumentException("maxHandshakes: must be 1..1000000, was " + maxHandshakes);
            }
            return new ListenerLimits(requestHeaderBytes, idleTimeout, minRequestDataRate, maxThreads, maxConnections,
                    maxHandshakes);
        }
    }
}
