package org.openvtn.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Issue #12 items 6 and 8: the limits have secure defaults and {@code build()} names a bad field. */
class StoreLimitsTest {

    @Test
    void defaults() {
        StoreLimits d = StoreLimits.DEFAULT;
        assertEquals(Duration.ofSeconds(30), d.pollRedeliveryAfter());
        assertEquals(3, d.pollMaxDeliveries());
        assertEquals(10_000, d.maxEventResponsesPerVen());
        assertEquals(1_000, d.maxOptsPerVen());
        assertEquals(1_000_000L, d.maxTelemetryPerVen());
        assertEquals(1_000, d.maxLogEventsPerDevice());
        assertEquals(1_000, d.maxResponsesPerDevice());
        assertEquals(1_000, d.maxReadingSetsPerReading());
        assertEquals(100, d.maxMirrorsPerDevice());
        assertEquals(d, CoreConfig.builder().inMemory("x").build().limits());
    }

    @Test
    void badValuesAreNamed() {
        Map<String, UnaryOperator<StoreLimits.Builder>> cases = Map.of(
                "maxMirrorsPerDevice", b -> b.maxMirrorsPerDevice(0),
                "pollRedeliveryAfter", b -> b.pollRedeliveryAfter(Duration.ZERO),
                "pollMaxDeliveries", b -> b.pollMaxDeliveries(0),
                "maxEventResponsesPerVen", b -> b.maxEventResponsesPerVen(0),
                "maxOptsPerVen", b -> b.maxOptsPerVen(-1),
                "maxTelemetryPerVen", b -> b.maxTelemetryPerVen(0),
                "maxLogEventsPerDevice", b -> b.maxLogEventsPerDevice(0),
                "maxResponsesPerDevice", b -> b.maxResponsesPerDevice(0),
                "maxReadingSetsPerReading", b -> b.maxReadingSetsPerReading(0));
        cases.forEach((field, bad) -> {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> bad.apply(StoreLimits.builder()).build(), field);
            assertTrue(e.getMessage().startsWith(field + ":"), e.getMessage());
        });
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CoreConfig.builder().inMemory("x").limits(null).build()).getMessage().startsWith("limits:"));
    }
}
