package org.openvtn.admin;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.service.SepServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator admin REST API ({@code /api/v1}) and the operator web console ({@code /console/}) on their own Jetty
 * listener, separate from the protocol listeners. {@code AdminServer.start(config, core)}; {@link #port()}; {@link #close()}.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    /** Name of the admin connector. */
    public static final String CONNECTOR = "admin";

    private final Server server;
    private final ServerConnector connector;
    private final boolean https;
    private final Handler handler;
    private final boolean ownsServer;

    private AdminServer(Server server, ServerConnector connector, boolean https, Handler handler, boolean ownsServer) {
        this.server = server;
        this.connector = connector;
        this.https = https;
        this.handler = handler;
        this.ownsServer = ownsServer;
    }

    /**
     * Adds the admin listener to a Jetty server another assembly owns (issue #13: one server, one lifecycle): its
     * connector is added to {@code server}; the caller routes requests of the connector named {@link #CONNECTOR} to
     * {@link #handler()} and starts and stops {@code server}. {@link #close()} then does nothing.
     *
     * @param server the shared Jetty server, not started yet
     * @param config validated config
     * @param core   the core the API operates on
     * @param sep    the 2030.5 services the assembly built once (also when no 2030.5 listener runs)
     * @return the listener's view (port, base URI)
     */
    public static AdminServer mount(Server server, AdminConfig config, VtnCore core, SepServices sep) {
        return mount(server, config, core, sep, null, null);
    }

    /**
     * As {@link #mount(Server, AdminConfig, VtnCore, SepServices)}, with the operations endpoints ({@code /metrics},
     * {@code /health/live}, {@code /health/ready}, issue #19) answered from {@code ops}, and the OpenADR 3.1 services the
     * assembly built (null when no 3.1 listener runs: the {@code /oadr3} routes answer 404).
     *
     * @param ops the assembly's metrics and readiness; null: no operations endpoints
     */
    public static AdminServer mount(Server server, AdminConfig config, VtnCore core, SepServices sep, AdminOps ops,
                                    org.openvtn.oadr3.service.Oadr3Services oadr3) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        config.limits().apply(http);
        ServerConnector connector;
        if (config.sslContext() != null) {
            http.addCustomizer(new SecureRequestCustomizer());
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            ssl.setSslContext(config.sslContext());
            connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, new HttpConnectionFactory(http));
        }
        config.limits().apply(server, connector);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setName(CONNECTOR);
        server.addConnector(connector);
        // the operator console (/console/) is served next to the API it uses (issue #19)
        Handler api = new Handler.Sequence(
                new AdminHandler(core, sep, oadr3, config.token(), config.maxBodyBytes()), new ConsoleHandler());
        if (ops != null) {
            api = new OpsHandler(api, ops, config.token(), config.metricsWithoutToken());
        }
        Handler handler = config.limits().wrap(api, "admin");
        return new AdminServer(server, connector, config.sslContext() != null, handler, false);
    }

    /** @return the handler to route this listener's connector to (mounted listeners) */
    public Handler handler() {
        return handler;
    }

    /** @return the listener's connector */
    public ServerConnector connector() {
        return connector;
    }

    /**
     * Starts the listener alone (tests, tools): this is then its own assembly and builds the 2030.5 operator
     * services once, on the core's clock, without a 2030.5 listener.
     *
     * @param config validated config
     * @param core   the core the API operates on (not closed by this server)
     * @return the running server
     */
    public static AdminServer start(AdminConfig config, VtnCore core) {
        return start(config, core, SepServices.builder(core).build());
    }

    /**
     * Starts the listener alone over 2030.5 services built by the caller (e.g. those of a running {@code SepServer}).
     *
     * @param config validated config
     * @param core   the core the API operates on (not closed by this server)
     * @param sep    the 2030.5 services on the same core
     * @return the running server
     */
    public static AdminServer start(AdminConfig config, VtnCore core, SepServices sep) {
        Server server = new Server(config.limits().threadPool("admin"));
        AdminServer mounted = mount(server, config, core, sep);
        server.setHandler(mounted.handler());
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // best effort
            }
            throw new IllegalStateException("cannot start admin API on " + config.host() + ":" + config.port()
                    + ": " + e.getMessage(), e);
        }
        AdminServer s = new AdminServer(server, mounted.connector, mounted.https, mounted.handler, true);
        LOG.info("Admin API listening on {}", s.baseUri());
        return s;
    }

    /** @return the bound port */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return e.g. {@code http://127.0.0.1:8081/api/v1} */
    public String baseUri() {
        String host = connector.getHost();
        return (https ? "https" : "http") + "://" + host + ":" + port() + AdminHandler.PREFIX;
    }

    @Override
    public void close() {
        if (!ownsServer) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping admin API failed", e);
        }
    }
}
