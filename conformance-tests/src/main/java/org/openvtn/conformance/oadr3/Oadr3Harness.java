package org.openvtn.conformance.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.openvtn.certs.tls.TlsFactory;
import org.openvtn.certs.tls.TlsProfile;
import org.openvtn.conformance.AdminClient;
import org.openvtn.conformance.CaseSkipped;
import org.openvtn.conformance.TargetConfig;
import org.openvtn.conformance.target.TargetTls;

/**
 * What lives for a whole {@code oadr31-vtn} run: the HTTPS client (trusting the target's CA; presenting the target
 * file's certificate only when {@value #MUTUAL_TLS} is true), the schema judge, the three clients' tokens, the
 * fixture objects and the webhook receiver. Objects the suite creates carry a run-unique suffix so that runs
 * against the same VTN do not collide on the unique names of the Definition ("Object names").
 */
public final class Oadr3Harness implements AutoCloseable {
    /** Target property: the token endpoint (default: {@code tokenURL} of {@code GET /auth/server}). */
    public static final String TOKEN_URL = "oadr3.tokenUrl";
    /** Target property: present the target file's certificate to the VTN (default false). */
    public static final String MUTUAL_TLS = "oadr3.mutualTls";
    /** Target property: a token of a known client that has expired (for AUTH-04; absent: that case is SKIPPED). */
    public static final String EXPIRED_TOKEN = "oadr3.expiredToken";

    private final TargetConfig target;
    private final Optional<AdminClient> admin;
    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    private final Oadr3SchemaCheck schemas = Oadr3SchemaCheck.load();
    private final String runId = HexFormat.of().formatHex(java.security.SecureRandom.getSeed(3));
    private final AtomicInteger names = new AtomicInteger();
    private final Map<Oadr3Role, String> tokens = new EnumMap<>(Oadr3Role.class);
    private final List<String> adminClients = new ArrayList<>();
    private Oadr3Fixture fixture;
    private WebhookReceiver receiver;

    Oadr3Harness(TargetConfig target, Optional<AdminClient> admin) {
        this.target = target;
        this.admin = admin;
        String b = target.baseUrl();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.timeout = TargetTls.httpTimeout(target);
        SSLContext ssl = "true".equalsIgnoreCase(target.property(MUTUAL_TLS, "false").trim())
                ? TlsFactory.of(TargetTls.clientConfig(target, TlsProfile.OPENADR_20B).build()).clientSslContext()
                : TargetTls.anonymousContext(target.caCertificate(), TlsProfile.OPENADR_20B);
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public TargetConfig target() {
        return target;
    }

    HttpClient http() {
        return http;
    }

    Duration timeout() {
        return timeout;
    }

    public Oadr3SchemaCheck schemas() {
        return schemas;
    }

    /** @return {@code base + path} */
    public String url(String path) {
        return base + path;
    }

    /** @return a name unique to this run, e.g. {@code oadr3-suite-p-1a2b3c-4} */
    public String unique(String kind) {
        return "oadr3-suite-" + kind + "-" + runId + "-" + names.incrementAndGet();
    }

    /** The bearer token of {@code role}: ready, fetched with client credentials, or of a client made for the run. */
    synchronized String token(Oadr3Role role, Oadr3Api api) {
        String t = tokens.get(role);
        if (t != null) {
            return t;
        }
        String ready = prop(role.prefix() + ".token");
        String id = prop(role.prefix() + ".clientId");
        String secret = prop(role.prefix() + ".clientSecret");
        if (ready != null) {
            t = ready;
        } else {
            if (id == null || secret == null) {
                if (admin.isEmpty()) {
                    throw new CaseSkipped("no credentials for the " + role + " client: set " + role.prefix()
                            + ".token or " + role.prefix() + ".clientId/.clientSecret (or an OpenVTN admin API)");
                }
                id = "oadr3-suite-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + runId;
                Map<String, Object> created = admin.get().post("/oadr3/clients", Map.of("clientId", id,
                        "role", role.adminRole()));
                adminClients.add(id);
                secret = String.valueOf(created.get("clientSecret"));
                api.ctx().note("created client " + id + " (" + role.adminRole() + ") through the admin API");
            }
            t = fetch(api, id, secret);
        }
        tokens.put(role, t);
        return t;
    }

    private String fetch(Oadr3Api api, String id, String secret) {
        Oadr3Answer a = tokenRequest(api, "grant_type=client_credentials&client_id=" + enc(id) + "&client_secret="
                + enc(secret));
        JsonNode tok = a.json() == null ? null : a.json().get("access_token");
        if (a.status() != 200 || tok == null || !tok.isTextual()) {
            throw new CaseSkipped("token endpoint refused client " + id + ": HTTP " + a.status() + " "
                    + Oadr3Api.abbreviate(a.text()));
        }
        api.schema(a, "clientCredentialResponse");
        return tok.asText();
    }

    /** POST of a client-credentials form to the token endpoint (RFC 6749 §4.4.2). */
    Oadr3Answer tokenRequest(Oadr3Api api, String form) {
        String url = tokenUrl(api);
        return api.exchange("token " + url, url, null, "POST", form, "application/x-www-form-urlencoded", url);
    }

    /** The token endpoint: property, else {@code tokenURL} of {@code GET /auth/server} (Definition "Token endpoint discovery"). */
    synchronized String tokenUrl(Oadr3Api api) {
        String configured = prop(TOKEN_URL);
        if (configured != null) {
            return configured;
        }
        Oadr3Answer a = api.sendWith(null, "anonymous", "GET", "/auth/server", null, null);
        JsonNode u = a.json() == null ? null : a.json().get("tokenURL");
        if (a.status() != 200 || u == null || !u.isTextual()) {
            throw new CaseSkipped("no token endpoint: GET /auth/server answered " + a.status() + " and " + TOKEN_URL
                    + " is not set");
        }
        return java.net.URI.create(url("/auth/server")).resolve(u.asText()).toString();
    }

    synchronized Oadr3Fixture fixture(Oadr3Api api) {
        if (fixture == null) {
            fixture = Oadr3Fixture.create(api);
        }
        return fixture;
    }

    /** The suite's HTTPS webhook receiver, started on first use. */
    public synchronized WebhookReceiver receiver() {
        if (receiver == null) {
            receiver = WebhookReceiver.start(target);
        }
        return receiver;
    }

    private String prop(String key) {
        String v = target.properties().get(key);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        if (receiver != null) {
            receiver.close();
        }
        admin.ifPresent(a -> adminClients.forEach(id -> {
            try {
                a.delete("/oadr3/clients/" + id);
            } catch (RuntimeException e) {
                // best effort: a left-over client of a finished run is harmless
            }
        }));
    }
}
