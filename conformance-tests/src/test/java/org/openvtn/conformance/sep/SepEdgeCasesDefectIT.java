package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * The edge cases of {@link EdgeCases} against a defective 2030.5 server (a test double over real mutual TLS with the
 * 2030.5 profile) that behaves as OpenVTN did before issue #17: a duplicate EndDevice POST answers 201, a re-POSTed
 * MirrorUsagePoint keeps its old roleFlags, a MirrorMeterReadingList is refused, the EndDeviceList is neither marked
 * subscribable nor accepted as a subscribedResource. CSIP-AUS S-ALL-51, S-ALL-07 and S-ALL-25 FAIL, naming the rule.
 */
class SepEdgeCasesDefectIT {

    private static final TestPki PKI = TestPki.shared();
    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\"";
    private static Server server;
    private static ServerConnector connector;

    @BeforeAll
    static void start() throws Exception {
        var device = PKI.device().certificate();
        String lfdi = SepIdentity.lfdi(device);
        long sfdi = SepIdentity.sfdi(device);
        String endDevice = "<lFDI>" + lfdi + "</lFDI><sFDI>" + sfdi + "</sFDI><changedTime>0</changedTime>";
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><TimeLink href=\"/tm\"/>"
                        + "<EndDeviceListLink all=\"1\" href=\"/edev\"/><MirrorUsagePointListLink all=\"1\" href=\"/mup\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + endDevice + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + endDevice
                        + "<SubscriptionListLink all=\"0\" href=\"/edev/1/sub\"/></EndDevice>");
        AtomicReference<String> firstMup = new AtomicReference<>();
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(PKI.sepServerConfig().build()).configureJetty(ssl);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"), new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if ("POST".equals(request.getMethod())) {
                    String body;
                    try (InputStream in = Content.Source.asInputStream(request)) {
                        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    switch (path) {
                        case "/edev" -> created(response, "/edev/1"); // the defect: a duplicate LFDI accepted
                        case "/mup" -> {
                            firstMup.compareAndSet(null, body); // the defect: a re-POST changes nothing
                            created(response, "/mup/1");
                        }
                        case "/mup/1" -> response.setStatus(body.contains("MirrorMeterReadingList") ? 400 : 201);
                        case "/edev/1/sub" -> response.setStatus(400); // the defect: the EndDeviceList refused
                        default -> response.setStatus(404);
                    }
                    callback.succeeded();
                    return true;
                }
                String body = "/mup/1".equals(path) ? firstMup.get() : pages.get(path);
                if (body == null) {
                    response.setStatus(404);
                    callback.succeeded();
                    return true;
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/sep+xml");
                response.write(true, java.nio.ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.start();
    }

    private static void created(Response response, String location) {
        response.setStatus(201);
        response.getHeaders().put(HttpHeader.LOCATION, location);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** CSIP-AUS S-ALL-51, S-ALL-07 and S-ALL-25 FAIL against the defects, each naming its rule. */
    @Test
    void defectsFailSAll51SAll07AndSAll25() {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + connector.getLocalPort(), f.chain(), f.key(),
                PKI.pki().sercaFile(), null, Set.of(SepServerSuite.MIRROR_METERING, SepServerSuite.SUBSCRIPTIONS,
                SepServerSuite.REGISTRATION), null, null, Duration.ofSeconds(2), Map.of());
        RunResult result = new ConformanceRunner(RunConfig.builder().include("S-ALL-51").include("S-ALL-07")
                .include("S-ALL-25")
                .caseTimeout(Duration.ofSeconds(30)).build()).run(new SepServerSuite(), target);
        CaseResult dup = result.results().stream().filter(r -> r.id().equals("S-ALL-51")).findFirst().orElseThrow();
        CaseResult tel = result.results().stream().filter(r -> r.id().equals("S-ALL-07")).findFirst().orElseThrow();

        assertEquals(Verdict.FAIL, dup.verdict(), dup.reason() + " " + dup.violations());
        assertTrue(dup.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.DUPLICATE)
                && v.message().contains("4XX")), dup.violations().toString());

        assertEquals(Verdict.FAIL, tel.verdict(), tel.reason() + " " + tel.violations());
        assertTrue(tel.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.MUP_UPDATED)
                && v.element().endsWith("/roleFlags")), tel.violations().toString());
        assertTrue(tel.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.READING_LIST)),
                tel.violations().toString());

        CaseResult sub = result.results().stream().filter(r -> r.id().equals("S-ALL-25")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, sub.verdict(), sub.reason() + " " + sub.violations());
        assertTrue(sub.violations().stream().anyMatch(v -> v.rule().equals(EdgeCases.LIST_SUBSCRIBABLE)
                && v.element().endsWith("/@subscribable")), sub.violations().toString());
        assertTrue(sub.violations().stream().anyMatch(v -> v.rule().equals(SubscriptionCases.SUBSCRIBE)),
                sub.violations().toString());
    }
}
