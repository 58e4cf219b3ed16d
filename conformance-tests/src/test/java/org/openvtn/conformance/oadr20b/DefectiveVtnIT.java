package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.admin.AdminConfig;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;

/**
 * The suite against a defective VTN: a mutual-TLS test double in front of our VTN that rewrites the VTN's
 * answers. (a) modificationNumber never changes (conformance rule 5, E1_1030); (b) oadrDistributeEvent without
 * its required vtnID (schema-invalid, E1_1010). The named case must FAIL with the rule and the element.
 */
class DefectiveVtnIT {

    private static final TestPki PKI = TestPki.shared();
    private static VtnServer vtn;

    @BeforeAll
    static void start() {
        vtn = VtnServer.start(VtnConfig.builder().inMemory("a2defect" + UUID.randomUUID().toString().replace("-", ""))
                .oadrHost("127.0.0.1").oadrPort(0).tls(PKI.oadrServerConfig().build())
                .admin(AdminConfig.builder().port(0).token("suite-token-0123456789").build()).build());
    }

    @AfterAll
    static void stop() {
        if (vtn != null) {
            vtn.close();
        }
    }

    /**
     * A mutual-TLS HTTP server that forwards every request to our VTN as the suite's VEN (same certificate, so
     * the VTN sees the same identity) and rewrites each answer body.
     */
    static final class RewritingVtn implements AutoCloseable {
        private final HttpsServer server;
        private final HttpsProbe upstream;

        RewritingVtn(UnaryOperator<String> rewrite) throws IOException {
            SSLContext serverTls = TlsFactory.of(PKI.oadrServerConfig().build()).serverSslContext();
            upstream = HttpsProbe.create(TlsFactory.of(PKI.oadrClientConfig(PKI.credential("ven-ecc-0001")).build())
                    .clientSslContext(), null, Duration.ofSeconds(10));
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverTls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Exchange up = upstream.send("forward", "POST", URI.create("https://127.0.0.1:" + vtn.oadrPort()
                        + exchange.getRequestURI().getPath()), "application/xml", body);
                byte[] answer = rewrite.apply(up.responseBody()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(up.status() == 0 ? 502 : up.status(), answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "https://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            upstream.close();
        }
    }

    private static CaseResult run(RewritingVtn target, String caseId) {
        RunResult r = new ConformanceRunner(RunConfig.builder().include(caseId).caseTimeout(Duration.ofSeconds(60))
                .build()).run(new Oadr20bVtnPullSuite(), Oadr20bVtnPullSuiteIT.target(target.url(),
                vtn.adminBaseUri().orElseThrow(), Set.of()));
        return r.results().stream().filter(c -> c.id().equals(caseId)).findFirst().orElseThrow();
    }

    /** Rule 5 / E1_1030: a VTN that keeps modificationNumber at 0 fails with the rule and the element. */
    @Test
    void stuckModificationNumberFailsE1_1030() throws Exception {
        try (RewritingVtn defective = new RewritingVtn(body -> body.replaceAll(
                "(<(\\w+:)?modificationNumber>)\\d+(</(\\w+:)?modificationNumber>)", "$10$3"))) {
            CaseResult r = run(defective, "E1_1030");
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(OadrRules.MOD_INCREMENTS)
                    && v.element().endsWith("/eventDescriptor/modificationNumber")), () -> r.violations().toString());
        }
    }

    /** E1_1010: an oadrDistributeEvent without vtnID fails rule xsd, naming the distribution element. */
    @Test
    void schemaInvalidDistributionFailsE1_1010() throws Exception {
        try (RewritingVtn defective = new RewritingVtn(body -> body.contains("oadrDistributeEvent")
                ? body.replaceAll("<(\\w+:)?vtnID>[^<]*</(\\w+:)?vtnID>", "") : body)) {
            CaseResult r = run(defective, "E1_1010");
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(OadrRules.XSD)
                    && v.element().contains("/oadrDistributeEvent") && v.message().contains("vtnID")),
                    () -> r.violations().toString());
        }
    }
}
