package org.openvtn.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation rules of {@link EventSpec.Builder#build()}. */
class EventSpecTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    static EventSpec.Builder simple(double... levels) {
        List<Map.Entry<Duration, Double>> ivs = new java.util.ArrayList<>();
        for (double l : levels) {
            ivs.add(Map.entry(Duration.ofMinutes(10), l));
        }
        return EventSpec.builder().programId("p").start(T0).targets(Targets.vens("ven1"))
                .signal("SIMPLE", "level", null, ivs);
    }

    private static VtnException fails(EventSpec.Builder b) {
        return assertThrows(VtnException.class, b::build);
    }

    /** OpenADR 2.0b 8.2.1: SIMPLE signal levels are 0..3 integers. */
    @Test
    void simpleLevelsMustBeZeroToThree() {
        simple(0, 1, 2, 3).build();
        VtnException e = fails(simple(1, 4));
        assertEquals("signals[0].intervals[1].value", e.field());
        assertEquals(ErrorCode.COMPLIANCE_ERROR, e.errorCode());
        assertEquals("signals[0].intervals[0].value", fails(simple(-1)).field());
        assertEquals("signals[0].intervals[0].value", fails(simple(1.5)).field());
    }

    /** Interval durations must be positive; uids 0,1,2... */
    @Test
    void intervalDurationsPositiveAndUidsInOrder() {
        EventSpec.Builder b = EventSpec.builder().programId("p").start(T0).targets(Targets.vens("v"))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ZERO, 1.0)));
        VtnException e = fails(b);
        assertEquals("signals[0].intervals[0].duration", e.field());
        assertEquals(ErrorCode.INVALID_DATA, e.errorCode());
        Signal bad = new Signal("0", "SIMPLE", "level", null,
                List.of(new Interval(1, Duration.ofMinutes(5), 1)));
        assertEquals("signals[0].intervals[0].uid",
                fails(EventSpec.builder().programId("p").start(T0).targets(Targets.vens("v")).signal(bad)).field());
    }

    /** The sum of interval durations is the active period: every signal must agree. */
    @Test
    void durationIsSumOfIntervalsAndSignalsAgree() {
        EventSpec s = simple(1, 2, 3).build();
        assertEquals(Duration.ofMinutes(30), s.duration());
        EventSpec.Builder b = simple(1, 2).signal("ELECTRICITY_PRICE", "price", "USD/kWh",
                List.of(Map.entry(Duration.ofMinutes(5), 0.3)));
        assertEquals("signals[1].intervals", fails(b).field());
    }

    /** Targets: empty is rejected, explicit all=true accepted. */
    @Test
    void targetsRequired() {
        assertEquals("targets", fails(simple(1).targets(new Targets(false, null, null, null, null))).field());
        simple(1).targets(Targets.everyone()).build();
    }

    /** Signal name/type table, units when needed, required fields. */
    @Test
    void signalNameTypeAndUnits() {
        List<Map.Entry<Duration, Double>> one = List.of(Map.entry(Duration.ofMinutes(5), 1.0));
        EventSpec.Builder base = EventSpec.builder().programId("p").start(T0).targets(Targets.vens("v"));
        assertEquals("signals[0].type", fails(EventSpec.builder().programId("p").start(T0)
                .targets(Targets.vens("v")).signal("SIMPLE", "price", null, one)).field());
        assertEquals("signals[0].units", fails(base.signal("ELECTRICITY_PRICE", "price", null, one)).field());
        assertEquals("signals[0].name", fails(EventSpec.builder().programId("p").start(T0)
                .targets(Targets.vens("v")).signal("BOGUS", "level", null, one)).field());
        assertEquals("programId", fails(simple(1).programId(null)).field());
        assertEquals("start", fails(simple(1).start(null)).field());
        assertEquals("priority", fails(simple(1).priority(-1)).field());
        assertEquals("randomizeStart", fails(simple(1).randomizeStart(Duration.ofSeconds(-1))).field());
        // IEEE 2030.5 OneHourRangeType: signed, -3600..3600 whole seconds
        assertEquals("randomizeDuration", fails(simple(1).randomizeDuration(Duration.ofSeconds(3601))).field());
        assertEquals("randomizeDuration", fails(simple(1).randomizeDuration(Duration.ofSeconds(-3601))).field());
        assertEquals("randomizeDuration", fails(simple(1).randomizeDuration(Duration.ofMillis(1500))).field());
        assertEquals("randomizeDuration", fails(simple(1).randomizeDuration(null)).field());
        assertEquals(Duration.ofSeconds(-3600), simple(1).randomizeDuration(Duration.ofSeconds(-3600)).build()
                .randomizeDuration());
        assertEquals(Duration.ofHours(1), simple(1).randomizeDuration(Duration.ofHours(1)).build().toBuilder().build()
                .randomizeDuration());
        assertEquals(Duration.ZERO, simple(1).build().randomizeDuration());
        EventSpec.builder().programId("p").start(T0).targets(Targets.vens("v"))
                .signal("LOAD_CONTROL", "x-loadControlCapacity", null, one).build();
    }

    /** Status derivation (far/near/active/completed/cancelled) and currentValue (0 when not active). */
    @Test
    void statusAndCurrentValue() {
        EventSpec spec = simple(1, 3).build();
        Event e = new Event("e", 0, false, "http://mc", T0, T0, spec);
        Duration near = Duration.ofHours(1);
        Signal sig = spec.signals().get(0);
        assertEquals(EventStatus.FAR, e.status(T0.minus(Duration.ofHours(2)), near));
        assertEquals(EventStatus.NEAR, e.status(T0.minus(Duration.ofMinutes(30)), near));
        assertEquals(EventStatus.ACTIVE, e.status(T0, near));
        assertEquals(1.0, e.currentValue(sig, T0));
        assertEquals(3.0, e.currentValue(sig, T0.plus(Duration.ofMinutes(15))));
        assertEquals(0.0, e.currentValue(sig, T0.minusSeconds(1)));
        assertEquals(EventStatus.COMPLETED, e.status(T0.plus(Duration.ofMinutes(20)), near));
        assertEquals(0.0, e.currentValue(sig, T0.plus(Duration.ofMinutes(20))));
        Event c = new Event("e", 1, true, "http://mc", T0, T0, spec);
        assertEquals(EventStatus.CANCELLED, c.status(T0, near));
        assertEquals(0.0, c.currentValue(sig, T0));
    }
}
