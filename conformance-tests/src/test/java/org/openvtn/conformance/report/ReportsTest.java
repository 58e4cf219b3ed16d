package org.openvtn.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.conformance.CaseInfo;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.TlsInfo;
import org.openvtn.conformance.runner.ConformanceRunner;
import org.openvtn.conformance.runner.FakeSuite;
import org.openvtn.conformance.runner.RunConfig;
import org.openvtn.conformance.runner.RunResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The four report formats (issue 7, Reports): written, parseable, complete, escaped, no secrets. */
class ReportsTest {

    private static final String HOSTILE = "<script>alert('x')</script> & \"quotes\" \u0001";

    @TempDir
    static Path dir;
    static RunResult run;

    @BeforeAll
    static void runAndWrite() {
        CaseInfo na = new CaseInfo("NA_1", List.of("NA_1"), "needs push", "§8.2", Requirement.MUST, "VEN",
                "push", Set.of("push"));
        FakeSuite suite = new FakeSuite("fake").capability("push", "VTN pushes")
                .add("PASS_1", ctx -> {
                    ctx.note("registered as " + HOSTILE);
                    ctx.record(new Exchange("oadrQueryRegistration", "suite->target", "POST",
                            "https://127.0.0.1:1/OpenADR2/Simple/2.0b/EiRegisterParty", Instant.parse(
                            "2026-01-01T00:00:00Z"), "<oadrPayload/>", Instant.parse("2026-01-01T00:00:01Z"), 200,
                            "<oadrPayload>" + HOSTILE + "</oadrPayload>", new TlsInfo("TLSv1.2",
                            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "CN=vtn", "-----BEGIN CERTIFICATE-----\nAA\n"
                            + "-----END CERTIFICATE-----\n"), null));
                })
                .add("FAIL/2", ctx -> ctx.violations(List.of(
                        RuleViolation.must("oadr.modificationNumber.increments", "/oadrPayload/eiEvent[1]",
                                "expected 3, found " + HOSTILE),
                        RuleViolation.must("xsd", "line 3, column 7", "cvc-complex-type.2.4.a"))))
                .add("SHOULD_3", ctx -> ctx.check(false, () -> RuleViolation.should("r.s", "/x", "late")))
                .add("SKIP_4", ctx -> ctx.skip("no second certificate"))
                .add(na, ctx -> { });
        TargetConfig target = new TargetConfig("https://127.0.0.1:1", Path.of("ven.crt"), Path.of("ven.key"),
                Path.of("ca.crt"), null, Set.of(), "http://127.0.0.1:2/api/v1", "TOPSECRET", null,
                Map.of("marketContext", "http://mc", "apiPassword", "TOPSECRET2"));
        run = new ConformanceRunner(RunConfig.defaults()).run(suite, target);
        Reports.write(run, dir, "9.9.9-test");
    }

    @Test
    void junitXmlHasOneTestcasePerRowWithFailuresAndSkips() throws Exception {
        DocumentBuilderFactory f = org.openvtn.schemas.SecureXmlInput.documentBuilderFactory();
        Document doc = f.newDocumentBuilder().parse(dir.resolve(Reports.JUNIT).toFile());
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("5", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("2", suite.getAttribute("skipped"));
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(5, cases.getLength());
        Map<String, Element> byId = new HashMap<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            byId.put(e.getAttribute("name").split(":")[0], e);
        }
        Element fail = byId.get("FAIL/2");
        Element failure = (Element) fail.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("oadr.modificationNumber.increments"));
        assertTrue(failure.getTextContent().contains("cvc-complex-type.2.4.a"), "every violation is listed");
        assertTrue(failure.getTextContent().contains("<script>"), "text survives escaping");
        Element skipped = (Element) byId.get("NA_1").getElementsByTagName("skipped").item(0);
        assertTrue(skipped.getAttribute("message").startsWith("NOT_APPLICABLE: target does not declare capability"));
        assertEquals(1, byId.get("SKIP_4").getElementsByTagName("skipped").getLength());
        assertEquals(0, byId.get("SHOULD_3").getElementsByTagName("failure").getLength());
        assertTrue(byId.get("SHOULD_3").getElementsByTagName("system-out").item(0).getTextContent()
                .startsWith("NON_STRICT"));
        assertEquals(0, byId.get("PASS_1").getChildNodes().getLength() - countText(byId.get("PASS_1")));
    }

    private static int countText(Element e) {
        int n = 0;
        for (int i = 0; i < e.getChildNodes().getLength(); i++) {
            n += e.getChildNodes().item(i).getNodeType() == org.w3c.dom.Node.TEXT_NODE ? 1 : 0;
        }
        return n;
    }

    @Test
    void indexAndEvidenceJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode index = json.readTree(dir.resolve(Reports.INDEX).toFile());
        assertEquals("9.9.9-test", index.at("/tool/version").asText());
        assertEquals("fake", index.get("suite").asText());
        assertEquals("0.0.1-test", index.get("catalogueVersion").asText());
        assertEquals("https://127.0.0.1:1", index.at("/target/baseUrl").asText());
        assertEquals("5 tests, 2 passed, 1 failed, 1 skipped, 1 not applicable", index.get("summary").asText());
        assertTrue(index.hasNonNull("started") && index.hasNonNull("finished"));
        JsonNode cases = index.get("cases");
        assertEquals(5, cases.size());
        JsonNode fail = cases.get("FAIL/2");
        assertEquals("FAIL", fail.get("verdict").asText());
        assertEquals(2, fail.get("violations").size());
        assertEquals("evidence/FAIL_2.json", fail.get("evidence").asText());
        assertEquals("NOT_APPLICABLE", cases.at("/NA_1/verdict").asText());
        assertTrue(cases.at("/NA_1/reason").asText().contains("'push' (VTN pushes)"));
        for (JsonNode c : cases) {
            assertTrue(Files.isRegularFile(dir.resolve(c.get("evidence").asText())), c.toString());
        }
        JsonNode ev = json.readTree(dir.resolve("evidence/PASS_1.json").toFile());
        JsonNode ex = ev.get("exchanges").get(0);
        assertEquals("2026-01-01T00:00:00Z", ex.get("sent").asText());
        assertEquals("2026-01-01T00:00:01Z", ex.get("received").asText());
        assertEquals(200, ex.get("status").asInt());
        assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", ex.at("/tls/cipherSuite").asText());
        assertEquals("CN=vtn", ex.at("/tls/peerSubject").asText());
        assertTrue(ev.get("notes").get(0).asText().startsWith("registered as"));
    }

    @Test
    void schemaDigestsAreTheBundledSchemasAndMatchTheProjectList() throws Exception {
        JsonNode digests = new ObjectMapper().readTree(dir.resolve(Reports.INDEX).toFile()).get("schemaDigests");
        String list;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(ReportHeader.DIGEST_LIST)) {
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String[]> listed = list.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> l.trim().split("\\s+", 2)).toList();
        assertFalse(listed.isEmpty());
        assertEquals(listed.size(), digests.size());
        for (String[] entry : listed) {
            assertEquals(entry[0], digests.get(entry[1]).asText(), entry[1]);
        }
    }

    @Test
    void noSecretInAnyReport() throws Exception {
        try (var files = Files.walk(dir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(p);
                assertFalse(text.contains("TOPSECRET"), p + " leaks a secret");
            }
        }
    }

    @Test
    void htmlIsSelfContainedEscapedAndListsEveryCase() throws Exception {
        String html = Files.readString(dir.resolve(Reports.HTML));
        for (var r : run.results()) {
            assertTrue(html.contains(HtmlReport.esc(r.id())), r.id());
        }
        assertFalse(html.contains("<script>alert"), "case data is escaped");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assertEquals(1, html.split("<script>", -1).length - 1, "only the report's own inline script");
        assertFalse(html.matches("(?s).*(src|href)\\s*=\\s*\"?(https?:)?//.*"), "no external resource");
        assertFalse(html.contains("@import") || html.contains("url("), "no external stylesheet");
        assertTrue(html.contains("9.9.9-test") && html.contains("0.0.1-test"));
        assertTrue(html.contains("oadr_20b.xsd"), "schema digests in the header");
        assertTrue(html.contains("data-verdict=\"NOT_APPLICABLE\""));
        assertTrue(html.contains("id=\"q\""), "text filter");
        assertTrue(html.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"), "TLS evidence");
    }
}
