package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
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
 * CSIP-AUS S-OPT-03, S-ALL-53 and S-OPT-02 against a defective 2030.5 server (a test double over real mutual TLS):
 * its EndDevice links a ConnectionPoint, but every PUT there is answered 204, the invalid one included, and a stale
 * connectionPointId keeps being served. Each case FAILs, naming its rule.
 */
class ConnectionPointDefectIT {

    private static final TestPki PKI = TestPki.shared();
    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\" xmlns:csipaus=\"https://csipaus.org/ns/v1.3\"";
    private static Server server;
    private static ServerConnector connector;

    @BeforeAll
    static void start() throws Exception {
        var device = PKI.device().certificate();
        String lfdi = SepIdentity.lfdi(device);
        long sfdi = SepIdentity.sfdi(device);
        String edev = "<lFDI>" + lfdi + "</lFDI><sFDI>" + sfdi + "</sFDI><changedTime>0</changedTime>"
                + "<csipaus:ConnectionPointLink href=\"/edev/1/cp\"/>";
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><EndDeviceListLink all=\"1\" href=\"/edev\"/>"
                        + "</DeviceCapability>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"1\"><EndDevice href=\"/edev/1\">"
                        + edev + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\">" + edev + "</EndDevice>",
                // Accepts every PUT (204), even an invalid one, and keeps serving this stale id.
                "/edev/1/cp", "<ConnectionPoint xmlns=\"https://csipaus.org/ns/v1.3\" href=\"/edev/1/cp\">"
                        + "<connectionPointId>0000000000</connectionPointId></ConnectionPoint>");
        server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        TlsFactory.of(PKI.sepServerConfig().build()).configureJetty(ssl);
        connector = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String body = pages.get(Request.getPathInContext(request));
                if (body == null || "PUT".equals(request.getMethod())) {
                    response.setStatus(body == null ? 404 : 204);
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

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** CSIP-AUS S-OPT-03, S-ALL-53 (lost PUT) and S-OPT-02 (invalid PUT accepted) FAIL with their rules. */
    @Test
    void lostAndUncheckedConnectionPointsFail() {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + connector.getLocalPort(), f.chain(), f.key(),
                PKI.pki().sercaFile(), null, Set.of(SepServerSuite.CSIP_AUS), null, null, Duration.ofSeconds(2),
                Map.of());
        RunResult result = new ConformanceRunner(RunConfig.builder().include("S-OPT-03").include("S-ALL-53")
                .include("S-OPT-02").caseTimeout(Duration.ofSeconds(30)).build()).run(new SepServerSuite(), target);
        for (String id : new String[] {"S-OPT-03", "S-ALL-53", "S-OPT-02"}) {
            CaseResult r = result.results().stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
            assertEquals(Verdict.FAIL, r.verdict(), id + ": " + r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(ConnectionPointCases.STORED)
                    && v.message().contains("'0000000000' but the device PUT")), id + ": " + r.violations());
        }
        CaseResult opt02 = result.results().stream().filter(x -> x.id().equals("S-OPT-02")).findFirst().orElseThrow();
        // the stale id already fails the first step; a server that stored it would still fail the refusal rule
        assertTrue(opt02.violations().stream().anyMatch(v -> v.rule().equals(ConnectionPointCases.REFUSED)
                && v.message().contains("expected 400") && v.message().contains("-> 204")),
                opt02.violations().toString());
    }
}
