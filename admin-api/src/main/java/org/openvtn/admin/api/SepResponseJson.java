package org.openvtn.admin.api;

/**
 * A 2030.5 Response a device posted.
 *
 * @param id          id
 * @param endDeviceId device
 * @param responseSet its ResponseSet
 * @param type        Response kind
 * @param subject     the subject mRID
 * @param status      response status or null
 * @param eventId     the core event or null
 * @param receivedAt  ISO-8601 instant
 */
public record SepResponseJson(long id, long endDeviceId, String responseSet, String type, String subject,
                              Short status, String eventId, String receivedAt) {
}
