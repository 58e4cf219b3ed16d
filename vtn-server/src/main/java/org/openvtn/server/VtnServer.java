package org.openvtn.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.openvtn.admin.AdminServer;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.listener.ConnectionBudget;
import org.openvtn.listener.TlsConnectors;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.http.OadrHandler;
import org.openvtn.oadr20b.push.PushDispatcher;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.oadr3.http.Oadr3Server;
import org.openvtn.oadr3.service.Oadr3Services;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.service.SepServices;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlLimits;
import org.openvtn.store.JdbcPushStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled VTN (issue #13 "one assembly"): one {@link VtnCore}, one {@link OadrCodec} and ONE Jetty server (one
 * thread pool, one lifecycle) whose connectors are the listeners: the OpenADR 2.0b mutual-TLS listener (pull, and the
 * push client beside it), when configured the IEEE 2030.5 listener with its own TLS profile on the same core, and the
 * admin API. Each connector keeps its TLS profile, SessionGuard and {@code ListenerLimits}; requests are routed by the
 * connector they arrived on. A port that cannot be bound stops everything and names the listener.
 *
 * <pre>{@code
 * try (VtnServer server = VtnServer.start(VtnConfig.builder().dataDir(dir).pki(pkiDir, pw).sep(sepConfig).build())) {
 *     URI base = server.oadrBaseUri();   // https://host:port/OpenADR2/Simple/2.0b/
 *     int sepPort = server.sep().orElseThrow().port();
 * }
 * }</pre>
 */
public final class VtnServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VtnServer.class);
    /** Name of the OpenADR 2.0b connector. */
    public static final String OADR_CONNECTOR = "openadr";

    private final VtnConfig config;
    private final VtnCore core;
    private final OadrCodec codec;
    private final Server jetty;
    private final ServerConnector oadrConnector;
    private final AdminServer admin;
    private final SepServer sep;
    private final PushDispatcher push;
    private final ServerMetrics metrics;
    private final Oadr3Server oadr3;

    private VtnServer(VtnConfig config, VtnCore core, OadrCodec codec, Server jetty, ServerConnector oadrConnector,
                      AdminServer admin, SepServer sep, PushDispatcher push, ServerMetrics metrics, Oadr3Server oadr3) {
        this.push = push;
        this.metrics = metrics;
        this.oadr3 = oadr3;
        this.config = config;
        this.core = core;
        this.codec = codec;
        this.jetty = jetty;
        this.oadrConnector = oadrConnector;
        this.admin = admin;
        this.sep = sep;
    }

    /**
     * Opens the store and starts every configured listener on one Jetty server.
     *
     * @param config validated configuration
     * @return the running server; close it to stop gracefully
     * @throws IllegalStateException when a listener cannot start (the message names the listener, host and port);
     *                               nothing is left running
     */
    public static VtnServer start(VtnConfig config) {
        if (config.vtnId().equals(config.vtnId().toLowerCase(Locale.ROOT))) {
            LOG.warn("vtnId '{}' is all lower case; some certified VENs reject such a vtnID", config.vtnId());
        }
        CoreConfig.Builder cb = CoreConfig.builder().clock(config.clock()).vtnId(config.vtnId())
                .defaultPollFreq(config.pollFreq()).nearWindow(config.nearWindow()).limits(config.storeLimits());
        if (config.dataDir() != null) {
            cb.dataDir(config.dataDir());
        } else if (config.memoryName() != null) {
            cb.inMemory(config.memoryName());
        }
        cb.database(config.database());
        VtnCore core = VtnCore.open(cb.build());
        Server jetty = new Server(threadPool(config));
        PushDispatcher push = null;
        Oadr3Server oadr3 = null;
        ServerMetrics metrics = new ServerMetrics();
        try {
            OadrCodec codec = OadrCodec.create(new PublishedSchemas(),
                    XmlLimits.DEFAULT.withMaxDocumentBytes(config.maxBodyBytes()), true, true);
            TlsFactory tls = TlsFactory.of(config.tls());
            core.metrics().addCrlStaleSource(tls.revocation()::staleCrls);
            // Derby: the idle oadrPoll is answered from the read caches on the selector thread (issue #18)
            boolean selectorAnswers = core.store().database().singleProcess();
            ServerConnector connector = oadrConnector(jetty, config, tls, selectorAnswers);
            // several nodes (PostgreSQL): replay nonces are shared through the database; one process keeps its own
            OadrSignatures signatures = OadrSignatures.create(config.signatures(), config.tls().trustAnchors(),
                    config.clock(), codec.limits(), tls.revocation()::checkSigner,
                    core.store().database().singleProcess() ? null
                            : org.openvtn.store.JdbcNonceStore.on(core.store().database())::firstUse);
            OadrServices services = OadrServices.of(core, config.push().targets()::refusal);
            OadrHandler handler = new OadrHandler(config.basePath(), codec, services,
                    config.maxBodyBytes(), OadrHandler.tlsIdentity(), signatures,
                    caller -> core.participants().admit(ParticipantId.oadr(caller.fingerprint()), config.enrolment()))
                    .nonBlockingCaller(selectorAnswers);
            metrics.countAnswerThreads(handler);
            ListenerRouter router = new ListenerRouter();
            metrics.countHandshakeFailures(connector);
            metrics.bindCore(core);
            core.store().database().dataSource().ifPresent(metrics::bindDataSource);
            router.route(OADR_CONNECTOR, metrics.timed(config.limits().wrap(new OadrRequestScope(handler), "OpenADR"),
                    "oadr20b"));
            // the 2030.5 services are built once, here, also without a 2030.5 listener (the admin API uses them)
            SepServices sepServices = config.sep() != null ? SepServer.services(config.sep(), core)
                    : SepServices.builder(core).build();
            SepServer sep = null;
            if (config.sep() != null) {
                sep = SepServer.mount(jetty, config.sep(), sepServices);
                metrics.countHandshakeFailures(sep.connector());
                metrics.bindNotifications(sep::deliveryStats);
                router.route(SepServer.CONNECTOR, metrics.timed(sep.handler(), "ieee2030.5"));
            }
            if (config.oadr3() != null) {
                Oadr3Services oadr3Services = Oadr3Services.of(core, config.dataDir(), config.oadr3().tokenLifetime());
                if (config.oadr3().externalAuth() != null) {
                    oadr3Services.useExternalAuth(config.oadr3().externalAuth());
                }
                oadr3 = Oadr3Server.mount(jetty, config.oadr3(), oadr3Services);
                router.route(Oadr3Server.CONNECTOR, metrics.timed(oadr3.handler(), "oadr3"));
            }
            AdminServer admin = null;
            if (config.admin() != null) {
                admin = AdminServer.mount(jetty, config.admin(), core, sepServices, new ServerOps(jetty, core, metrics),
                        oadr3 == null ? null : oadr3.services());
                router.route(AdminServer.CONNECTOR, metrics.timed(admin.handler(), "admin"));
            }
            jetty.setHandler(new GracefulHandler(router));
            jetty.setErrorHandler(new ListenerRouter.Errors(sep == null ? Set.of() : Set.of(SepServer.CONNECTOR)));
            jetty.setStopTimeout(config.stopTimeout().toMillis());
            ConnectionBudget.install(jetty); // below the open-file limit over all listeners (issue #18)
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the VTN: " + unbound(jetty) + ": "
                        + e.getMessage(), e);
            }
            push = PushDispatcher.start(config.push(), core, JdbcPushStore.on(core.store()), services, codec, signatures,
                    tls, config.enrolment());
            if (oadr3 != null) {
                oadr3.startNotifiers(core.clock());
            }
            if (sep != null) {
                sep.advertise(); // DNS-SD once the port is bound (IEEE 2030.5-2018 §6.5; off by default)
            }
            VtnServer server = new VtnServer(config, core, codec, jetty, connector, admin, sep, push, metrics, oadr3);
            LOG.info("OpenADR 2.0b VTN {} listening on {} (mutual TLS, enrolment {})", config.vtnId(),
                    server.oadrBaseUri(), config.enrolment().wireName());
            if (sep != null) {
                LOG.info("IEEE 2030.5 listener on https://{}:{} (enrolment {})", config.sep().host(), sep.port(),
                        config.sep().enrolment().wireName());
            }
            if (oadr3 != null) {
                LOG.info("OpenADR 3.1 listener on {} ({})", oadr3.baseUri(),
                        config.oadr3().mutualTls() ? "OAuth2 + mutual TLS" : "OAuth2 bearer tokens over TLS");
            }
            if (admin != null) {
                LOG.info("Admin API listening on {}", admin.baseUri());
            }
            return server;
        } catch (RuntimeException e) {
            stopQuietly(jetty);
            if (push != null) {
                push.close();
            }
            if (oadr3 != null) {
                oadr3.close();
            }
            core.close();
            metrics.close();
            throw e;
        }
    }

    /** One pool for every listener, as large as the listeners' thread limits together. */
    private static QueuedThreadPool threadPool(VtnConfig config) {
        int max = config.limits().maxThreads();
        if (config.sep() != null) {
            max += config.sep().limits().maxThreads();
        }
        if (config.admin() != null) {
            max += config.admin().limits().maxThreads();
        }
        if (config.oadr3() != null) {
            max += config.oadr3().limits().maxThreads();
        }
        QueuedThreadPool pool = new QueuedThreadPool(max, Math.min(8, max));
        pool.setName("openvtn");
        return pool;
    }

    private static ServerConnector oadrConnector(Server jetty, VtnConfig config, TlsFactory tls,
                                                 boolean selectorAnswers) {
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false); // identity is the client certificate, not the Host header
        ServerConnector connector = TlsConnectors.mutualTls(jetty, tls, config.limits(), secure, OADR_CONNECTOR,
                config.oadrHost(), config.oadrPort(), selectorAnswers);
        jetty.addConnector(connector);
        return connector;
    }

    /** Names the listeners whose connector did not start, e.g. {@code the IEEE 2030.5 listener on 127.0.0.1:8444}. */
    private static String unbound(Server jetty) {
        List<String> failed = new ArrayList<>();
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof ServerConnector sc && !sc.isStarted()) {
                failed.add(listenerName(sc.getName()) + " on " + sc.getHost() + ":" + sc.getPort());
            }
        }
        return failed.isEmpty() ? "the listeners" : String.join(", ", failed);
    }

    private static String listenerName(String connector) {
        return switch (connector) {
            case OADR_CONNECTOR -> "the OpenADR listener";
            case SepServer.CONNECTOR -> "the IEEE 2030.5 listener";
            case AdminServer.CONNECTOR -> "the admin API";
            case Oadr3Server.CONNECTOR -> "the OpenADR 3.1 listener";
            default -> connector;
        };
    }

    /** @return the bound port of the OpenADR listener */
    public int oadrPort() {
        return oadrConnector.getLocalPort();
    }

    /** Same as {@link #oadrPort()}. */
    public int port() {
        return oadrPort();
    }

    /** @return e.g. {@code https://127.0.0.1:8443/OpenADR2/Simple/2.0b/} */
    public URI oadrBaseUri() {
        String host = config.oadrHost().equals("0.0.0.0") ? "localhost" : config.oadrHost();
        return URI.create("https://" + host + ":" + oadrPort() + config.basePath() + OadrHandler.PATH);
    }

    /** @return the admin API port when the admin listener runs */
    public Optional<Integer> adminPort() {
        return admin == null ? Optional.empty() : Optional.of(admin.port());
    }

    /** @return the IEEE 2030.5 listener when configured (port, delivery counters) */
    public Optional<SepServer> sep() {
        return Optional.ofNullable(sep);
    }

    /** @return the OpenADR 3.1 listener when configured (port, base URI, token clients) */
    public Optional<Oadr3Server> oadr3() {
        return Optional.ofNullable(oadr3);
    }

    /** @return the admin API base URI when the admin listener runs */
    public Optional<String> adminBaseUri() {
        return admin == null ? Optional.empty() : Optional.of(admin.baseUri());
    }

    public VtnConfig config() {
        return config;
    }

    /** @return the core (operator actions in tests and tools) */
    public VtnCore core() {
        return core;
    }

    /** @return this server's meters (the same registry {@code GET /metrics} on the admin listener exposes) */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** @return the server's one OpenADR codec */
    public OadrCodec codec() {
        return codec;
    }

    /** Stops gracefully: requests in flight finish (up to stopTimeout), then the store closes. */
    @Override
    public void close() {
        if (sep != null) {
            sep.close(); // withdraws the DNS-SD advertisement; the shared Jetty server stops below
        }
        stopQuietly(jetty);
        push.close();
        if (oadr3 != null) {
            oadr3.close();
        }
        core.close();
        metrics.close();
        LOG.info("VTN {} stopped", config.vtnId());
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the VTN listeners failed: {}", e.toString());
        }
    }
}
