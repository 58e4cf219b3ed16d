package org.openvtn.listener;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide bound on open connections derived from the open-file limit (issue #18, "fd storm"): every accepted
 * connection is a file descriptor, and so are the database pool's sockets, outbound push and notification
 * connections, Derby's files, the JDK's selectors and the class path. When the listeners' {@code maxConnections}
 * together exceed what the process may open, a connection storm ran the process out of descriptors: the acceptor
 * failed with "Too many open files" on every accept, and the database, logs and outbound deliveries failed with it.
 * This bound stops accepting before that: at most {@link #budget(long, long)} connections are open over all
 * listeners of one Jetty server; further clients wait in the TCP accept backlog (nothing is refused by OpenVTN), the
 * admitted connections keep being served, connections idle for {@link ListenerLimits#IDLE_TIMEOUT_AT_LIMIT} are
 * closed so the backlog turns over, and one WARN line a minute at most says the limit was reached. At start, one WARN
 * when a single listener's {@code maxConnections} is above the bound (an INFO when only their sum is).
 */
public final class ConnectionBudget {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionBudget.class);

    /** Descriptors always kept for everything else (pool, outbound connections, files), at least. */
    public static final int MIN_RESERVE = 64;

    private ConnectionBudget() {
    }

    /**
     * Connections that may be open at once in a process that may hold {@code maxFiles} descriptors and holds
     * {@code openNow} before its listeners accept anything: the rest after a reserve of 1/16 of the limit (at least
     * {@link #MIN_RESERVE}) for database, outbound and file descriptors; at least 1.
     */
    public static int budget(long maxFiles, long openNow) {
        long reserve = Math.max(MIN_RESERVE, maxFiles / 16);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxFiles - openNow - reserve));
    }

    /** The process's open-file limit and current count, where the JVM reports them (Unix). */
    static OptionalLong[] processFiles() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return new OptionalLong[] {OptionalLong.of(unix.getMaxFileDescriptorCount()),
                    OptionalLong.of(unix.getOpenFileDescriptorCount())};
        }
        return new OptionalLong[] {OptionalLong.empty(), OptionalLong.empty()};
    }

    /**
     * Adds the process-wide bound to {@code server} (call once its connectors are added, before start): one
     * {@link NetworkConnectionLimit} over all its connectors. Logs one WARN at start when a listener's own limit is
     * above it. Does nothing where the open-file limit is unknown.
     *
     * @return the bound, or 0 when none was added
     */
    public static int install(Server server) {
        OptionalLong[] files = processFiles();
        if (files[0].isEmpty() || files[0].getAsLong() <= 0 || files[0].getAsLong() == Long.MAX_VALUE) {
            return 0;
        }
        long maxFiles = files[0].getAsLong();
        int budget = budget(maxFiles, files[1].orElse(0));
        var limits = server.getBeans(NetworkConnectionLimit.class);
        long configured = limits.stream().mapToLong(NetworkConnectionLimit::getMaxNetworkConnectionCount).sum();
        long largest = limits.stream().mapToLong(NetworkConnectionLimit::getMaxNetworkConnectionCount).max().orElse(0);
        if (largest > budget) { // one listener alone could not reach its own limit: the operator should know
            LOG.warn("A listener allows {} connections, but this process may open only {} files (ulimit -n / "
                    + "LimitNOFILE): at most {} connections are accepted at once over all listeners, further clients "
                    + "wait in the accept backlog. Raise the open-file limit or lower maxConnections.",
                    largest, maxFiles, budget);
        } else if (configured > budget) {
            LOG.info("Connections over all listeners bounded at {} by the open-file limit {} (their maxConnections "
                    + "add up to {})", budget, maxFiles, configured);
        }
        server.addBean(new LoggedLimit(budget, server, "all listeners (open-file limit " + maxFiles + ")"));
        return budget;
    }

    /**
     * Jetty's connection limit with one WARN line (at most one a minute) when it is reached, and the short idle
     * timeout at the limit ({@link ListenerLimits#IDLE_TIMEOUT_AT_LIMIT}, or the listener's idle timeout if shorter)
     * also for connections opened while at the limit: Jetty shortens it only for the endpoints that exist when the
     * limit is reached, and in a connection storm most of the connections accepted up to the limit get their endpoint
     * just after, with the full idle timeout; so an idle storm held the limit for the whole idle timeout (30 s).
     */
    static final class LoggedLimit extends NetworkConnectionLimit {
        private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();
        private final Supplier<String> what;
        private final List<AbstractConnector> connectors = new ArrayList<>();
        private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - QUIET_NANOS);
        private volatile boolean limiting;
        private final Connection.Listener shortenWhileLimiting = new Connection.Listener() {
            @Override
            public void onOpened(Connection connection) {
                if (limiting) {
                    connection.getEndPoint().setIdleTimeout(getEndPointIdleTimeout());
                }
            }
        };

        LoggedLimit(int max, Server server, String what) {
            super(max, server);
            this.what = () -> what;
            for (var c : server.getConnectors()) {
                if (c instanceof AbstractConnector ac) {
                    connectors.add(ac);
                }
            }
            setEndPointIdleTimeout(ListenerLimits.IDLE_TIMEOUT_AT_LIMIT.toMillis());
        }

        LoggedLimit(int max, ServerConnector connector, long idleMillis) {
            super(max, connector);
            this.what = () -> "listener " + connector.getName() + " (maxConnections)";
            connectors.add(connector);
            setEndPointIdleTimeout(Math.min(idleMillis, ListenerLimits.IDLE_TIMEOUT_AT_LIMIT.toMillis()));
        }

        @Override
        protected void doStart() throws Exception {
            for (AbstractConnector c : connectors) {
                c.addBean(shortenWhileLimiting);
            }
            super.doStart();
        }

        @Override
        protected void doStop() throws Exception {
            super.doStop();
            for (AbstractConnector c : connectors) {
                c.removeBean(shortenWhileLimiting);
            }
        }

        @Override
        protected void limit() {
            limiting = true;
            super.limit();
            long now = System.nanoTime();
            long last = lastWarn.get();
            if (now - last >= QUIET_NANOS && lastWarn.compareAndSet(last, now)) {
                LOG.warn("Connection limit of {} reached on {}: new connections wait in the accept backlog, "
                        + "connections idle {} ms are closed; the admitted ones are served (next such line in a "
                        + "minute at the earliest)", getMaxNetworkConnectionCount(), what.get(), getEndPointIdleTimeout());
            }
        }

        @Override
        protected void unlimit() {
            limiting = false;
            super.unlimit();
        }
    }
}
