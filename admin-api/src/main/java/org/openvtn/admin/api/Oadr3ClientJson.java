package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A client of the OpenADR 3.1 token endpoint (issue #20).
 *
 * @param clientId     the OAuth2 client_id
 * @param role         BL or VEN
 * @param createdAt    ISO-8601 instant
 * @param clientSecret the generated secret, only in the answer that created the client
 */
@ApiSchema("Oadr3Client")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Oadr3ClientJson(String clientId, String role, String createdAt, String clientSecret) {
}
