package org.openvtn.conformance.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.runner.CaseResult;
import org.openvtn.conformance.runner.RunResult;

/**
 * {@code index.json} (header and {@code cases: {ID: {verdict, duration, reason, violations, evidence}}}) and
 * {@code evidence/ID.json} (every exchange with timestamps and TLS parameters, notes, violations).
 */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void write(Path dir, ReportHeader header, RunResult run) throws IOException {
        Path evidenceDir = dir.resolve("evidence");
        Files.createDirectories(evidenceDir);
        Map<String, Object> cases = new LinkedHashMap<>();
        for (CaseResult r : run.results()) {
            String file = "evidence/" + Reports.fileName(r.id()) + ".json";
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("verdict", r.verdict().name());
            row.put("duration", r.duration().toString());
            row.put("durationMs", r.duration().toMillis());
            row.put("reason", r.reason());
            row.put("violations", r.violations().stream().map(JsonReport::violation).toList());
            row.put("evidence", file);
            cases.put(r.id(), row);
            JSON.writeValue(dir.resolve(file).toFile(), evidence(r));
        }
        Map<String, Object> index = headerMap(header);
        index.put("summary", run.summary());
        Map<String, Integer> counts = new LinkedHashMap<>();
        run.counts().forEach((v, n) -> counts.put(v.name(), n));
        index.put("counts", counts);
        index.put("cases", cases);
        JSON.writeValue(dir.resolve("index.json").toFile(), index);
    }

    static Map<String, Object> headerMap(ReportHeader h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", Map.of("name", "openvtn conformance", "version", h.toolVersion()));
        m.put("suite", h.suite());
        m.put("suiteDescription", h.suiteDescription());
        m.put("catalogueVersion", h.catalogueVersion());
        m.put("schemaDigests", new LinkedHashMap<>(h.schemaDigests()));
        m.put("target", h.target());
        m.put("started", String.valueOf(h.started()));
        m.put("finished", String.valueOf(h.finished()));
        return m;
    }

    static Map<String, Object> evidence(CaseResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("officialIds", r.info().officialIds());
        m.put("title", r.info().title());
        m.put("specRef", r.info().specRef());
        m.put("level", r.info().level().name());
        m.put("role", r.info().role());
        m.put("transport", r.info().transport());
        m.put("requires", r.info().requires().stream().sorted().toList());
        m.put("verdict", r.verdict().name());
        m.put("reason", r.reason());
        m.put("started", r.started() == null ? null : r.started().toString());
        m.put("duration", r.duration().toString());
        m.put("violations", r.violations().stream().map(JsonReport::violation).toList());
        m.put("notes", r.notes());
        List<Map<String, Object>> exchanges = new ArrayList<>();
        r.exchanges().forEach(e -> exchanges.add(exchange(e)));
        m.put("exchanges", exchanges);
        m.put("stackTrace", r.stackTrace());
        return m;
    }

    static Map<String, Object> violation(RuleViolation v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", v.rule());
        m.put("level", v.level().name());
        m.put("element", v.element());
        m.put("message", v.message());
        return m;
    }

    static Map<String, Object> exchange(Exchange e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("label", e.label());
        m.put("direction", e.direction());
        m.put("method", e.method());
        m.put("url", e.url());
        m.put("sent", e.sent() == null ? null : e.sent().toString());
        m.put("received", e.received() == null ? null : e.received().toString());
        m.put("status", e.status());
        m.put("requestBody", e.requestBody());
        m.put("responseBody", e.responseBody());
        if (e.tls() != null) {
            Map<String, Object> tls = new LinkedHashMap<>();
            tls.put("protocol", e.tls().protocol());
            tls.put("cipherSuite", e.tls().cipherSuite());
            tls.put("peerSubject", e.tls().peerSubject());
            tls.put("peerCertificatePem", e.tls().peerCertificatePem());
            m.put("tls", tls);
        } else {
            m.put("tls", null);
        }
        m.put("error", e.error());
        return m;
    }
}
