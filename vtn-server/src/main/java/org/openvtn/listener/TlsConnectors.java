package org.openvtn.listener;

import java.util.concurrent.Executor;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.tls.TlsFactory;

/**
 * The one way a protocol listener's mutual-TLS connector is built (OpenADR 2.0b and IEEE 2030.5 alike, issue #13):
 * the listener's TLS profile, its SessionGuard (resumed sessions re-checked after a CRL change, issue #12 item 2),
 * its {@link ListenerLimits} (with the {@link HandshakeLimit}) and no Server header.
 */
public final class TlsConnectors {
    private TlsConnectors() {
    }

    /**
     * @param server the Jetty server the connector belongs to (not added)
     * @param tls    the listener's TLS profile and trust
     * @param limits the listener's bounds
     * @param secure the request customizer (SNI rules) of this protocol
     * @param name   the connector's name (requests are routed by it)
     * @param host   bind address
     * @param port   port, 0 = any free port
     * @return the connector, not yet added to {@code server}
     */
    public static ServerConnector mutualTls(Server server, TlsFactory tls, ListenerLimits limits,
                                            SecureRequestCustomizer secure, String name, String host, int port) {
        return mutualTls(server, tls, limits, secure, name, host, port, false);
    }

    /**
     * The same, with {@code selectorAnswers}: requests are read on the selector thread once the handshake is done
     * ({@link SelectorAnswers}); the connector's handler must then never block.
     */
    public static ServerConnector mutualTls(Server server, TlsFactory tls, ListenerLimits limits,
                                            SecureRequestCustomizer secure, String name, String host, int port,
                                            boolean selectorAnswers) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        tls.configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        limits.apply(http);
        http.addCustomizer(secure);
        HandshakeLimit handshakes = limits.handshakeLimit(name);
        ServerConnector c = new ServerConnector(server, new BoundedSsl(ssl, handshakes),
                selectorAnswers ? new SelectorAnswers(http) : new HttpConnectionFactory(http));
        c.addBean(tls.sessionGuard());
        c.addBean(handshakes);
        limits.apply(server, c);
        c.setHost(host);
        c.setPort(port);
        c.setName(name);
        return c;
    }

    /** The TLS connection factory that asks the {@link HandshakeLimit} before it creates a connection's engine. */
    private static final class BoundedSsl extends SslConnectionFactory {
        private final HandshakeLimit limit;

        BoundedSsl(SslContextFactory.Server ssl, HandshakeLimit limit) {
            super(ssl, "http/1.1");
            this.limit = limit;
        }

        @Override
        public Connection newConnection(Connector connector, EndPoint endPoint) {
            if (!limit.admit()) {
                return new Shed(endPoint, connector.getExecutor());
            }
            try {
                Connection c = super.newConnection(connector, endPoint);
                if (c instanceof SslConnection ssl) {
                    limit.track(ssl.getSSLEngine());
                } else {
                    limit.release();
                }
                return c;
            } catch (RuntimeException e) {
                limit.release();
                throw e;
            }
        }
    }

    /** A connection closed as soon as it opens: nothing read, nothing allocated beyond Jetty's endpoint. */
    private static final class Shed extends AbstractConnection {
        Shed(EndPoint endPoint, Executor executor) {
            super(endPoint, executor);
        }

        @Override
        public void onOpen() {
            super.onOpen();
            getEndPoint().close();
        }

        @Override
        public void onFillable() {
            getEndPoint().close();
        }
    }
}
