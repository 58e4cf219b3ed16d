package org.openvtn.oadr20b.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.ResponseOutcome;
import org.openvtn.core.VtnException;

/**
 * Issue #13 part C item 2: the core's errors are neutral; the OpenADR 2.0b adapter maps each to the 2.0b response
 * code (OpenADR 2.0b Profile Specification, "Response codes": 450..469) that it answered before the core lost its
 * numbers, so nothing changes on the wire.
 */
class OadrResponseCodesTest {

    /** Every neutral error has its 2.0b code; the table is the one the VTN has always answered. */
    @Test
    void everyNeutralErrorMapsToItsOpenAdr20bCode() {
        Map<ErrorCode, Integer> expected = new EnumMap<>(ErrorCode.class);
        expected.put(ErrorCode.BAD_REQUEST, 400);
        expected.put(ErrorCode.OUT_OF_SEQUENCE, 450);
        expected.put(ErrorCode.NOT_ALLOWED, 451);
        expected.put(ErrorCode.INVALID_ID, 452);
        expected.put(ErrorCode.NOT_RECOGNIZED, 453);
        expected.put(ErrorCode.INVALID_DATA, 454);
        expected.put(ErrorCode.COMPLIANCE_ERROR, 459);
        expected.put(ErrorCode.SIGNAL_NOT_SUPPORTED, 460);
        expected.put(ErrorCode.REPORT_NOT_SUPPORTED, 461);
        expected.put(ErrorCode.TARGET_MISMATCH, 462);
        expected.put(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED, 463);
        expected.put(ErrorCode.OTHER, 469);
        assertEquals(Set.of(ErrorCode.values()), expected.keySet(), "a new ErrorCode needs its 2.0b code here");
        Set<Integer> seen = new HashSet<>();
        for (ErrorCode c : ErrorCode.values()) {
            assertEquals(expected.get(c), OadrResponseCodes.of(c), c.name());
            assertEquals(true, seen.add(OadrResponseCodes.of(c)), "two errors share " + OadrResponseCodes.of(c));
        }
        assertEquals(452, OadrResponseCodes.of(VtnException.invalidId("venId", "unknown")));
    }

    /**
     * Issue #13: an oadrCreatedEvent responseCode becomes the core's neutral outcome (2xx processed, 460 signal not
     * supported, any other an error), and an outcome recorded without a code reads back as its 2.0b number.
     */
    @Test
    void createdEventResponseCodesMapToNeutralOutcomes() {
        assertEquals(ResponseOutcome.ACCEPTED, OadrResponseCodes.outcome(200));
        assertEquals(ResponseOutcome.NOT_SUPPORTED, OadrResponseCodes.outcome(460));
        assertEquals(ResponseOutcome.ERROR, OadrResponseCodes.outcome(454));
        assertEquals(ResponseOutcome.ERROR, OadrResponseCodes.outcome(300));
        assertEquals(200, OadrResponseCodes.of(ResponseOutcome.ACCEPTED));
        assertEquals(460, OadrResponseCodes.of(ResponseOutcome.NOT_SUPPORTED));
        assertEquals(469, OadrResponseCodes.of(ResponseOutcome.ERROR));
    }
}
