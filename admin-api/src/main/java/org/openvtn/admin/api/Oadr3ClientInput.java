package org.openvtn.admin.api;

/**
 * {@code POST /oadr3/clients}: a client of the OpenADR 3.1 token endpoint (issue #20).
 *
 * @param clientId the OAuth2 client_id (1-128 of A-Z a-z 0-9 . _ ~ -)
 * @param role     BL (business logic) or VEN
 */
@ApiSchema("Oadr3ClientInput")
public record Oadr3ClientInput(String clientId, String role) {
}
