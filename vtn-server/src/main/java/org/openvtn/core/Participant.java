package org.openvtn.core;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The enrolment state of a participant (issue #12 item 5), kept apart from its protocol registration: an OpenADR
 * VEN or a 2030.5 EndDevice ({@link ParticipantId}).
 *
 * @param id        protocol-qualified identity
 * @param state     pending, approved or revoked
 * @param label     operator's note (may be null)
 * @param changedAt when the state last changed
 */
public record Participant(ParticipantId id, State state, String label, Instant changedAt) {

    /** Enrolment states. */
    public enum State {
        /** Seen under the {@code approve} policy, awaiting an operator: receives nothing. */
        PENDING,
        /** Provisioned or approved by an operator: takes part under every policy. */
        APPROVED,
        /** Revoked by an operator: refused under every policy, its registration cancelled. */
        REVOKED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @throws VtnException 454 naming {@code state} */
        public static State parse(String s) {
            for (State st : values()) {
                if (st.name().equalsIgnoreCase(s)) {
                    return st;
                }
            }
            throw VtnException.invalidData("state", "state must be pending, approved or revoked");
        }
    }

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(changedAt, "changedAt");
        if (label != null && label.length() > 200) {
            throw VtnException.invalidData("label", "label must be at most 200 characters");
        }
    }
}
