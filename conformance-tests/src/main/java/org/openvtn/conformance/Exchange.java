package org.openvtn.conformance;

import java.time.Instant;

/**
 * One request/response pair as evidence. Either side may be absent (e.g. a connection refused during the
 * handshake has no response; a notification received by the suite's listener has the target as sender).
 *
 * @param label        what the exchange was for, e.g. {@code oadrQueryRegistration}
 * @param direction    {@code suite->target} or {@code target->suite}
 * @param method       HTTP method
 * @param url          full URL
 * @param sent         when the request was sent (or received, for target->suite)
 * @param requestBody  request body as text (may be empty)
 * @param received     when the response was complete (null if none)
 * @param status       HTTP status (0 if none)
 * @param responseBody response body as text (may be empty)
 * @param tls          negotiated TLS parameters (null if not TLS or the handshake failed)
 * @param error        a transport error, e.g. a handshake failure (null if none)
 */
public record Exchange(String label, String direction, String method, String url, Instant sent, String requestBody,
                       Instant received, int status, String responseBody, TlsInfo tls, String error) {
}
