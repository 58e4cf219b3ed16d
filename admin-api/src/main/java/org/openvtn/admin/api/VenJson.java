package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A VEN's registration; {@code exchangeModel} and, for a push VEN, {@code outbox} where the listing shows them
 * (issue #14).
 *
 * @param venId            VEN ID
 * @param registrationId   registration ID
 * @param venName          name
 * @param partyId          party ID, may be null
 * @param fingerprint      certificate fingerprint
 * @param kind             adapter kind
 * @param transport        transport name
 * @param transportAddress push address, may be null
 * @param httpPullModel    true when the VEN polls
 * @param reportOnly       reportOnly flag
 * @param xmlSignature     xmlSignature flag
 * @param pollFreq         ISO-8601 duration
 * @param groupIds         groups
 * @param resourceIds      resources
 * @param registeredAt     ISO-8601 instant
 * @param active           false after a cancel
 * @param exchangeModel    pull or push
 * @param outbox           push outbox state
 * @param lastContactAt    ISO-8601 instant of the VEN's last authorised request (recorded at most once a minute),
 *                         null when never or not shown
 */
@ApiSchema("Ven")
public record VenJson(String venId, String registrationId, String venName, String partyId, String fingerprint,
                      String kind, String transport, String transportAddress, boolean httpPullModel,
                      boolean reportOnly, boolean xmlSignature, String pollFreq, List<String> groupIds,
                      List<String> resourceIds, String registeredAt, boolean active,
                      @JsonInclude(JsonInclude.Include.NON_NULL) String exchangeModel,
                      @JsonInclude(JsonInclude.Include.NON_NULL) Outbox outbox,
                      String lastContactAt) {

    /**
     * A push VEN's outbox (issue #14).
     *
     * @param queued        pushes waiting
     * @param attempts      attempts of the head push
     * @param nextAttemptAt ISO-8601 instant or null
     * @param lastError     last failure or null
     * @param lastErrorAt   ISO-8601 instant or null
     * @param unreachable   given up until retried
     * @param urlForm       how the transport address was understood
     * @param delivered     pushes delivered
     */
    public record Outbox(int queued, int attempts, String nextAttemptAt, String lastError, String lastErrorAt,
                         boolean unreachable, String urlForm, long delivered) {
    }
}
