package org.openvtn.oadr20b.service;

import org.openvtn.core.ErrorCode;
import org.openvtn.core.ResponseOutcome;
import org.openvtn.core.VtnException;

/**
 * The OpenADR 2.0b adapter's mapping of the core's neutral {@link ErrorCode} to {@code ei:responseCode}: the
 * 450–469 family of the OpenADR 2.0b Profile Specification (section 8.x "Response codes": 450 out of sequence,
 * 451 not allowed, 452 invalid ID, 453 not recognized, 454 invalid data, 459 compliance error, 460 signal not
 * supported, 461 report not supported, 462 target mismatch, 463 not registered or authorized, 469 deployment error
 * or other error), plus HTTP-style 400 for a malformed request.
 */
public final class OadrResponseCodes {
    private OadrResponseCodes() {
    }

    /** @return the OpenADR 2.0b response code of a core error */
    public static int of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case OUT_OF_SEQUENCE -> 450;
            case NOT_ALLOWED -> 451;
            case INVALID_ID -> 452;
            case NOT_RECOGNIZED -> 453;
            case INVALID_DATA -> 454;
            case COMPLIANCE_ERROR -> 459;
            case SIGNAL_NOT_SUPPORTED -> 460;
            case REPORT_NOT_SUPPORTED -> 461;
            case TARGET_MISMATCH -> 462;
            case NOT_REGISTERED_OR_AUTHORIZED -> 463;
            case OTHER -> 469;
        };
    }

    /**
     * Maps a VEN's oadrCreatedEvent {@code responseCode} to the core's neutral outcome: 2xx processed, 460 signal not
     * supported, any other an error (OpenADR 2.0b 8.1.3, Table of response codes).
     */
    public static ResponseOutcome outcome(int responseCode) {
        if (responseCode >= 200 && responseCode < 300) {
            return ResponseOutcome.ACCEPTED;
        }
        return responseCode == of(ErrorCode.SIGNAL_NOT_SUPPORTED) ? ResponseOutcome.NOT_SUPPORTED
                : ResponseOutcome.ERROR;
    }

    /** @return the 2.0b response code that stands for a neutral outcome recorded without a code of its own */
    public static int of(ResponseOutcome outcome) {
        return switch (outcome) {
            case ACCEPTED -> 200;
            case NOT_SUPPORTED -> of(ErrorCode.SIGNAL_NOT_SUPPORTED);
            case ERROR -> of(ErrorCode.OTHER);
        };
    }

    /** @return the OpenADR 2.0b response code of a core exception */
    public static int of(VtnException e) {
        return of(e.errorCode());
    }
}
