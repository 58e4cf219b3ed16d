package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The one client of OpenVTN's admin REST API ({@code /api/v1}, bearer token), typed by the records of this
 * package: used by the conformance suite's admin driver, the {@code openvtn bench} commands and the server's
 * tests. Every call is blocking with the per-request timeout; a non-2xx answer is an {@link AdminApiException}
 * with the API's {@link ErrorJson}. The untyped {@link #call} serves paths without a record (2030.5 admin,
 * metrics). Newer servers may add response fields; they are ignored.
 */
public final class AdminApiClient {
    /** Request fields left null are not sent (the server takes them as absent); unknown response fields ignored. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    private AdminApiClient(URI base, String token, Duration timeout, HttpClient http) {
        this.base = base;
        this.token = token;
        this.timeout = timeout;
        this.http = http;
    }

    /**
     * @param baseUrl API root, e.g. {@code http://127.0.0.1:8081/api/v1}
     * @param token   bearer token (null or empty: no Authorization header)
     * @param timeout connect and per-request timeout
     * @return the client
     * @throws IllegalArgumentException when the URL is not absolute http(s)
     */
    public static AdminApiClient create(String baseUrl, String token, Duration timeout) {
        return create(baseUrl, token, timeout, null);
    }

    /**
     * As {@link #create(String, String, Duration)} for an admin API served over TLS.
     *
     * @param ssl trust for an {@code https} base URL, null for the JDK default
     * @return the client
     */
    public static AdminApiClient create(String baseUrl, String token, Duration timeout, SSLContext ssl) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("admin url: not an absolute http(s) URL: " + baseUrl);
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return new AdminApiClient(uri, token, timeout, b.build());
    }

    /** @return the API root this client calls */
    public URI base() {
        return base;
    }

    /**
     * The absolute URI of a path: appended to the base ({@code programs} and {@code /programs} both give
     * {@code .../api/v1/programs}); a path that already starts with the base's path is resolved against the host.
     */
    public URI resolve(String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        String basePath = base.getRawPath() == null ? "" : base.getRawPath();
        if (!basePath.isEmpty() && (p.equals(basePath) || p.startsWith(basePath + "/")
                || p.startsWith(basePath + "?"))) {
            return base.resolve(p);
        }
        return URI.create(base + p);
    }

    // ------------------------------------------------------------------ programs and events

    public List<ProgramJson> programs() {
        return call("GET", "/programs", null, new TypeReference<List<ProgramJson>>() { });
    }

    public ProgramJson createProgram(ProgramInput program) {
        return call("POST", "/programs", program, ProgramJson.class);
    }

    public List<EventJson> events() {
        return call("GET", "/events", null, new TypeReference<List<EventJson>>() { });
    }

    public EventJson event(String id) {
        return call("GET", "/events/" + seg(id), null, EventJson.class);
    }

    public EventJson createEvent(EventInput event) {
        return call("POST", "/events", event, EventJson.class);
    }

    public EventJson updateEvent(String id, EventInput event) {
        return call("PUT", "/events/" + seg(id), event, EventJson.class);
    }

    public EventJson cancelEvent(String id) {
        return call("POST", "/events/" + seg(id) + "/cancel", null, EventJson.class);
    }

    public List<EventHistoryJson> eventHistory(String id) {
        return call("GET", "/events/" + seg(id) + "/history", null, new TypeReference<List<EventHistoryJson>>() { });
    }

    public List<EventResponseJson> eventResponses(String id) {
        return call("GET", "/events/" + seg(id) + "/responses", null,
                new TypeReference<List<EventResponseJson>>() { });
    }

    // ------------------------------------------------------------------ VENs and reports

    public List<VenJson> vens() {
        return call("GET", "/vens", null, new TypeReference<List<VenJson>>() { });
    }

    public VenJson ven(String venId) {
        return call("GET", "/vens/" + seg(venId), null, VenJson.class);
    }

    /** VTN-initiated oadrCancelPartyRegistration. */
    public VenJson deregister(String venId) {
        return call("DELETE", "/vens/" + seg(venId), null, VenJson.class);
    }

    /** oadrRequestReregistration on the VEN's next poll. */
    public VenJson requestReregistration(String venId) {
        return call("POST", "/vens/" + seg(venId) + "/reregister", null, VenJson.class);
    }

    public VenJson retryPush(String venId) {
        return call("POST", "/vens/" + seg(venId) + "/push/retry", null, VenJson.class);
    }

    public VenJson updateMembership(String venId, MembershipInput membership) {
        return call("PUT", "/vens/" + seg(venId) + "/membership", membership, VenJson.class);
    }

    public List<OptJson> opts(String venId) {
        return call("GET", "/vens/" + seg(venId) + "/opts", null, new TypeReference<List<OptJson>>() { });
    }

    /** @return the VEN's poll queue, oldest first (OpenADR 2.0b 8.7) */
    public List<PollItemJson> pollQueue(String venId) {
        return call("GET", "/vens/" + seg(venId) + "/poll-queue", null, new TypeReference<List<PollItemJson>>() { });
    }

    public List<ReportRequestJson> reportRequests(String venId) {
        return call("GET", "/vens/" + seg(venId) + "/report-requests", null,
                new TypeReference<List<ReportRequestJson>>() { });
    }

    /** VTN-initiated oadrCreateReport. */
    public ReportRequestJson requestReport(String venId, ReportRequestInput request) {
        return call("POST", "/vens/" + seg(venId) + "/report-requests", request, ReportRequestJson.class);
    }

    /** VTN-initiated oadrCancelReport (OpenADR 2.0b 8.3). */
    public ReportRequestJson cancelReport(String venId, String reportRequestId, boolean reportToFollow) {
        return call("POST", "/vens/" + seg(venId) + "/report-requests/" + seg(reportRequestId) + "/cancel",
                new ReportCancelInput(reportToFollow), ReportRequestJson.class);
    }

    /** Telemetry of a VEN (null: all), newest limited by the server's default. */
    public List<TelemetryJson> telemetry(String venId) {
        return call("GET", "/reports" + (venId == null ? "" : "?venId=" + URLEncoder.encode(venId,
                StandardCharsets.UTF_8)), null, new TypeReference<List<TelemetryJson>>() { });
    }

    // ------------------------------------------------------------------ participants and metrics

    public List<ParticipantJson> participants() {
        return call("GET", "/participants", null, new TypeReference<List<ParticipantJson>>() { });
    }

    public ParticipantJson provision(ParticipantInput participant) {
        return call("POST", "/participants", participant, ParticipantJson.class);
    }

    public ParticipantJson approve(String participantId) {
        return call("POST", "/participants/" + seg(participantId) + "/approve", null, ParticipantJson.class);
    }

    public ParticipantJson revoke(String participantId) {
        return call("POST", "/participants/" + seg(participantId) + "/revoke", null, ParticipantJson.class);
    }

    /** {@code GET /metrics}: process and protocol counters. */
    public MetricsJson metrics() {
        return call("GET", "/metrics", null, MetricsJson.class);
    }

    // ------------------------------------------------------------------ untyped

    /**
     * One call with any JSON body (a record, a map, a tree or null for none).
     *
     * @return the response as a JSON tree (an empty object for an empty body)
     */
    public JsonNode call(String method, String path, Object body) {
        return call(method, path, body, JsonNode.class);
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        return call(method, path, body, JSON.constructType(type));
    }

    private <T> T call(String method, String path, Object body, TypeReference<T> type) {
        return call(method, path, body, JSON.constructType(type));
    }

    private <T> T call(String method, String path, Object body, JavaType type) {
        URI uri = resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (token != null && !token.isEmpty()) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                throw new AdminApiException(0, null, method + " " + uri + ": cannot encode the body: "
                        + e.getOriginalMessage());
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AdminApiException(0, null, method + " " + uri + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminApiException(0, null, method + " " + uri + ": interrupted");
        }
        String text = resp.body() == null ? "" : resp.body();
        if (resp.statusCode() / 100 != 2) {
            throw new AdminApiException(resp.statusCode(), error(text), method + " " + uri + " -> "
                    + resp.statusCode() + ": " + text);
        }
        try {
            return JSON.readValue(text.isBlank() ? "{}" : text, type);
        } catch (JsonProcessingException e) {
            throw new AdminApiException(resp.statusCode(), null, method + " " + uri + ": response is not the "
                    + "expected JSON: " + e.getOriginalMessage());
        }
    }

    private static ErrorJson error(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            return n != null && n.has("error") ? JSON.treeToValue(n, ErrorJson.class) : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A transport failure in one line: the exception's class and message, and its cause's. */
    private static String describe(IOException e) {
        String s = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Throwable c = e.getCause();
        return c == null || c.getMessage() == null ? s : s + " (" + c.getMessage() + ")";
    }

    private static String seg(String s) {
        return Objects.requireNonNull(s, "id");
    }

    /** The JSON mapper of the client, for callers that convert trees to the records. */
    public static <T> T convert(Object value, Class<T> type) {
        return JSON.convertValue(value, type);
    }

}
