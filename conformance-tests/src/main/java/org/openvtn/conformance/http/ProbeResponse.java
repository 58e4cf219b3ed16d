package org.openvtn.conformance.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.openvtn.conformance.Exchange;

/**
 * What {@link HttpsProbe#exchange} returns: the evidence record plus the response headers, which the
 * evidence does not keep (e.g. the {@code Location} of a 2030.5 {@code 201 Created}).
 *
 * @param exchange the evidence (status, bodies, TLS parameters, transport error)
 * @param headers  response headers, names in lower case, values in arrival order (empty if no response)
 */
public record ProbeResponse(Exchange exchange, Map<String, List<String>> headers) {

    public ProbeResponse {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** The first value of a response header, case-insensitive name. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** HTTP status, 0 when there was no response. */
    public int status() {
        return exchange.status();
    }

    /** Response body text, empty when none. */
    public String body() {
        return exchange.responseBody() == null ? "" : exchange.responseBody();
    }

    /** True when a response arrived (any status). */
    public boolean answered() {
        return exchange.error() == null && exchange.status() > 0;
    }
}
