package org.openvtn.conformance;

import java.util.Map;

/**
 * A minimal JSON-over-HTTP client for a target's operator API (bearer token). Suites that know a target's
 * admin API (ours: {@code /api/v1}, see docs/core-model.md) build their drivers on it.
 */
public interface AdminClient {

    /** POST a JSON object; returns the parsed JSON response (object). Non-2xx throws AdminException. */
    Map<String, Object> post(String path, Map<String, Object> body);

    /** PUT a JSON object; returns the parsed JSON response (object or empty map). */
    Map<String, Object> put(String path, Map<String, Object> body);

    /** GET; returns the parsed JSON (object, or {"items": [...]} when the response is an array). */
    Map<String, Object> get(String path);

    /** DELETE. */
    void delete(String path);

    /** @return the typed admin API client underneath (the records of {@code org.openvtn.admin.api}) */
    org.openvtn.admin.api.AdminApiClient api();

    /** Thrown for a transport error or non-2xx status; the message carries status and body. */
    final class AdminException extends RuntimeException {
        private final int status;

        public AdminException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
