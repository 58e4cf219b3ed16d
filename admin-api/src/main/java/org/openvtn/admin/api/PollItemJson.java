package org.openvtn.admin.api;

/**
 * One item of a VEN's poll queue, {@code GET /vens/{venId}/poll-queue} (OpenADR 2.0b 8.7 oadrPoll; issue #19:
 * the operator console's queue view).
 *
 * @param seq        queue order
 * @param kind       what the next poll answer carries, e.g. {@code EVENTS_CHANGED}
 * @param reference  reportRequestId or registrationId; null for {@code EVENTS_CHANGED}
 * @param queuedAt   ISO-8601 instant
 * @param sentAt     ISO-8601 instant of the last poll answer that carried it; null while never sent
 * @param deliveries poll answers that carried it so far
 */
@ApiSchema("PollItem")
public record PollItemJson(long seq, String kind, String reference, String queuedAt, String sentAt, int deliveries) {
}
