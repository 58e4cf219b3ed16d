package org.openvtn.core;

/**
 * What a participant's answer to an event says, independent of the protocol's codes (issue #13). Whether it takes
 * part is the answer's {@link OptType}; the outcome says whether it could process the event at all. Each adapter maps
 * its codes: OpenADR 2.0b oadrCreatedEvent {@code responseCode} 2xx = ACCEPTED, 460 (signal not supported) =
 * NOT_SUPPORTED, any other = ERROR; an IEEE 2030.5 Response (§10.x Response status) is ACCEPTED.
 */
public enum ResponseOutcome {
    /** Processed; the opt type says in or out. */
    ACCEPTED,
    /** The participant cannot act on (a signal of) the event. */
    NOT_SUPPORTED,
    /** The participant answered with another error. */
    ERROR
}
