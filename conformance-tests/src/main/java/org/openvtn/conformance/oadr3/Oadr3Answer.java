package org.openvtn.conformance.oadr3;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One answer of the VTN.
 *
 * @param method      HTTP method sent
 * @param path        path and query below the base URL
 * @param status      HTTP status
 * @param contentType the Content-Type header (empty if none)
 * @param text        the body as text
 * @param json        the body parsed as JSON (null when empty or not JSON)
 * @param headers     response headers (lower-case names)
 */
public record Oadr3Answer(String method, String path, int status, String contentType, String text, JsonNode json,
                          Map<String, List<String>> headers) {

    /** @return e.g. {@code GET /programs?limit=2}: the element named in violations */
    public String where() {
        return method + " " + path;
    }

    /** @return the {@code id} of the body object, or null */
    public String id() {
        return json != null && json.hasNonNull("id") ? json.get("id").asText() : null;
    }

    /** @return the ids of the objects of a JSON array body (empty when the body is not an array) */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(o -> out.add(o.path("id").asText(null)));
        }
        return out;
    }

    /** @return the first value of header {@code name} (lower-case), or null */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
