package org.openvtn.conformance.oadr20b;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;
import org.openvtn.server.VtnServer;

/**
 * The push suite against a defective push VTN: our VTN pushes through a mutual-TLS relay that rewrites each
 * pushed payload before the suite's listener sees it (the suite advertises the relay as its oadrTransportAddress
 * through the {@code pushUrl} target property). The relay presents the VEN's certificate to the VTN (so the
 * VTN's fingerprint check passes) and the VTN's ECC certificate to the suite. (a) a pushed oadrDistributeEvent
 * without its required vtnID must FAIL E0_6020 with rule xsd; (b) a pushed modification that keeps
 * modificationNumber must FAIL E0_6030 with rule 5; (c) pushes that arrive over a connection authenticated with
 * another (validly issued) certificate than the VTN's must FAIL E0_6020 with {@code oadr.push.vtnCertificate}.
 */
class DefectivePushVtnIT {

    private static final TestPki PKI = TestPki.shared();
    private static VtnServer vtn;

    @BeforeAll
    static void start() {
        vtn = VtnServer.start(Oadr20bVtnPushSuiteIT.vtnConfig("a2pushdefect"));
    }

    @AfterAll
    static void stop() {
        if (vtn != null) {
            vtn.close();
        }
    }

    /** Relay: VTN -> (VEN certificate) relay (VTN certificate) -> suite listener, rewriting the pushed body. */
    static final class RewritingRelay implements AutoCloseable {
        private final HttpsServer server;
        private final HttpsProbe upstream;
        /** The suite's push listener binds this later (told by the target); re-chosen when it could not. */
        volatile int listenerPort;

        RewritingRelay(UnaryOperator<String> rewrite) throws IOException {
            this(rewrite, PKI.vtnEcc());
        }

        RewritingRelay(UnaryOperator<String> rewrite, org.openvtn.certs.pki.Credential caller) throws IOException {
            listenerPort = choosePort();
            SSLContext asVen = TlsFactory.of(PKI.oadrClientConfig(PKI.credential("ven-ecc-0001")).build())
                    .serverSslContext();
            upstream = HttpsProbe.create(TlsFactory.of(PKI.oadrClientConfig(caller).hostnameVerification(false).build())
                    .clientSslContext(),
                    null, Duration.ofSeconds(10));
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(asVen) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            server.createContext("/", exchange -> {
                String body = rewrite.apply(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                Exchange up = upstream.send("relay", "POST", URI.create("https://127.0.0.1:" + listenerPort
                        + exchange.getRequestURI().getPath()), "application/xml", body);
                byte[] answer = up.responseBody() == null ? new byte[0] : up.responseBody().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/xml");
                exchange.sendResponseHeaders(up.status() == 0 ? 502 : up.status(), answer.length == 0 ? -1 : answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.start();
        }

        /**
         * A port for the suite's push listener, chosen and released: the suite binds it only when the run starts,
         * so {@link DefectivePushVtnIT#run} retries on another one when that bind fails.
         */
        static int choosePort() throws IOException {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                return s.getLocalPort();
            }
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

    /** Runs one case through {@code relay}; retry-on-bind: another push listener port when the suite cannot bind. */
    private static CaseResult run(RewritingRelay relay, String caseId) throws IOException {
        CaseResult result = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            RunResult r = new ConformanceRunner(RunConfig.builder().include(caseId).caseTimeout(Duration.ofSeconds(60))
                    .build()).run(new Oadr20bVtnPushSuite(), Oadr20bVtnPushSuiteIT.target(vtn, Map.of("pushUrl",
                    relay.url(), "pushListenPort", String.valueOf(relay.listenerPort))));
            result = r.results().stream().filter(c -> c.id().equals(caseId)).findFirst().orElseThrow();
            if (result.reason() == null || !result.reason().contains("cannot start the push listener")) {
                return result;
            }
            relay.listenerPort = RewritingRelay.choosePort();
        }
        return result;
    }

    /** E0_6020: a pushed oadrDistributeEvent without vtnID fails rule xsd, naming the distribution element. */
    @Test
    void schemaInvalidPushFailsE0_6020() throws Exception {
        try (RewritingRelay relay = new RewritingRelay(body -> body.contains("oadrDistributeEvent")
                ? body.replaceAll("<(\\w+:)?vtnID>[^<]*</(\\w+:)?vtnID>", "") : body)) {
            CaseResult r = run(relay, "E0_6020");
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(OadrRules.XSD)
                    && v.element().contains("/oadrDistributeEvent") && v.message().contains("vtnID")),
                    () -> r.violations().toString());
        }
    }

    /** Rule 5 / E0_6030: pushes that keep modificationNumber at 0 fail with the rule and the element. */
    @Test
    void stuckModificationNumberFailsE0_6030() throws Exception {
        try (RewritingRelay relay = new RewritingRelay(body -> body.replaceAll(
                "(<(\\w+:)?modificationNumber>)\\d+(</(\\w+:)?modificationNumber>)", "$10$3"))) {
            CaseResult r = run(relay, "E0_6030");
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(OadrRules.MOD_INCREMENTS)
                    && v.element().endsWith("/eventDescriptor/modificationNumber")), () -> r.violations().toString());
        }
    }

    /** E0_6020 (2.0b profile 10, mutual authentication): a push from a certificate that is not the VTN's fails. */
    @Test
    void pushFromAnotherCertificateFailsE0_6020() throws Exception {
        try (RewritingRelay relay = new RewritingRelay(body -> body, PKI.venRsa())) {
            CaseResult r = run(relay, "E0_6020");
            assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations());
            assertTrue(r.violations().stream().anyMatch(v -> v.rule().equals(OadrPushHarness.VTN_CERTIFICATE)
                    && v.message().contains("ven-rsa-0001")), () -> r.violations().toString());
        }
    }
}
