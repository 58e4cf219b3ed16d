package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.openvtn.core.ErrorCode;
import org.openvtn.core.VtnException;
import org.openvtn.sep.service.SepException;

/**
 * Issue #13 part C item 2: the IEEE 2030.5 adapter maps the core's neutral errors to HTTP (IEEE 2030.5-2018 §5.5;
 * Error.reasonCode of Table 8) instead of answering 500 for a core rule.
 */
class SepErrorMappingTest {

    private static SepException map(ErrorCode c) {
        return SepException.from(new VtnException(c, "field", "refused"));
    }

    /** Unknown or foreign IDs do not exist for the caller (404, no body; CSIP-AUS S-ALL-05). */
    @Test
    void unknownIdIsNotFound() {
        assertEquals(404, map(ErrorCode.INVALID_ID).status());
        assertNull(map(ErrorCode.INVALID_ID).reasonCode());
    }

    /** Not registered/authorized is 403 with reasonCode 1; invalid data 400 reasonCode 1; a quota 400 reasonCode 2. */
    @Test
    void refusalsCarryTheirReasonCode() {
        assertEquals(403, map(ErrorCode.NOT_REGISTERED_OR_AUTHORIZED).status());
        assertEquals(400, map(ErrorCode.INVALID_DATA).status());
        assertEquals(SepException.INVALID_VALUES, map(ErrorCode.INVALID_DATA).reasonCode());
        assertEquals(SepException.RESOURCE_LIMIT, map(ErrorCode.NOT_ALLOWED).reasonCode());
        assertEquals(SepException.INVALID_FORMAT, map(ErrorCode.BAD_REQUEST).reasonCode());
        assertEquals(500, map(ErrorCode.OTHER).status());
    }
}
