package org.openvtn.core;

import java.util.Objects;

/**
 * A create or modify refused because the event would overlap another live event of the same market context for a
 * common target, in a program whose {@link OverlapPolicy} is {@link OverlapPolicy#REJECT} (OpenADR 2.0b conformance
 * rule 18; ported A-profile case A_E3_0490). Code {@link ErrorCode#NOT_ALLOWED} (admin API 409), field
 * {@code start}.
 */
public final class EventOverlapException extends VtnException {
    private static final long serialVersionUID = 1L;

    private final String conflictingEventId;

    public EventOverlapException(String conflictingEventId, String message) {
        super(ErrorCode.NOT_ALLOWED, "start", message);
        this.conflictingEventId = Objects.requireNonNull(conflictingEventId, "conflictingEventId");
    }

    /** @return the ID of the live event the new one would overlap */
    public String conflictingEventId() {
        return conflictingEventId;
    }
}
