package org.openvtn.conformance.oadr20b.ven;

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
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.Verdict;
import org.openvtn.conformance.http.HttpsProbe;
import org.openvtn.conformance.oadr20b.OadrRules;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.RunConfig;

/**
 * Issue #15, "the suite has teeth": the VEN suite against deliberately defective VENs, one per rule family. Each
 * defective VEN is the reference VEN behind a mutual-TLS relay that rewrites what it sends (or what it is told)
 * the way a broken VEN would; the named case must FAIL with the named rule.
 */
class DefectiveVenIT {

    static final ReferenceVen.Rewrites NONE = new ReferenceVen.Rewrites(b -> b, b -> b);

    /** A VEN that does not follow modifications (answers modificationNumber 0) fails E1_1030 (rule 5). */
    @Test
    void wrongModificationNumberFailsE1_1030() throws Exception {
        CaseResult r = run("E1_1030", new ReferenceVen.Rewrites(b -> b.contains("oadrCreatedEvent") ? b.replaceAll(
                "(<(\\w+:)?modificationNumber>)\\d+(</(\\w+:)?modificationNumber>)", "$10$3") : b, b -> b));
        assertFails(r, v -> v.rule().equals("oadr.modificationNumber.answer"));
    }

    /** A VEN that never registers its reports (no METADATA oadrRegisterReport) fails N1_0020 (rule 301). */
    @Test
    void noMetadataFailsN1_0020() throws Exception {
        CaseResult r = run("N1_0020", new ReferenceVen.Rewrites(b -> b.contains("oadrRegisterReport")
                ? ReferenceVen.SWALLOW : b, b -> b));
        assertFails(r, v -> v.rule().equals("oadr.metadata.301"));
    }

    /** A VEN whose oadrUpdateReport is schema-invalid fails R1_3010 with rule xsd, line and column. */
    @Test
    void schemaInvalidReportFailsR1_3010() throws Exception {
        CaseResult r = run("R1_3010", new ReferenceVen.Rewrites(b -> b.contains("oadrUpdateReport")
                ? b.replaceFirst("(<(\\w+:)?oadrUpdateReport[^>]*>)", "$1<bogus xmlns=\"urn:x-defective\"/>") : b,
                b -> b));
        assertFails(r, v -> v.rule().equals(OadrRules.XSD) && v.element().contains("line ")
                && v.element().contains("column "));
    }

    /** A VEN that ignores a cancellation (keeps the event scheduled) fails A_E1_0450. */
    @Test
    void ignoredCancelFailsA_E1_0450() throws Exception {
        CaseResult r = run("A_E1_0450", new ReferenceVen.Rewrites(b -> b, b -> b.replace(
                "<ei:eventStatus>cancelled</ei:eventStatus>", "<ei:eventStatus>far</ei:eventStatus>")));
        assertFails(r, v -> v.rule().equals("oadr.event.cancelled"));
    }

    /** A VEN that answers events whose oadrResponseRequired is never fails A_E1_0430 (rule 62). */
    @Test
    void answeringNeverFailsA_E1_0430() throws Exception {
        CaseResult r = run("A_E1_0430", new ReferenceVen.Rewrites(b -> b, b -> b.replace(
                "<oadr:oadrResponseRequired>never</oadr:oadrResponseRequired>",
                "<oadr:oadrResponseRequired>always</oadr:oadrResponseRequired>")));
        assertFails(r, v -> v.rule().equals("oadr.responseRequired.62"));
    }

    static void assertFails(CaseResult r, Predicate<RuleViolation> rule) {
        assertEquals(Verdict.FAIL, r.verdict(), () -> r.reason() + " " + r.violations() + "\n" + r.notes());
        assertTrue(r.violations().stream().anyMatch(rule), () -> r.violations().toString());
    }

    static CaseResult run(String caseId, ReferenceVen.Rewrites rewrites) throws Exception {
        return ReferenceVen.onHarnessPort(harnessPort -> {
            try (Relay relay = new Relay(harnessPort, rewrites);
                 ReferenceVen ref = new ReferenceVen(harnessPort, relay.url())) {
                var result = new ConformanceRunner(RunConfig.builder().include(caseId)
                        .caseTimeout(Duration.ofSeconds(30)).build())
                        .run(new Oadr20bVenPullSuite(), shortPatience(ref.target(Map.of("pollFreq", "PT10S"))));
                return result.results().stream().filter(c -> c.id().equals(caseId)).findFirst().orElseThrow();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, java.util.List::of);
    }

    /** The defect shows as something missing: wait 4 s rather than the 10 s of the passing run. */
    static TargetConfig shortPatience(TargetConfig t) {
        return new TargetConfig(t.baseUrl(), t.certificate(), t.privateKey(), t.caCertificate(), t.pkiDir(),
                t.capabilities(), t.adminUrl(), t.adminToken(), Duration.ofSeconds(4), t.properties());
    }

    /** VEN -> relay (the harness VTN's certificate) -> (the VEN's certificate) harness VTN, rewriting both ways. */
    static final class Relay implements AutoCloseable {
        private final HttpsServer server;
        private final HttpsProbe upstream;

        Relay(int harnessPort, ReferenceVen.Rewrites rewrites) throws IOException {
            var pki = ReferenceVen.PKI;
            SSLContext asVtn = TlsFactory.of(pki.oadrClientConfig(pki.vtnEcc()).build()).serverSslContext();
            upstream = HttpsProbe.create(TlsFactory.of(pki.oadrClientConfig(pki.credential("ven-ecc-0001"))
                    .hostnameVerification(false).build()).clientSslContext(), null, Duration.ofSeconds(10));
            server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(asVtn) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = getSSLContext().getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            server.createContext("/", x -> {
                String body = rewrites.request().apply(new String(x.getRequestBody().readAllBytes(),
                        StandardCharsets.UTF_8));
                String answer;
                int status;
                if (body.equals(ReferenceVen.SWALLOW)) {
                    answer = VtnMessages.registeredReport("", "swallowed", java.util.List.of());
                    status = 200;
                } else {
                    Exchange up = upstream.send("relay", "POST", URI.create("https://127.0.0.1:" + harnessPort
                            + x.getRequestURI().getPath()), "application/xml", body);
                    answer = up.responseBody() == null ? "" : rewrites.response().apply(up.responseBody());
                    status = up.status() == 0 ? 502 : up.status();
                }
                byte[] out = answer.getBytes(StandardCharsets.UTF_8);
                x.getResponseHeaders().add("Content-Type", "application/xml");
                x.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
                x.getResponseBody().write(out);
                x.close();
            });
            server.start();
        }

        String url() {
            return "https://localhost:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            upstream.close();
        }
    }
}
