package org.openvtn.core;

/**
 * Protocol-neutral error codes raised by the core services.
 *
 * <p>The numeric values follow the OpenADR 2.0b response codes (OpenADR 2.0b Profile
 * Specification, section 8.x "Response codes", the 450–469 family) because those are the finest
 * grained set the VTN has to produce. The OpenADR adapter copies {@link #code()} into
 * {@code ei:responseCode}; the IEEE 2030.5 adapter and the admin API map them to HTTP statuses.
 */
public enum ErrorCode {
    /** 400: the request is malformed. */
    BAD_REQUEST(400),
    /** 450: the message is out of sequence (e.g. not registered yet). */
    OUT_OF_SEQUENCE(450),
    /** 451: the operation is not allowed in the current state. */
    NOT_ALLOWED(451),
    /** 452: an ID (venID, registrationID, eventID, optID, reportRequestID...) is unknown or not the caller's. */
    INVALID_ID(452),
    /** 453: the request is not recognized. */
    NOT_RECOGNIZED(453),
    /** 454: the payload carries invalid data (range, duration, missing field). */
    INVALID_DATA(454),
    /** 459: compliance error (a value violates a profile rule). */
    COMPLIANCE_ERROR(459),
    /** 460: the VEN does not support the signal. */
    SIGNAL_NOT_SUPPORTED(460),
    /** 461: the report is not supported (no matching METADATA). */
    REPORT_NOT_SUPPORTED(461),
    /** 462: target mismatch. */
    TARGET_MISMATCH(462),
    /** 463: the party is not registered or not authorized. */
    NOT_REGISTERED_OR_AUTHORIZED(463),
    /** 469: deployment error or any other error (storage failure...). */
    OTHER(469);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** @return the numeric OpenADR-style response code */
    public int code() {
        return code;
    }
}
