package org.openvtn.conformance.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
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
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;

/**
 * The suite pointed at a defective 2030.5 server (a test double over real mutual TLS with the 2030.5 profile):
 * its EndDeviceList claims {@code results="2"} but holds one EndDevice, its Time resource lacks the required
 * {@code quality}, and it answers a DERStatus PUT with 204 but keeps serving a stale DERStatus. The cases that read
 * them fail, naming the rule and the element.
 */
class SepServerSuiteDefectIT {

    private static final TestPki PKI = TestPki.shared();
    private static final String NS = "xmlns=\"urn:ieee:std:2030.5:ns\"";
    private static Server server;
    private static ServerConnector connector;

    @BeforeAll
    static void start() throws Exception {
        var device = PKI.device().certificate();
        String lfdi = SepIdentity.lfdi(device);
        long sfdi = SepIdentity.sfdi(device);
        Map<String, String> pages = Map.of(
                "/dcap", "<DeviceCapability " + NS + " href=\"/dcap\"><TimeLink href=\"/tm\"/>"
                        + "<EndDeviceListLink all=\"1\" href=\"/edev\"/></DeviceCapability>",
                "/tm", "<Time " + NS + " href=\"/tm\"><currentTime>" + (System.currentTimeMillis() / 1000)
                        + "</currentTime><dstEndTime>0</dstEndTime><dstOffset>0</dstOffset><dstStartTime>0"
                        + "</dstStartTime><tzOffset>0</tzOffset></Time>",
                "/edev", "<EndDeviceList " + NS + " href=\"/edev\" all=\"1\" results=\"2\"><EndDevice href=\"/edev/1\">"
                        + "<lFDI>" + lfdi + "</lFDI><sFDI>" + sfdi + "</sFDI><changedTime>0</changedTime>"
                        + "</EndDevice></EndDeviceList>",
                "/edev/1", "<EndDevice " + NS + " href=\"/edev/1\"><lFDI>" + lfdi + "</lFDI><sFDI>" + sfdi + "</sFDI>"
                        + "<changedTime>0</changedTime><DERListLink all=\"1\" href=\"/edev/1/der\"/>"
                        + "<FunctionSetAssignmentsListLink all=\"0\" href=\"/edev/1/fsa\"/></EndDevice>",
                "/edev/1/fsa", "<FunctionSetAssignmentsList " + NS + " href=\"/edev/1/fsa\" all=\"0\" results=\"0\"/>",
                "/edev/1/der", "<DERList " + NS + " href=\"/edev/1/der\" all=\"1\" results=\"1\"><DER href=\"/edev/1/der/1\">"
                        + "<DERStatusLink href=\"/edev/1/der/1/ders\"/></DER></DERList>",
                "/edev/1/der/1", "<DER " + NS + " href=\"/edev/1/der/1\"><DERStatusLink href=\"/edev/1/der/1/ders\"/></DER>",
                // Accepts every PUT (204) but keeps serving this stale status: the device's report is lost.
                "/edev/1/der/1/ders", "<DERStatus " + NS + " href=\"/edev/1/der/1/ders\"><operationalModeStatus>"
                        + "<dateTime>0</dateTime><value>0</value></operationalModeStatus><readingTime>0</readingTime>"
                        + "</DERStatus>");
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
            public boolean handle(Request request, Response response, Callback callback) {
                String body = pages.get(Request.getPathInContext(request));
                if (body != null && "PUT".equals(request.getMethod())) {
                    response.setStatus(204);
                    callback.succeeded();
                    return true;
                }
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

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    /** CSIP CORE-003 reads the EndDeviceList, CORE-005 the Time: both FAIL with the rule and element. */
    @Test
    void defectsFailTheNamedCases() {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + connector.getLocalPort(), f.chain(), f.key(),
                PKI.pki().sercaFile(), null, Set.of(), null, null, Duration.ofSeconds(2), Map.of());
        RunResult result = new ConformanceRunner(RunConfig.builder().include("CORE-003").include("CORE-005")
                .caseTimeout(Duration.ofSeconds(30)).build()).run(new SepServerSuite(), target);
        CaseResult polling = result.results().stream().filter(r -> r.id().equals("CORE-003")).findFirst().orElseThrow();
        CaseResult time = result.results().stream().filter(r -> r.id().equals("CORE-005")).findFirst().orElseThrow();

        assertEquals(Verdict.FAIL, polling.verdict(), polling.reason() + " " + polling.violations());
        RuleViolation lists = polling.violations().stream().filter(v -> v.rule().equals(SepRules.LIST_ALL_RESULTS))
                .findFirst().orElseThrow(() -> new AssertionError(polling.violations().toString()));
        assertTrue(lists.element().endsWith("/EndDeviceList/@results"), lists.toString());
        assertTrue(lists.message().contains("results=2 but 1 items"), lists.toString());

        assertEquals(Verdict.FAIL, time.verdict(), time.reason() + " " + time.violations());
        RuleViolation xsd = time.violations().stream().filter(v -> v.rule().equals(SepRules.XSD)).findFirst()
                .orElseThrow(() -> new AssertionError(time.violations().toString()));
        assertTrue(xsd.element().startsWith("GET Time: line 1"), xsd.toString());
        assertTrue(xsd.message().contains("tzOffset") || xsd.message().contains("quality"), xsd.toString());
        assertTrue(result.results().stream().filter(r -> !List.of("CORE-003", "CORE-005").contains(r.id()))
                .noneMatch(r -> r.verdict() == Verdict.PASS || r.verdict() == Verdict.FAIL), "only the included run");
    }

    /** CSIP BASIC-028 / CSIP-AUS S-ALL-09: a DERStatus PUT that is accepted but not stored FAILs on the read-back. */
    @Test
    void lostDerStatusFailsBasic028() {
        var f = PKI.files("device-0001");
        TargetConfig target = new TargetConfig("https://127.0.0.1:" + connector.getLocalPort(), f.chain(), f.key(),
                PKI.pki().sercaFile(), null, Set.of(), null, null, Duration.ofSeconds(2), Map.of());
        RunResult result = new ConformanceRunner(RunConfig.builder().include("BASIC-028")
                .caseTimeout(Duration.ofSeconds(30)).build()).run(new SepServerSuite(), target);
        CaseResult status = result.results().stream().filter(r -> r.id().equals("BASIC-028")).findFirst().orElseThrow();
        assertEquals(Verdict.FAIL, status.verdict(), status.reason() + " " + status.violations());
        RuleViolation mode = status.violations().stream().filter(v -> v.rule().equals(DerCases.READ_BACK)
                        && v.element().endsWith("/DERStatus/operationalModeStatus/value")).findFirst()
                .orElseThrow(() -> new AssertionError(status.violations().toString()));
        assertTrue(mode.message().contains("'0' but the device PUT '2'"), mode.toString());
        assertTrue(status.violations().stream().anyMatch(v -> v.rule().equals(DerCases.READ_BACK)
                && v.element().endsWith("/DERStatus/genConnectStatus")), status.violations().toString());
    }
}
