package org.openvtn.oadr3.client;

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
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS exchange both 3.1 clients share (java.net.http over the configured TLS context): bearer tokens from
 * the client-credentials grant (Definition, "Authentication"; RFC 6749 §4.4), the token URL discovered with
 * {@code GET /auth/server} ({@code authServerInfo.tokenURL}), a token fetched again {@code refreshMargin} before it
 * expires and once more when the VTN answers 401 (then the request is retried once), JSON bodies, and error answers
 * parsed into {@link Oadr3ClientException}. Internal.
 */
final class Oadr3Http {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger WIRE = LoggerFactory.getLogger("org.openvtn.wire.oadr3.client");

    private final Oadr3ClientConfig config;
    private final HttpClient http;
    private final String base;
    private final AtomicInteger tokenFetches = new AtomicInteger();
    private final Object lock = new Object();
    private URI tokenUrl;
    private String token;
    private Instant refreshAt = Instant.MIN;
    private CompletableFuture<String> fetching;

    Oadr3Http(Oadr3ClientConfig config) {
        this.config = config;
        this.base = config.baseUrl().toString();
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(Oadr3Tls.clientContext(config.trustAnchors(), config.keyStore(), config.keyPassword()));
        if (!config.hostnameVerification()) {
            javax.net.ssl.SSLParameters p = new javax.net.ssl.SSLParameters();
            p.setEndpointIdentificationAlgorithm(null);
            b.sslParameters(p);
        }
        this.http = b.build();
    }

    Oadr3ClientConfig config() {
        return config;
    }

    int tokenFetches() {
        return tokenFetches.get();
    }

    /** A request with the current token; 401 -> one new token and one retry. {@code body} null = none. */
    CompletableFuture<JsonNode> send(String method, String pathAndQuery, JsonNode body) {
        return token().thenCompose(t -> exchange(method, pathAndQuery, body, t).thenCompose(r -> {
            if (r.statusCode() != 401) {
                return CompletableFuture.completedFuture(r);
            }
            invalidate(t);
            return token().thenCompose(t2 -> exchange(method, pathAndQuery, body, t2));
        })).thenApply(Oadr3Http::answer);
    }

    /** The bearer token, fetched when absent or due for refresh (one fetch at a time). */
    CompletableFuture<String> token() {
        synchronized (lock) {
            if (token != null && config.clock().instant().isBefore(refreshAt)) {
                return CompletableFuture.completedFuture(token);
            }
            if (fetching == null) {
                CompletableFuture<String> f = fetchToken();
                fetching = f;
                f.whenComplete((t, e) -> {
                    synchronized (lock) {
                        fetching = null;
                    }
                });
            }
            return fetching;
        }
    }

    private void invalidate(String rejected) {
        synchronized (lock) {
            if (rejected.equals(token)) {
                token = null;
            }
        }
    }

    private CompletableFuture<String> fetchToken() {
        return tokenUrl().thenCompose(url -> {
            String form = "grant_type=client_credentials&client_id=" + enc(config.clientId()) + "&client_secret="
                    + enc(config.clientSecret());
            HttpRequest req = HttpRequest.newBuilder(url).timeout(config.requestTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            WIRE.debug("POST {} (client {})", url, config.clientId());
            return http.sendAsync(req, HttpResponse.BodyHandlers.ofString());
        }).thenApply(r -> {
            JsonNode a = answer(r);
            if (a == null || !a.path("access_token").isTextual()) {
                throw new Oadr3ClientException(r.statusCode(), "invalid token response", "no access_token", null);
            }
            Instant now = config.clock().instant();
            String t = a.get("access_token").asText();
            synchronized (lock) {
                token = t;
                if (a.path("expires_in").canConvertToLong() && a.path("expires_in").asLong() > 0) {
                    Duration life = Duration.ofSeconds(a.get("expires_in").asLong());
                    Duration margin = config.refreshMargin().compareTo(life.dividedBy(2)) < 0
                            ? config.refreshMargin() : life.dividedBy(2);
                    refreshAt = now.plus(life).minus(margin);
                } else {
                    refreshAt = Instant.MAX; // no lifetime given: kept until the VTN answers 401
                }
            }
            tokenFetches.incrementAndGet();
            return t;
        });
    }

    private CompletableFuture<URI> tokenUrl() {
        synchronized (lock) {
            if (tokenUrl != null) {
                return CompletableFuture.completedFuture(tokenUrl);
            }
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/auth/server")).timeout(config.requestTimeout())
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            JsonNode info = answer(r);
            if (info == null || !info.path("tokenURL").isTextual()) {
                throw new Oadr3ClientException(r.statusCode(), "invalid authServerInfo", "no tokenURL", null);
            }
            URI u = URI.create(base + "/").resolve(info.get("tokenURL").asText());
            synchronized (lock) {
                tokenUrl = u;
            }
            return u;
        });
    }

    private CompletableFuture<HttpResponse<String>> exchange(String method, String pathAndQuery, JsonNode body,
                                                             String bearer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(config.requestTimeout())
                .header("Authorization", "Bearer " + bearer).header("Accept", "application/json");
        if (body != null) {
            b.header("Content-Type", "application/json").method(method,
                    HttpRequest.BodyPublishers.ofString(body.toString()));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        WIRE.debug("{} {}{}", method, pathAndQuery, body == null ? "" : " " + body);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).thenApply(r -> {
            WIRE.debug("{} {} -> {} {}", method, pathAndQuery, r.statusCode(), r.body());
            return r;
        });
    }

    /** 2xx: the parsed body (null when empty); anything else: the problem (or authError) as an exception. */
    static JsonNode answer(HttpResponse<String> r) {
        String text = r.body() == null ? "" : r.body();
        JsonNode body = null;
        if (!text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException e) {
                if (r.statusCode() / 100 == 2) {
                    throw new Oadr3ClientException(r.statusCode(), "invalid JSON", e.getMessage(), e);
                }
            }
        }
        if (r.statusCode() / 100 == 2) {
            return body;
        }
        String title = null;
        String detail = null;
        if (body != null && body.isObject()) {
            title = text(body, "title", text(body, "error", null));
            detail = text(body, "detail", text(body, "error_description", null));
        }
        return throwProblem(r.statusCode(), title == null ? reason(r.statusCode()) : title, detail);
    }

    private static JsonNode throwProblem(int status, String title, String detail) {
        throw new Oadr3ClientException(status, title, detail, null);
    }

    private static String text(JsonNode n, String field, String fallback) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : fallback;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            default -> "HTTP error";
        };
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Waits for an async call; its failure comes out as {@link Oadr3ClientException} (status 0 = transport). */
    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Oadr3ClientException(0, "interrupted", null, e);
        } catch (ExecutionException | CompletionException | CancellationException e) {
            throw wrap(e);
        }
    }

    static Oadr3ClientException wrap(Throwable e) {
        Throwable c = e;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof Oadr3ClientException o) {
            return o;
        }
        return new Oadr3ClientException(0, c.getClass().getSimpleName(), c.getMessage(), c);
    }
}
