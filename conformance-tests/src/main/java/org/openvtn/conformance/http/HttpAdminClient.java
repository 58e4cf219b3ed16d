package org.openvtn.conformance.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openvtn.admin.api.AdminApiClient;
import org.openvtn.admin.api.AdminApiException;
import org.openvtn.conformance.AdminClient;

/**
 * {@link AdminClient} over the one admin API client, {@link AdminApiClient} (bearer token, JDK HttpClient,
 * Jackson); this class only adapts its JSON trees to the suite's maps and its errors to {@link AdminException}.
 *
 * <p>The base URL is the API root as the target prints it, e.g. {@code http://127.0.0.1:8081/api/v1} for
 * OpenVTN (docs/core-model.md). A path is appended to it ({@code programs} and {@code /programs} both give
 * {@code .../api/v1/programs}); a path that already starts with the base URL's path (e.g.
 * {@code /api/v1/programs}) is resolved against the host only.
 */
public final class HttpAdminClient implements AdminClient {

    private final AdminApiClient api;

    private HttpAdminClient(AdminApiClient api) {
        this.api = api;
    }

    /**
     * @param baseUrl API root, e.g. {@code http://127.0.0.1:8081/api/v1}
     * @param token   bearer token (null or empty: no Authorization header)
     * @param timeout per-request timeout
     */
    public static HttpAdminClient create(String baseUrl, String token, Duration timeout) {
        return new HttpAdminClient(AdminApiClient.create(baseUrl, token, timeout));
    }

    @Override
    public AdminApiClient api() {
        return api;
    }

    /** The absolute URI a path resolves to (see the class comment). */
    public URI resolve(String path) {
        return api.resolve(path);
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

    private JsonNode call(String method, String path, Map<String, Object> body) {
        try {
            return api.call(method, path, body);
        } catch (AdminApiException e) {
            String message = e.status() == 0 && e.getCause() != null
                    ? method + " " + api.resolve(path) + ": " + HttpsProbe.describe(e.getCause()) : e.getMessage();
            throw new AdminException(e.status(), message);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(JsonNode parsed) {
        Object value = AdminApiClient.convert(parsed, Object.class);
        if (value instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> wrapped = new LinkedHashMap<>();
        wrapped.put("items", value instanceof List<?> l ? l : List.of(value));
        return wrapped;
    }
}
