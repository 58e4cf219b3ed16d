package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A participant's answer to one event (OpenADR 2.0b oadrCreatedEvent {@code eventResponse}, IEEE 2030.5 Response):
 * opt in/out for a given modification number, with a protocol-neutral {@link ResponseOutcome}. The adapter's own code
 * is kept only as an opaque detail for operators. Late opt-outs (after the event started/completed) are accepted and
 * recorded.
 *
 * @param participantId      responding participant (venID or LFDI)
 * @param eventId            event
 * @param modificationNumber modification the answer refers to
 * @param optType            OPT_IN / OPT_OUT
 * @param outcome            whether the participant could process the event
 * @param protocolCode       the adapter's own code as text (OpenADR responseCode, e.g. {@code 460}), may be null
 * @param description        may be null
 * @param receivedAt         when recorded
 */
public record EventResponse(String participantId, String eventId, long modificationNumber, OptType optType,
                            ResponseOutcome outcome, String protocolCode, String description, Instant receivedAt) {
    public EventResponse {
        Objects.requireNonNull(participantId, "participantId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
