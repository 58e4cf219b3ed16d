package org.openvtn.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A VEN's answer to one event (OpenADR 2.0b oadrCreatedEvent {@code eventResponse}): opt in/out
 * for a given modification number, with the VEN's response code (200, or e.g. 460 when it does
 * not support a signal). Late opt-outs (after the event started/completed) are accepted and recorded.
 *
 * @param venId               responding VEN
 * @param eventId             event
 * @param modificationNumber  modification the answer refers to
 * @param optType             OPT_IN / OPT_OUT
 * @param responseCode        VEN's code (200, 460...)
 * @param responseDescription may be null
 * @param receivedAt          when recorded
 */
public record EventResponse(String venId, String eventId, long modificationNumber, OptType optType, int responseCode,
                            String responseDescription, Instant receivedAt) {
    public EventResponse {
        Objects.requireNonNull(venId, "venId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(optType, "optType");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
