package org.openvtn.oadr3.store;

import java.time.Instant;

/**
 * One pending OpenADR 3.1 notification (table {@code oadr3_outbox}, migration V15).
 *
 * @param seq           order of creation; a lane is delivered in seq order
 * @param lane          delivery lane: entries of one lane go out one after another, lanes are independent
 * @param kind          {@code WEBHOOK} (target = callbackUrl) or {@code MQTT} (target = topic)
 * @param target        the callback URL or the MQTT topic
 * @param bearerToken   the subscription's bearerToken for the webhook's Authorization header, or null
 * @param payload       the notification JSON (openadr3.yaml {@code notification})
 * @param attempts      failed attempts so far
 * @param nextAttemptAt not to be tried before
 */
public record Oadr3OutboxEntry(long seq, String lane, String kind, String target, String bearerToken, String payload,
                               Instant createdAt, int attempts, Instant nextAttemptAt) {
}
