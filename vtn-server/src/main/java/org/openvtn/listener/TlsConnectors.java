package org.openvtn.listener;

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
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        tls.configureJetty(ssl);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        limits.apply(http);
        http.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        c.addBean(tls.sessionGuard());
        c.addBean(limits.handshakeLimit(name));
        limits.apply(server, c);
        c.setHost(host);
        c.setPort(port);
        c.setName(name);
        return c;
    }
}
