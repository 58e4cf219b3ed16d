package org.openvtn.server;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.admin.AdminServer;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.core.ParticipantId;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.oadr20b.http.OadrHandler;
import org.openvtn.oadr20b.push.PushDispatcher;
import org.openvtn.oadr20b.security.OadrSignatures;
import org.openvtn.oadr20b.service.OadrServices;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.XmlLimits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled VTN: one {@link VtnCore}, one {@link OadrCodec}, a Jetty server with the OpenADR
 * 2.0b mutual-TLS listener and, when configured, the admin API listener.
 *
 * <pre>{@code
 * try (VtnServer server = VtnServer.start(VtnConfig.builder().dataDir(dir).pki(pkiDir, pw).build())) {
 *     URI base = server.oadrBaseUri();   // https://host:port/OpenADR2/Simple/2.0b/
 * }
 * }</pre>
 */
public final class VtnServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VtnServer.class);

    private final VtnConfig config;
    private final VtnCore core;
    private final OadrCodec codec;
    private final Server jetty;
    private final ServerConnector oadrConnector;
    private final AdminServer admin;
    private final PushDispatcher push;

    private VtnServer(VtnConfig config, VtnCore core, OadrCodec codec, Server jetty, ServerConnector oadrConnector,
                      AdminServer admin, PushDispatcher push) {
        this.push = push;
        this.config = config;
        this.core = core;
        this.codec = codec;
        this.jetty = jetty;
        this.oadrConnector = oadrConnector;
        this.admin = admin;
    }

    /**
     * Opens the store and starts the listeners.
     *
     * @param config validated configuration
     * @return the running server; close it to stop gracefully
     * @throws IllegalStateException when a listener cannot start (the message names host and port)
     */
    public static VtnServer start(VtnConfig config) {
        if (config.vtnId().equals(config.vtnId().toLowerCase(Locale.ROOT))) {
            LOG.warn("vtnId '{}' is all lower case; some certified VENs reject such a vtnID", config.vtnId());
        }
        CoreConfig.Builder cb = CoreConfig.builder().clock(config.clock()).vtnId(config.vtnId())
                .defaultPollFreq(config.pollFreq()).nearWindow(config.nearWindow()).limits(config.storeLimits());
        if (config.dataDir() != null) {
            cb.dataDir(config.dataDir());
        } else {
            cb.inMemory(config.memoryName());
        }
        VtnCore core = VtnCore.open(cb.build());
        Server jetty = new Server(config.limits().threadPool("oadr"));
        AdminServer admin = null;
        PushDispatcher push = null;
        try {
            OadrCodec codec = OadrCodec.create(new PublishedSchemas(),
                    XmlLimits.DEFAULT.withMaxDocumentBytes(config.maxBodyBytes()), true, true);
            HttpConfiguration http = new HttpConfiguration();
            http.setSendServerVersion(false);
            config.limits().apply(http);
            SecureRequestCustomizer secure = new SecureRequestCustomizer();
            secure.setSniHostCheck(false); // identity is the client certificate, not the Host header
            http.addCustomizer(secure);
            SslContextFactory.Server ssl = new SslContextFactory.Server();
            TlsFactory tls = TlsFactory.of(config.tls());
            tls.configureJetty(ssl);
            core.metrics().addCrlStaleSource(tls.revocation()::staleCrls);
            ServerConnector connector = new ServerConnector(jetty, new SslConnectionFactory(ssl, "http/1.1"),
                    new HttpConnectionFactory(http));
            connector.addBean(tls.sessionGuard()); // resumed sessions re-checked after a CRL change (issue #12 item 2)
            config.limits().apply(jetty, connector);
            connector.setHost(config.oadrHost());
            connector.setPort(config.oadrPort());
            jetty.addConnector(connector);
            OadrSignatures signatures = OadrSignatures.create(config.signatures(), config.tls().trustAnchors(),
                    config.clock(), codec.limits(), tls.revocation()::checkSigner);
            OadrServices services = OadrServices.of(core, config.push().targets()::refusal);
            OadrHandler handler = new OadrHandler(config.basePath(), codec, services,
                    config.maxBodyBytes(), OadrHandler.tlsIdentity(), signatures,
                    caller -> core.participants().admit(ParticipantId.oadr(caller.fingerprint()), config.enrolment()));
            jetty.setHandler(new GracefulHandler(config.limits().wrap(handler, "OpenADR")));
            jetty.setStopTimeout(config.stopTimeout().toMillis());
            try {
                jetty.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the OpenADR listener on " + config.oadrHost() + ":"
                        + config.oadrPort() + ": " + e.getMessage(), e);
            }
            push = PushDispatcher.start(config.push(), core, services, codec, signatures, tls, config.enrolment());
            if (config.admin() != null) {
                admin = AdminServer.start(config.admin(), core);
            }
            VtnServer server = new VtnServer(config, core, codec, jetty, connector, admin, push);
            LOG.info("OpenADR 2.0b VTN {} listening on {} (mutual TLS, enrolment {})", config.vtnId(),
                    server.oadrBaseUri(), config.enrolment().wireName());
            return server;
        } catch (RuntimeException e) {
            stopQuietly(jetty);
            if (admin != null) {
                admin.close();
            }
            if (push != null) {
                push.close();
            }
            core.close();
            throw e;
        }
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

    /** @return the server's one OpenADR codec */
    public OadrCodec codec() {
        return codec;
    }

    /** Stops gracefully: requests in flight finish (up to stopTimeout), then the store closes. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close();
        }
        stopQuietly(jetty);
        push.close();
        core.close();
        LOG.info("VTN {} stopped", config.vtnId());
    }

    private static void stopQuietly(Server jetty) {
        try {
            jetty.stop();
        } catch (Exception e) {
            LOG.warn("stopping the OpenADR listener failed: {}", e.toString());
        }
    }
}
