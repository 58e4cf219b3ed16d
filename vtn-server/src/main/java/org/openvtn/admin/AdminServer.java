package org.openvtn.admin;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.core.service.VtnCore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator admin REST API ({@code /api/v1}) on its own Jetty listener, separate from the
 * protocol listeners. {@code AdminServer.start(config, core)}; {@link #port()}; {@link #close()}.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final boolean https;

    private AdminServer(Server server, ServerConnector connector, boolean https) {
        this.server = server;
        this.connector = connector;
        this.https = https;
    }

    /**
     * Starts the listener.
     *
     * @param config validated config
     * @param core   the core the API operates on (not closed by this server)
     * @return the running server
     */
    public static AdminServer start(AdminConfig config, VtnCore core) {
        Server server = new Server(config.limits().threadPool("admin"));
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
        server.addConnector(connector);
        server.setHandler(config.limits().wrap(new AdminHandler(core, config.token(), config.maxBodyBytes()), "admin"));
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
        AdminServer s = new AdminServer(server, connector, config.sslContext() != null);
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
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping admin API failed", e);
        }
    }
}
