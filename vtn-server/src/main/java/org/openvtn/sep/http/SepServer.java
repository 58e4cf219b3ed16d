package org.openvtn.sep.http;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.listener.ConnectionBudget;
import org.openvtn.listener.TlsConnectors;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.service.EndDeviceService;
import org.openvtn.sep.notify.DeliveryStats;
import org.openvtn.sep.notify.SepNotifier;
import org.openvtn.sep.service.SepServices;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The IEEE 2030.5 (CSIP) server: its own mutual-TLS Jetty listener with the 2030.5 profile
 * (IEEE 2030.5-2018 §6.11 TLS; CSIP COMM-003/004), serving {@code application/sep+xml}.
 *
 * <pre>{@code
 * try (SepServer sep = SepServer.start(SepConfig.builder().tls(tls).codec(codec).clock(clock)
 *         .host("127.0.0.1").port(0).build(), core)) {
 *     int port = sep.port();
 * }
 * }</pre>
 *
 * <p>To share one Jetty {@code Server} with other listeners, use {@link #mount(Server, SepConfig, SepServices)}
 * with services the assembly built once ({@link #services(SepConfig, VtnCore)}).
 */
public final class SepServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SepServer.class);

    private final Server server;
    private final ServerConnector connector;
    private final EndDeviceService endDevices;
    private final SepHandler handler;
    private final Handler mounted;
    private final boolean ownsServer;
    private final SepConfig config;
    private volatile SepDnsSd dnsSd;

    private SepServer(Server server, ServerConnector connector, SepHandler handler, Handler mounted,
                      boolean ownsServer, SepConfig config) {
        this.config = config;
        this.server = server;
        this.connector = connector;
        this.handler = handler;
        this.mounted = mounted;
        this.ownsServer = ownsServer;
        this.endDevices = handler.endDevices();
    }

    /**
     * Adds the 2030.5 listener to a Jetty server another assembly owns (issue #13: one server, one thread pool, one
     * lifecycle): its connector (2030.5 TLS profile, SessionGuard, listener limits) is added to {@code server}; the
     * caller routes requests of the connector named {@link #CONNECTOR} to {@link #handler()}, answers Jetty's own
     * errors on it with {@link #bodilessError}, and starts and stops {@code server}. {@link #close()} then does
     * nothing.
     *
     * @param server   the shared Jetty server, not started yet
     * @param config   the listener's config
     * @param services the 2030.5 services, built once
     * @return the listener's view (port, delivery counters)
     */
    public static SepServer mount(Server server, SepConfig config, SepServices services) {
        TlsFactory tls = TlsFactory.of(config.tls());
        ServerConnector connector = connector(server, config, tls);
        server.addConnector(connector);
        services.core().metrics().addCrlStaleSource(tls.revocation()::staleCrls);
        SepHandler handler = new SepHandler(config, services);
        return new SepServer(server, connector, handler, config.limits().wrap(handler, "IEEE 2030.5"), false,
                config);
    }

    /** Name of the 2030.5 connector. */
    public static final String CONNECTOR = "ieee2030.5";

    /** @return the handler to route this listener's connector to (mounted listeners) */
    public Handler handler() {
        return mounted;
    }

    /** @return the listener's connector */
    public ServerConnector connector() {
        return connector;
    }

    /**
     * Starts the listener.
     *
     * @param config validated config
     * @param core   the core (not closed by this server)
     * @return the running server
     * @throws IllegalStateException when the listener cannot start
     */
    public static SepServer start(SepConfig config, VtnCore core) {
        Server server = new Server(config.limits().threadPool("ieee2030.5"));
        SepServer mounted = mount(server, config, services(config, core));
        server.setHandler(mounted.handler());
        server.setErrorHandler(SepServer::bodilessError);
        ConnectionBudget.install(server); // below the open-file limit (issue #18)
        try {
            server.start();
        } catch (Exception e) {
            try {
                server.stop();
            } catch (Exception ignored) {
                // best effort
            }
            throw new IllegalStateException("cannot start IEEE 2030.5 listener on " + config.host() + ":"
                    + config.port() + ": " + e.getMessage(), e);
        }
        LOG.info("IEEE 2030.5 listener on https://{}:{} (enrolment {})", config.host(), mounted.port(),
                config.enrolment().wireName());
        SepServer started = new SepServer(server, mounted.connector, mounted.handler, mounted.mounted, true, config);
        try {
            started.advertise();
        } catch (IllegalStateException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /**
     * Errors Jetty answers itself (a malformed or ambiguous URI, a header too large) carry their status and no body:
     * a 2030.5 client expects {@code application/sep+xml} or nothing, never an HTML page (found by HttpFuzzIT).
     */
    public static boolean bodilessError(org.eclipse.jetty.server.Request request, org.eclipse.jetty.server.Response response,
                                 org.eclipse.jetty.util.Callback callback) {
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONTENT_LENGTH, 0L);
        callback.succeeded();
        return true;
    }

    /**
     * A mutual-TLS connector with the 2030.5 profile (client certificate required), not yet added.
     *
     * @param server the Jetty server the connector belongs to
     * @param config the config (tls, host, port)
     * @return the connector
     */
    public static ServerConnector connector(Server server, SepConfig config) {
        return connector(server, config, TlsFactory.of(config.tls()));
    }

    private static ServerConnector connector(Server server, SepConfig config, TlsFactory tls) {
        warnOutsideProfile(config.tls().keyStore());
        return TlsConnectors.mutualTls(server, tls, config.limits(), new SecureRequestCustomizer(false), CONNECTOR,
                config.host(), config.port());
    }

    /**
     * IEEE 2030.5-2018 §6.11 puts the server's certificate under the device certificate profile; a standards-checking
     * client refuses one outside it. The listener still starts (the operator's certificate, the operator's choice),
     * with one WARN line naming every deviation (issue #17).
     *
     * @return the deviations found (empty when the certificate conforms or none can be read)
     */
    static java.util.List<String> warnOutsideProfile(java.security.KeyStore keyStore) {
        try {
            for (String alias : java.util.Collections.list(keyStore.aliases())) {
                if (keyStore.isKeyEntry(alias)
                        && keyStore.getCertificate(alias) instanceof java.security.cert.X509Certificate leaf) {
                    java.util.List<String> d = org.openvtn.certs.pki.SepCertificateProfile.deviations(leaf);
                    if (!d.isEmpty()) {
                        LOG.warn("the IEEE 2030.5 server certificate (key entry '{}') is not in the IEEE 2030.5-2018 "
                                + "§6.11 device certificate profile, which standards-checking clients refuse: {}",
                                alias, String.join("; ", d));
                    }
                    return d;
                }
            }
        } catch (java.security.KeyStoreException e) {
            LOG.debug("cannot read the 2030.5 key store to check the certificate profile", e);
        }
        return java.util.List.of();
    }

    /**
     * The 2030.5 handler over services assembled once by the caller.
     *
     * @return a handler serving every 2030.5 path
     */
    public static Handler handler(SepConfig config, SepServices services) {
        return config.limits().wrap(new SepHandler(config, services), "IEEE 2030.5");
    }

    /**
     * Assembles the 2030.5 services this listener's config asks for (clock, mRIDs, codec, notification targets) on
     * the core.
     *
     * @return the services, built once per VTN
     */
    public static SepServices services(SepConfig config, VtnCore core) {
        return SepServices.builder(core).clock(config.clock()).mrids(config.mrids()).codec(config.codec())
                .notificationTargets(config.delivery().targets()).eventRetention(config.eventRetention()).build();
    }

    /** @return the bound port */
    public int port() {
        return connector.getLocalPort();
    }

    /** @return the EndDevice service (operator actions: provision a PIN, assign groups) */
    public EndDeviceService endDevices() {
        return endDevices;
    }

    /** @return the 2030.5 services this listener runs on (hand them to an admin API of the same assembly) */
    public SepServices services() {
        return handler.services();
    }

    /** @return Notification delivery counters of this listener (IEEE 2030.5-2018 §5.6) */
    public DeliveryStats deliveryStats() {
        SepNotifier n = handler.notifier();
        return n == null ? new DeliveryStats(0, 0, 0, 0, 0) : n.stats();
    }

    /**
     * Waits until every notification accepted so far is delivered or given up (IEEE 2030.5-2018
     * §5.6 delivery); the counters are persisted before it returns.
     *
     * @return true when settled within the timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitDeliveries(java.time.Duration timeout) throws InterruptedException {
        SepNotifier n = handler.notifier();
        return n == null || n.awaitDeliveries(timeout);
    }

    /** Processes operator changes (DefaultDERControl, groups, PINs) now instead of at the next tick. */
    public void processChanges() {
        SepNotifier n = handler.notifier();
        if (n != null) {
            n.changed();
        }
    }

    /**
     * Starts the DNS-SD advertisement the config asks for ({@link SepConfig#dnsSd()}; IEEE 2030.5-2018 §6.5, CSIP
     * COMM-001), once the port is bound. {@link #start} calls it; an assembly that {@link #mount}s the listener calls
     * it after starting the shared server. Nothing happens when the option is off.
     *
     * @throws IllegalStateException when the responder cannot start
     */
    public void advertise() {
        if (dnsSd == null) {
            dnsSd = SepDnsSd.start(config.dnsSd(), config.host(), port(), org.openvtn.sep.service.SepPaths.DCAP);
        }
    }

    /** @return the running DNS-SD advertisement, if any */
    public java.util.Optional<SepDnsSd> dnsSd() {
        return java.util.Optional.ofNullable(dnsSd);
    }

    /** Stops the listener (when it owns its Jetty server) and withdraws the DNS-SD advertisement. */
    @Override
    public void close() {
        SepDnsSd advertised = dnsSd;
        if (advertised != null) {
            dnsSd = null;
            advertised.close();
        }
        if (!ownsServer) {
            return;
        }
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("stopping the IEEE 2030.5 listener failed", e);
        }
    }
}
