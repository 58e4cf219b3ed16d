package org.openvtn.admin.api;

/**
 * One entry of {@code GET /events/{id}/responses}: a VEN's oadrCreatedEvent answer.
 *
 * @param venId               VEN ID
 * @param modificationNumber  modification answered
 * @param optType             optIn or optOut
 * @param responseCode        the VEN's response code
 * @param responseDescription its description
 * @param receivedAt          ISO-8601 instant
 */
public record EventResponseJson(String venId, long modificationNumber, String optType, int responseCode,
                                String responseDescription, String receivedAt) {
}
