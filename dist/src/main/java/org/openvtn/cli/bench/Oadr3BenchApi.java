package org.openvtn.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.openvtn.certs.pki.PemFiles;

/**
 * The OpenADR 3.1 REST calls of the {@code openvtn bench oadr3-*} commands (3.1.0 OpenAPI document): client
 * credentials token fetch, JSON POST/GET/DELETE with a bearer token. HTTPS trusting only the PKI's CA file; every
 * call has a 60 s timeout. Thread-safe (one {@link HttpClient} per instance).
 */
final class Oadr3BenchApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final URI base;
    private final SSLContext ssl;
    private final HttpClient http;

    Oadr3BenchApi(URI base, Path caFile) {
        BenchSupport.requireLoopback(base, "--vtn");
        String s = base.toString();
        this.base = URI.create(s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
        this.ssl = trusting(caFile);
        this.http = newClient();
    }

    /** A further HTTP client with the same trust: its own connection pool (one keep-alive connection per user). */
    HttpClient newClient() {
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    URI uri(String path) {
        return URI.create(base + path);
    }

    private static SSLContext trusting(Path caFile) {
        if (!Files.isRegularFile(caFile)) {
            throw new IllegalArgumentException("--pki: " + caFile + " is missing");
        }
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            List<X509Certificate> certs = PemFiles.readCertificates(caFile);
            for (int i = 0; i < certs.size(); i++) {
                ks.setCertificateEntry("ca-" + i, certs.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("--pki: cannot read " + caFile + ": " + e.getMessage());
        }
    }

    /**
     * A token from a file: the line {@code key=...} of a properties file such as {@code openvtn dev}'s
     * {@code oadr3-dev-tokens.properties}, else the whole file stripped.
     */
    static String readToken(Path file, String key, String option) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalArgumentException(option + ": " + file + " not found");
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.startsWith(key + "=")) {
                    return line.substring(key.length() + 1).strip();
                }
            }
            String t = text.strip();
            if (t.isEmpty() || t.contains("\n") || t.contains("=")) {
                throw new IllegalArgumentException(option + ": " + file + " holds neither a token nor a line " + key + "=");
            }
            return t;
        } catch (IOException e) {
            throw new IllegalArgumentException(option + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    /** RFC 6749 §4.4 client credentials at {@code /auth/token}; returns the access token. */
    String token(String clientId, String secret) throws IOException {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(uri("/auth/token")).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(req, 200).path("access_token").asText();
    }

    /** POST a JSON body; expects 201 (or 200) and returns the answer. */
    JsonNode post(String token, String path, Object body) throws IOException {
        HttpRequest req = authorized(token, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        return send(req, 201);
    }

    /** DELETE; returns the answer (the deleted object). */
    JsonNode delete(String token, String path) throws IOException {
        return send(authorized(token, path).DELETE().build(), 200);
    }

    /** A GET of {@code path} with the token (for load loops that send it themselves). */
    HttpRequest get(String token, String path) {
        return authorized(token, path).GET().build();
    }

    private HttpRequest.Builder authorized(String token, String path) {
        return HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode send(HttpRequest req, int expected) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(req.method() + " " + req.uri() + ": interrupted");
        }
        if (r.statusCode() != expected && !(expected == 201 && r.statusCode() == 200)) {
            String b = r.body() == null ? "" : r.body();
            throw new IOException(req.method() + " " + req.uri().getPath() + " -> " + r.statusCode() + ": "
                    + b.substring(0, Math.min(300, b.length())));
        }
        return JSON.readTree(r.body() == null || r.body().isBlank() ? "{}" : r.body());
    }
}
