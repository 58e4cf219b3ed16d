package org.openvtn.oadr3.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.oadr3.service.Oadr3Services;

/**
 * The OpenADR 3.1 listener mounted on the VTN's one Jetty server (issue #13 "one assembly", issue #20): its own
 * connector {@value #CONNECTOR} with the TLS profile of its config (client certificates only with mutual TLS), its
 * own limits, and {@link Oadr3Handler}.
 */
public final class Oadr3Server {
    /** Name of the connector. */
    public static final String CONNECTOR = "oadr3";

    private final Oadr3Config config;
    private final ServerConnector connector;
    private final Handler handler;
    private final Oadr3Services services;

    private Oadr3Server(Oadr3Config config, ServerConnector connector, Handler handler, Oadr3Services services) {
        this.config = config;
        this.connector = connector;
        this.handler = handler;
        this.services = services;
    }

    /** Adds the connector to {@code server}; the caller routes its requests to {@link #handler()}. */
    public static Oadr3Server mount(Server server, Oadr3Config config, Oadr3Services services) {
        TlsFactory tls = TlsFactory.of(config.tls());
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        tls.configureJetty(ssl);
        ssl.setNeedClientAuth(config.mutualTls());
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        config.limits().apply(http);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        if (config.mutualTls()) {
            c.addBean(tls.sessionGuard());
        }
        config.limits().apply(server, c);
        c.setHost(config.host());
        c.setPort(config.port());
        c.setName(CONNECTOR);
        server.addConnector(c);
        Handler h = config.limits().wrap(new Oadr3Handler(config, services, Oadr3Schemas.load()), "OpenADR 3.1");
        return new Oadr3Server(config, c, h, services);
    }

    public Handler handler() {
        return handler;
    }

    /** @return the bound port */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return e.g. {@code https://127.0.0.1:8445/openadr3/3.1.0} */
    public String baseUri() {
        String host = config.host().equals("0.0.0.0") ? "localhost" : config.host();
        return "https://" + host + ":" + port() + config.basePath();
    }

    /** @return the services (token clients for the admin API and {@code openvtn dev}) */
    public Oadr3Services services() {
        return services;
    }

    public Oadr3Config config() {
        return config;
    }
}
