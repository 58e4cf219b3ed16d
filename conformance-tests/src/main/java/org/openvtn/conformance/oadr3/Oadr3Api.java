package org.openvtn.conformance.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.Exchange;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.TlsInfo;

/**
 * What one case uses to talk to the 3.1 VTN: requests as one of the suite's clients (or with no or a chosen token),
 * each recorded as evidence, and the checks every answer goes through (status, {@code oadr3.schema} against the
 * published component schemas, {@code oadr3.problem} for error bodies).
 */
public final class Oadr3Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final CaseContext ctx;
    private final Oadr3Harness harness;

    private Oadr3Api(CaseContext ctx, Oadr3Harness harness) {
        this.ctx = ctx;
        this.harness = harness;
    }

    /** The case's view of the run's shared harness. */
    public static Oadr3Api of(CaseContext ctx) {
        return new Oadr3Api(ctx, ctx.shared(Oadr3Harness.class, () -> new Oadr3Harness(ctx.target(), ctx.admin())));
    }

    public CaseContext ctx() {
        return ctx;
    }

    public Oadr3Harness harness() {
        return harness;
    }

    /** The objects every privacy/filter case builds on (created on first use, in that case's evidence). */
    public Oadr3Fixture fixture() {
        return harness.fixture(this);
    }

    public Oadr3Answer get(Oadr3Role role, String path) {
        return send(role, "GET", path, null);
    }

    public Oadr3Answer post(Oadr3Role role, String path, Object body) {
        return send(role, "POST", path, body);
    }

    public Oadr3Answer put(Oadr3Role role, String path, Object body) {
        return send(role, "PUT", path, body);
    }

    public Oadr3Answer delete(Oadr3Role role, String path) {
        return send(role, "DELETE", path, null);
    }

    /** A request as {@code role} (its bearer token). */
    public Oadr3Answer send(Oadr3Role role, String method, String path, Object body) {
        return sendWith("Bearer " + harness.token(role, this), role.name(), method, path, body, "application/json");
    }

    /**
     * A request with a chosen Authorization header (null: none).
     *
     * @param label who sends, for the evidence
     */
    public Oadr3Answer sendWith(String authorization, String label, String method, String path, Object body,
                                String contentType) {
        return exchange(label + " " + method + " " + path, harness.url(path), authorization, method, body, contentType,
                path);
    }

    /** A request to an absolute URL (the token endpoint). */
    Oadr3Answer exchange(String label, String url, String authorization, String method, Object body,
                         String contentType, String path) {
        String text = body == null ? "" : body instanceof String s ? s : write(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(harness.timeout())
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        Instant sent = Instant.now();
        HttpResponse<String> r;
        try {
            r = harness.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            ctx.record(new Exchange(label, "suite->target", method, url, sent, text, null, 0, "", null,
                    e.toString()));
            throw new java.io.UncheckedIOException(method + " " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        TlsInfo tls = r.sslSession().map(s -> new TlsInfo(s.getProtocol(), s.getCipherSuite(), null, null))
                .orElse(null);
        ctx.record(new Exchange(label, "suite->target", method, url, sent, text, Instant.now(), r.statusCode(),
                r.body(), tls, null));
        Map<String, List<String>> headers = new TreeMap<>();
        r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v));
        return new Oadr3Answer(method, path, r.statusCode(), r.headers().firstValue("content-type").orElse(""),
                r.body(), parse(r.body()), headers);
    }

    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return a fresh JSON object to fill */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    // ---- checks -------------------------------------------------------------------------------------------------

    /** Records a MUST violation of {@code rule} unless the status is one of {@code ok}; returns whether it was. */
    public boolean status(Oadr3Answer a, String rule, String clause, int... ok) {
        boolean good = IntStream.of(ok).anyMatch(s -> s == a.status());
        ctx.check(good, () -> RuleViolation.must(rule, a.where(), clause + ": expected HTTP "
                + java.util.Arrays.toString(ok) + ", got " + a.status() + " " + abbreviate(a.text())));
        return good;
    }

    /** Status must be {@code expected} (else the case ends: later steps depend on it). */
    public Oadr3Answer require(Oadr3Answer a, String rule, String clause, int expected) {
        if (!status(a, rule, clause, expected)) {
            throw new org.openvtn.conformance.CaseFailure(RuleViolation.must(rule, a.where(),
                    "cannot go on without HTTP " + expected));
        }
        return a;
    }

    /** The body is valid against {@code components/schemas/<component>} (an array body: each item). */
    public void schema(Oadr3Answer a, String component) {
        if (a.json() == null) {
            ctx.violations(List.of(RuleViolation.must("oadr3.schema", a.where(), "expected a JSON " + component
                    + " body, got: " + abbreviate(a.text()))));
            return;
        }
        if (a.json().isArray()) {
            for (int i = 0; i < a.json().size(); i++) {
                one(a.where() + " [" + i + "]", component, a.json().get(i));
            }
        } else {
            one(a.where(), component, a.json());
        }
    }

    private void one(String where, String component, JsonNode node) {
        List<String> errors = harness.schemas().errors(component, node);
        if (!errors.isEmpty()) {
            ctx.violations(List.of(RuleViolation.must("oadr3.schema", where, "not a valid " + component + ": "
                    + String.join("; ", errors.subList(0, Math.min(5, errors.size()))))));
        }
    }

    /**
     * An error answer carries a {@code problem} (Definition "Problem": "On 40x and 500 responses, a VTN SHALL respond
     * with a problem object"); JSON media type (openadr3.yaml: application/json; RFC 7807's application/problem+json
     * accepted); a {@code status} member, if present, equal to the HTTP status (SHOULD, RFC 7807 §3.1).
     */
    public void problem(Oadr3Answer a) {
        JsonNode p = a.json();
        if (p == null || !p.isObject()) {
            ctx.violations(List.of(RuleViolation.must("oadr3.problem", a.where(), "HTTP " + a.status()
                    + " without a problem object: " + abbreviate(a.text()))));
            return;
        }
        String ct = a.contentType().toLowerCase(java.util.Locale.ROOT);
        ctx.check(ct.startsWith("application/json") || ct.startsWith("application/problem+json"),
                () -> RuleViolation.must("oadr3.problem", a.where(), "problem served as '" + a.contentType() + "'"));
        List<String> errors = harness.schemas().errors("problem", p);
        ctx.check(errors.isEmpty(), () -> RuleViolation.must("oadr3.problem", a.where(), "not a valid problem: "
                + errors));
        ctx.check(!p.has("status") || p.get("status").asInt() == a.status(), () -> RuleViolation.should(
                "oadr3.problem.status", a.where(), "problem.status " + p.get("status") + " but HTTP " + a.status()));
    }

    static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
