package org.openvtn.sep;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.testing.MutableClock;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.XmlCodecException;
import org.openvtn.sep.http.SepConfig;
import org.openvtn.sep.http.SepServer;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * A real 2030.5 server on 127.0.0.1 port 0 (mutual TLS, CCM_8 on BCJSSE) over an in-memory core
 * with a {@link MutableClock}, and CCM_8 clients built from the test PKI.
 */
final class SepFixture implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    static final SepCodec CODEC = SepCodec.create(new PublishedSchemas());
    /** {@link #CODEC} with CSIP-AUS 1.3 bound. */
    static final SepCodec CSIP_AUS = CODEC.withCsipAus();
    static final TestPki PKI = TestPki.shared();

    final MutableClock clock = new MutableClock(T0);
    final VtnCore core;
    final SepServer server;

    SepFixture() {
        this(DeliveryPolicy.defaults(), null);
    }

    /**
     * @param delivery notification delivery policy
     * @param dataDir  Derby data directory (restart tests), or null for an in-memory database
     */
    SepFixture(DeliveryPolicy delivery, java.nio.file.Path dataDir) {
        this(delivery.withTargets(LOOPBACK), dataDir, org.openvtn.core.EnrolmentPolicy.OPEN, b -> { });
    }

    /** Test notification listeners run on loopback, which production refuses (issue #12 item 10). */
    static final NotificationTargets LOOPBACK = NotificationTargets.publicOnly(java.util.List.of("127.0.0.0/8"));

    /** With the given enrolment policy on the 2030.5 listener (issue #12 item 5). */
    SepFixture(DeliveryPolicy delivery, java.nio.file.Path dataDir, org.openvtn.core.EnrolmentPolicy enrolment) {
        this(delivery.withTargets(LOOPBACK), dataDir, enrolment, b -> { });
    }

    /**
     * @param delivery notification delivery policy, used as given (its notificationURI host rule included)
     * @param dataDir  Derby data directory, or null for an in-memory database
     * @param asGiven  marks this constructor apart from the one that allows loopback notification listeners
     */
    SepFixture(DeliveryPolicy delivery, java.nio.file.Path dataDir, boolean asGiven) {
        this(delivery, dataDir, org.openvtn.core.EnrolmentPolicy.OPEN, b -> { });
    }

    /** An in-memory fixture with extra core configuration (e.g. small storage quotas). */
    SepFixture(java.util.function.Consumer<CoreConfig.Builder> coreConfig) {
        this(DeliveryPolicy.defaults().withTargets(LOOPBACK), null, org.openvtn.core.EnrolmentPolicy.OPEN, coreConfig);
    }

    /** An in-memory fixture whose 2030.5 listener keeps ended controls listed for {@code eventRetention}. */
    SepFixture(java.time.Duration eventRetention) {
        this(DeliveryPolicy.defaults().withTargets(LOOPBACK), null, org.openvtn.core.EnrolmentPolicy.OPEN, b -> { },
                eventRetention);
    }

    private SepFixture(DeliveryPolicy delivery, java.nio.file.Path dataDir, org.openvtn.core.EnrolmentPolicy enrolment,
                       java.util.function.Consumer<CoreConfig.Builder> coreConfig) {
        this(delivery, dataDir, enrolment, coreConfig, java.time.Duration.ZERO);
    }

    private SepFixture(DeliveryPolicy delivery, java.nio.file.Path dataDir, org.openvtn.core.EnrolmentPolicy enrolment,
                       java.util.function.Consumer<CoreConfig.Builder> coreConfig, java.time.Duration eventRetention) {
        CoreConfig.Builder cb = CoreConfig.builder().clock(clock);
        coreConfig.accept(cb);
        if (dataDir == null) {
            cb.inMemory("sep" + UUID.randomUUID().toString().replace("-", ""));
        } else {
            cb.dataDir(dataDir);
        }
        core = VtnCore.open(cb.build());
        server = SepServer.start(SepConfig.builder().tls(PKI.sepServerConfig().build()).codec(CODEC).clock(clock)
                .host("127.0.0.1").port(0).delivery(delivery).enrolment(enrolment).eventRetention(eventRetention)
                .build(), core);
    }

    Client client(Credential credential) throws Exception {
        return client(PKI, credential, server.port());
    }

    /** A device client of a 2030.5 listener on 127.0.0.1:port, with a credential of the given test PKI. */
    static Client client(TestPki pki, Credential credential, int port) throws Exception {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        TlsFactory.of(pki.sepClientConfig(credential).build()).configureJettyClient(ssl);
        ssl.setEndpointIdentificationAlgorithm(null);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP(connector));
        http.start();
        return new Client(http, "https://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.close();
        core.close();
    }

    /** A response; {@link #resource(Class)} validates the body against sep.xsd. */
    record Reply(int status, Map<String, String> headers, byte[] body) {
        <T> T resource(Class<T> type) throws XmlCodecException {
            return CODEC.decode(body, type);
        }

        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A 2030.5 client over Jetty's HttpClient. */
    static final class Client implements AutoCloseable {
        private final HttpClient http;
        private final String base;

        Client(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        Reply get(String path) throws Exception {
            return send("GET", path, null);
        }

        Reply post(String path, byte[] body) throws Exception {
            return send("POST", path, body);
        }

        Reply put(String path, byte[] body) throws Exception {
            return send("PUT", path, body);
        }

        Reply post(String path, Object resource) throws Exception {
            return send("POST", path, CODEC.encode(resource));
        }

        Reply send(String method, String path, byte[] body) throws Exception {
            Request r = http.newRequest(base + path).method(method).timeout(20, TimeUnit.SECONDS);
            if (body != null) {
                r.body(new BytesRequestContent(SepCodec.CONTENT_TYPE, body));
            }
            ContentResponse resp = r.send();
            Map<String, String> headers = new java.util.HashMap<>();
            resp.getHeaders().forEach(f -> headers.put(f.getLowerCaseName(), f.getValue()));
            byte[] content = resp.getContent();
            if (content.length > 0 && org.openvtn.schemas.CsipAusBinding.uses(content)) {
                CSIP_AUS.csipAus().orElseThrow().validate(content); // CSIP-AUS 1.3 servers (CsipAusServerIT)
            } else if (content.length > 0) {
                CODEC.validate(content);
            }
            return new Reply(resp.getStatus(), headers, content);
        }

        @Override
        public void close() {
            try {
                http.stop();
            } catch (Exception e) {
                throw new IllegalStateException("stopping the test client failed", e);
            }
        }
    }
}
