package org.openvtn.core;

/**
 * Protocol-neutral errors raised by the core services (issue #13: the core speaks of participants, not of one
 * protocol's codes). Each adapter maps them to its protocol: the OpenADR 2.0b adapter to the 450–469 response codes
 * ({@code org.openvtn.oadr20b.service.OadrResponseCodes}), the IEEE 2030.5 adapter to HTTP statuses
 * ({@code org.openvtn.sep.service.SepException#from}), the admin API to HTTP statuses plus the OpenADR number it has
 * always reported in its {@code code} field.
 */
public enum ErrorCode {
    /** The request is malformed. */
    BAD_REQUEST,
    /** The message is out of sequence (e.g. not registered yet). */
    OUT_OF_SEQUENCE,
    /** The operation is not allowed in the current state (a cancelled event, a quota reached, an overlap). */
    NOT_ALLOWED,
    /** An ID (participant, registration, event, opt, report request...) is unknown or not the caller's. */
    INVALID_ID,
    /** The request is not recognized. */
    NOT_RECOGNIZED,
    /** The payload carries invalid data (range, duration, missing field). */
    INVALID_DATA,
    /** A value violates a profile rule. */
    COMPLIANCE_ERROR,
    /** The participant does not support the signal. */
    SIGNAL_NOT_SUPPORTED,
    /** The report is not supported (no matching METADATA). */
    REPORT_NOT_SUPPORTED,
    /** Target mismatch. */
    TARGET_MISMATCH,
    /** The participant is not registered or not authorized. */
    NOT_REGISTERED_OR_AUTHORIZED,
    /** Any other error (storage failure, deployment error...). */
    OTHER
}
