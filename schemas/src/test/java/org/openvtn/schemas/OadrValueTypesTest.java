package org.openvtn.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** OpenADR 2.0b simple types shared by VTN and VEN: UTC date-times (conformance rule 1) and xcal durations. */
class OadrValueTypesTest {

    @Test
    void durationsInEveryFormPeersSend() {
        assertEquals(Duration.ofMinutes(15), OadrValueTypes.parseDuration("PT15M"));
        assertEquals(Duration.ofDays(1), OadrValueTypes.parseDuration(" P1D "));
        assertEquals(Duration.ofSeconds(-5), OadrValueTypes.parseDuration("-PT5S"));
        assertEquals(Duration.ofDays(14), OadrValueTypes.parseDuration("P2W"));
        assertEquals(Duration.ofDays(-7), OadrValueTypes.parseDuration("-P1W"));
        assertEquals(Duration.ofDays(31), OadrValueTypes.parseDuration("P1M")); // from 1970-01-01
        assertThrows(IllegalArgumentException.class, () -> OadrValueTypes.parseDuration("15 minutes"));
    }

    @Test
    void dateTimesAreUtcAndRoundTrip() {
        Instant t = Instant.parse("2030-01-01T14:00:00.250Z");
        assertEquals("2030-01-01T14:00:00.250Z", OadrValueTypes.dateTime(t).toXMLFormat());
        assertEquals(t, OadrValueTypes.instant(OadrValueTypes.dateTime(t)));
    }

    @Test
    void responseCodes() {
        assertEquals(452, OadrValueTypes.code(OadrValueTypes.response(452, "invalid ID", null)));
        assertEquals("", OadrValueTypes.ok(null).getRequestID());
        assertEquals(0, OadrValueTypes.code(null));
    }
}
