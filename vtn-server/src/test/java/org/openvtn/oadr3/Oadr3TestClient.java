package org.openvtn.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/** A real HTTPS client (java.net.http) of the 3.1 API for tests: tokens, JSON bodies, statuses, content types. */
public final class Oadr3TestClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer: status, content type, parsed body (null when empty). */
    public record Answer(int status, String contentType, JsonNode body) {
    }

    private final HttpClient http;
    private final String base;
    private String token;

    public Oadr3TestClient(SSLContext ssl, String base) {
        this.http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
        this.base = base;
    }

    /** A client with the same connection settings and another token. */
    public Oadr3TestClient as(String bearer) {
        Oadr3TestClient c = new Oadr3TestClient(http, base);
        c.token = bearer;
        return c;
    }

    private Oadr3TestClient(HttpClient http, String base) {
        this.http = http;
        this.base = base;
    }

    /** POST /auth/token with client_id/client_secret in the form; returns the whole answer. */
    public Answer tokenRequest(String form, String basicAuth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (basicAuth != null) {
            b.header("Authorization", "Basic " + basicAuth);
        }
        return send(b);
    }

    /** @return an access token for the client (fails the test otherwise) */
    public String token(String clientId, String secret) {
        Answer a = tokenRequest("grant_type=client_credentials&client_id=" + enc(clientId) + "&client_secret="
                + enc(secret), null);
        if (a.status() != 200) {
            throw new AssertionError("token request answered " + a.status() + " " + a.body());
        }
        return a.body().get("access_token").asText();
    }

    public Oadr3TestClient login(String clientId, String secret) {
        return as(token(clientId, secret));
    }

    public Answer get(String path) {
        return send(req(path).GET());
    }

    public Answer post(String path, String json) {
        return send(req(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String json) {
        return send(req(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer delete(String path) {
        return send(req(path).DELETE());
    }

    private HttpRequest.Builder req(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private Answer send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String body = r.body();
            return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    body == null || body.isEmpty() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
