package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.sep.Time;
import org.openvtn.sep.service.SepResources;

/** IEEE 2030.5-2018 §6.3.2 Time: tzOffset, dstOffset and the DST window of the current year. */
class SepResourcesTest {

    /** CSIP CORE-005: Time in a zone with DST (Australia/Sydney: +10 h, +1 h DST) validates and is consistent. */
    @Test
    void timeWithDaylightSaving() throws Exception {
        Instant now = Instant.parse("2026-01-15T00:00:00Z");
        Time t = new SepResources(900, ZoneId.of("Australia/Sydney"), (short) 4).time(now);
        SepFixture.CODEC.encode(t);
        assertEquals(36000, t.getTzOffset().getValue());
        assertEquals(3600, t.getDstOffset().getValue());
        assertEquals(Instant.parse("2026-10-03T16:00:00Z").getEpochSecond(), t.getDstStartTime().getValue());
        assertEquals(Instant.parse("2026-04-04T16:00:00Z").getEpochSecond(), t.getDstEndTime().getValue());
        assertEquals(now.getEpochSecond() + 39600, t.getLocalTime().getValue());
        assertEquals(4, t.getQuality());
    }

    /** Northern hemisphere: DST starts before it ends within the year. */
    @Test
    void timeNorthernHemisphere() throws Exception {
        Time t = new SepResources(900, ZoneId.of("America/Los_Angeles"), (short) 4)
                .time(Instant.parse("2026-07-01T00:00:00Z"));
        assertEquals(-28800, t.getTzOffset().getValue());
        assertEquals(Instant.parse("2026-03-08T10:00:00Z").getEpochSecond(), t.getDstStartTime().getValue());
        assertEquals(Instant.parse("2026-11-01T09:00:00Z").getEpochSecond(), t.getDstEndTime().getValue());
    }
}
