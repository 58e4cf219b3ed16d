package org.openvtn.admin.api;

/**
 * A TextMessage as stored ({@code /sep/programs/{id}/messages}); devices read it in
 * {@code /edev/{e}/msg/{id}/txt} while it has not ended.
 *
 * @param id          the message's number
 * @param programId   program
 * @param text        the message
 * @param priority    0..3
 * @param originator  originator or null
 * @param start       start
 * @param duration    ISO-8601 duration
 * @param groupId     target group or null
 * @param lfdi        target device or null
 * @param createdAt   creationTime
 * @param cancelledAt when cancelled, or null
 */
@ApiSchema("SepTextMessage")
public record SepTextMessageJson(long id, String programId, String text, int priority, String originator, String start,
                                 String duration, String groupId, String lfdi, String createdAt, String cancelledAt) {
}
