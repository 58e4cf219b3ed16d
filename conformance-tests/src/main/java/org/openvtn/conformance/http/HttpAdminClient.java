package org.openvtn.conformance.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openvtn.conformance.AdminClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AdminClient} over the JDK {@link HttpClient} and Jackson, authenticating with a bearer token.
 *
 * <p>The base URL is the API root as the target prints it, e.g. {@code http://127.0.0.1:8081/api/v1} for
 * OpenVTN (docs/core-model.md). A path is appended to it ({@code programs} and {@code /programs} both give
 * {@code .../api/v1/programs}); a path that already starts with the base URL's path (e.g.
 * {@code /api/v1/programs}) is resolved against the host only.
 */
public final class HttpAdminClient implements AdminClient {

    private static final Logger LOG = LoggerFactory.getLogger(HttpAdminClient.class);
    private static final TypeReference<Object> ANY = new TypeReference<>() { };

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();

    private HttpAdminClient(URI base, String token, Duration timeout, HttpClient http) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = http;
    }

    /**
     * @param baseUrl API root, e.g. {@code http://127.0.0.1:8081/api/v1}
     * @param token   bearer token (null or empty: no Authorization header)
     * @param timeout per-request timeout
     */
    public static HttpAdminClient create(String baseUrl, String token, Duration timeout) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("admin url: not an absolute http(s) URL: " + baseUrl);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new HttpAdminClient(uri, token, timeout, http);
    }

    /** The absolute URI a path resolves to (see the class comment). */
    public URI resolve(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!basePath.isEmpty() && (p.equals(basePath) || p.startsWith(basePath + "/") || p.startsWith(basePath + "?"))) {
            return base.resolve(p);
        }
        return URI.create(base + p);
    }

    @Override
    public Map<String, Object> post(String path, Map<String, Object> body) {
        return asObject(call("POST", path, body));
    }

    @Override
    public Map<String, Object> put(String path, Map<String, Object> body) {
        return asObject(call("PUT", path, body));
    }

    @Override
    public Map<String, Object> get(String path) {
        return asObject(call("GET", path, null));
    }

    @Override
    public void delete(String path) {
        call("DELETE", path, null);
    }

    private Object call(String method, String path, Map<String, Object> body) {
        URI uri = resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                throw new AdminException(0, method + " " + uri + ": cannot encode the body: " + e.getMessage());
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdminException(0, method + " " + uri + ": " + HttpsProbe.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException(0, method + " " + uri + ": interrupted");
        }
        LOG.debug("admin {} {} -> {}", method, uri, resp.statusCode());
        if (resp.statusCode() / 100 != 2) {
            throw new AdminException(resp.statusCode(), method + " " + uri + " -> " + resp.statusCode() + ": "
                    + resp.body());
        }
        String text = resp.body();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return json.readValue(text, ANY);
        } catch (JsonProcessingException e) {
            throw new AdminException(resp.statusCode(), method + " " + uri + ": response is not JSON: "
                    + e.getOriginalMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object parsed) {
        if (parsed instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("items", parsed instanceof List<?> l ? l : List.of(parsed));
        return wrapped;
    }
}
