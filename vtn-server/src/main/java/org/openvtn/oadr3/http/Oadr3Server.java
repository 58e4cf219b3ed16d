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
import org.openvtn.oadr3.notify.Oadr3NotifyDispatcher;
import org.openvtn.oadr3.service.Oadr3Services;
import java.util.List;
import javax.net.ssl.SSLEngine;

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
    private Oadr3NotifyDispatcher notifiers;

    /** TLS 1.3 suites and TLS 1.2 ECDHE AEAD suites only (forward secrecy, no CBC, no RSA key transport). */
    static final List<String> MODERN_SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private Oadr3Server(Oadr3Config config, ServerConnector connector, Handler handler, Oadr3Services services) {
        this.config = config;
        this.connector = connector;
        this.handler = handler;
        this.services = services;
    }

    /** Adds the connector to {@code server}; the caller routes its requests to {@link #handler()}. */
    public static Oadr3Server mount(Server server, Oadr3Config config, Oadr3Services services) {
        TlsFactory tls = TlsFactory.of(config.tls());
        SslContextFactory.Server ssl = new SslContextFactory.Server() {
            @Override
            public void customize(SSLEngine engine) {
                super.customize(engine);
                // the profile's context asks every engine for a client certificate; 3.1 clients authenticate with
                // bearer tokens, so a certificate is requested (and required) only with mutualTls
                engine.setNeedClientAuth(config.mutualTls());
            }
        };
        tls.configureJetty(ssl);
        ssl.setNeedClientAuth(config.mutualTls());
        // OpenADR 3.1 mandates no cipher suite (Definition "TLS": 1.2 or later; the provider keeps its ciphers up to
        // date): the 2.0b-mandated TLS_RSA / CBC suites of the listener's profile are left out
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        ssl.setIncludeCipherSuites(MODERN_SUITES.toArray(new String[0]));
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

    /** Starts delivering webhook and MQTT notifications (after the listener started). */
    public void startNotifiers(java.time.Clock clock) {
        notifiers = Oadr3NotifyDispatcher.start(services, config.notifiers(), clock);
    }

    /** Stops the notifier; what is not yet delivered stays in the outbox. */
    public void close() {
        if (notifiers != null) {
            notifiers.close();
            notifiers = null;
        }
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
