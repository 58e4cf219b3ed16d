package org.openvtn.oadr3.store;

import java.time.Instant;

/**
 * A client of the OpenADR 3.1 token endpoint (table {@code oadr3_clients}): its id, the salted SHA-256 of its secret
 * ({@code salt:hash}, hex) and its role, {@code BL} or {@code VEN}.
 */
public record Oadr3Client(String clientId, String secretHash, String role, Instant createdAt) {
}
