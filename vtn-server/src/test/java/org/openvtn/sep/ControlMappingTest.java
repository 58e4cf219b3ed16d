package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.sep.service.ControlMapping;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.store.SepEndDevice;

/** Core -> 2030.5 mapping rules (IEEE 2030.5-2018 §10.3/§10.10 event status; docs/ieee-2030.5.md table). */
class ControlMappingTest {
    private static final Instant T0 = Instant.parse("2026-03-02T12:00:00Z");
    private static final String LFDI = "3E4F45AB31EDFE5B67E343E5E4562E31984E23E5";

    private static Event event(boolean cancelled, Duration randomize, String name, String type, double value) {
        EventSpec spec = EventSpec.builder().programId("p").start(T0).targets(Targets.vens(LFDI))
                .responseRequired(ResponseRequired.NEVER).randomizeStart(randomize)
                .signal(name, type, "setpoint".equals(type) ? "kW" : null,
                        List.of(Map.entry(Duration.ofMinutes(10), value))).build();
        return new Event("e1", cancelled ? 1 : 0, cancelled, "mc", T0.minusSeconds(60), T0.minusSeconds(30), spec);
    }

    private static SepControl only(Event e, Instant now) {
        List<SepControl> cs = ControlMapping.controls(e, now);
        assertEquals(1, cs.size());
        return cs.get(0);
    }

    /** currentStatus: Scheduled only before start, Active from start, Cancelled(/with randomization), gone after end. */
    @Test
    void statusFromTime() {
        Event e = event(false, Duration.ZERO, "SIMPLE", "level", 1);
        assertEquals(SepControl.SCHEDULED, only(e, T0.minusSeconds(1)).currentStatus());
        assertEquals(SepControl.ACTIVE, only(e, T0).currentStatus());
        assertEquals(SepControl.ACTIVE, only(e, T0.plusSeconds(599)).currentStatus());
        assertTrue(ControlMapping.controls(e, T0.plusSeconds(600)).isEmpty());
        assertEquals(SepControl.CANCELLED, only(event(true, Duration.ZERO, "SIMPLE", "level", 1), T0).currentStatus());
        assertEquals(SepControl.CANCELLED_WITH_RANDOMIZATION,
                only(event(true, Duration.ofMinutes(5), "SIMPLE", "level", 1), T0).currentStatus());
    }

    /**
     * RandomizableEvent (sep.xsd OneHourRangeType, -3600..3600 s; CSIP CORE-021): randomizeDuration is carried signed;
     * an OpenADR startafter longer than an hour becomes randomizeStart 3600 (the largest the standard allows); a
     * cancelled event randomized only in duration is Cancelled with randomization.
     */
    @Test
    void randomization() {
        Event e = event(false, Duration.ofMinutes(2), "SIMPLE", "level", 1);
        Event rd = new Event("e1", 0, false, "mc", e.createdAt(), e.modifiedAt(),
                e.spec().toBuilder().randomizeDuration(Duration.ofSeconds(-300)).build());
        assertEquals(-300, only(rd, T0).randomizeDuration());
        assertEquals(120, only(rd, T0).randomizeStart());
        assertEquals(0, only(e, T0).randomizeDuration());
        assertEquals(3600, only(event(false, Duration.ofHours(2), "SIMPLE", "level", 1), T0).randomizeStart());
        assertEquals(3600, only(event(false, Duration.ofHours(1), "SIMPLE", "level", 1), T0).randomizeStart());
        Event cancelled = new Event("e1", 1, true, "mc", e.createdAt(), e.modifiedAt(),
                e.spec().toBuilder().randomizeStart(Duration.ZERO).randomizeDuration(Duration.ofSeconds(60)).build());
        assertEquals(SepControl.CANCELLED_WITH_RANDOMIZATION, only(cancelled, T0).currentStatus());
    }

    /** The mapping table: SIMPLE -> DutyCycle, LOAD_DISPATCH -> opModTargetW/opModMaxLimW, LOAD_CONTROL -> Offset/opModMaxLimW. */
    @Test
    void mappingTable() {
        SepControl simple = only(event(false, Duration.ZERO, "SIMPLE", "level", 3), T0);
        assertEquals(SepControl.Kind.END_DEVICE_CONTROL, simple.kind());
        assertEquals(25, simple.value());
        assertTrue(ControlMapping.controls(event(false, Duration.ZERO, "SIMPLE", "level", 0), T0).isEmpty());
        SepControl setpoint = only(event(false, Duration.ZERO, "LOAD_DISPATCH", "setpoint", 1.5), T0);
        assertEquals(SepControl.Mode.OP_MOD_TARGET_W, setpoint.mode());
        assertEquals(1500, setpoint.value());
        assertEquals(5000, only(event(false, Duration.ZERO, "LOAD_DISPATCH", "multiplier", 0.5), T0).value());
        assertEquals(SepControl.Mode.LOAD_ADJUSTMENT_PERCENT_OFFSET,
                only(event(false, Duration.ZERO, "LOAD_CONTROL", "x-loadControlPercentOffset", -20), T0).mode());
        assertEquals(-2000, only(event(false, Duration.ZERO, "LOAD_CONTROL", "x-loadControlPercentOffset", -20), T0)
                .value());
        assertTrue(ControlMapping.controls(event(false, Duration.ZERO, "LOAD_DISPATCH", "delta", 1), T0).isEmpty());
    }

    /** Targets: all, LFDI as venID/resourceID, or a group of the device. */
    @Test
    void targeting() {
        SepEndDevice d = new SepEndDevice(1, LFDI, 1L, T0, null, null, Set.of("g"));
        assertTrue(ControlMapping.targets(d, event(false, Duration.ZERO, "SIMPLE", "level", 1)));
        SepEndDevice other = new SepEndDevice(2, LFDI.replace('3', '4'), 1L, T0, null, null, Set.of());
        assertFalse(ControlMapping.targets(other, event(false, Duration.ZERO, "SIMPLE", "level", 1)));
    }

    /** §6.1.2 / CSIP CORE-004: default l = 1, l capped, s beyond the end gives an empty page. */
    @Test
    void listQuery() {
        ListQuery q = ListQuery.parse(Map.of("x", "y"));
        assertEquals(ListQuery.DEFAULT_LIMIT, q.limit());
        assertEquals(ListQuery.MAX_LIMIT, ListQuery.parse(Map.of("l", "100000")).limit());
        ListQuery.Page<Integer> p = ListQuery.parse(Map.of("s", "5", "l", "3")).page(List.of(1, 2, 3), null);
        assertEquals(3, p.all());
        assertEquals(0, p.results());
    }

    /** An event of program "p" with one interval [start, start+minutes) and the given creation (modification) time. */
    private static Event timed(String id, boolean cancelled, String name, String type, Instant start, int minutes,
                               Instant created) {
        EventSpec spec = EventSpec.builder().programId("p").start(start).targets(Targets.vens(LFDI))
                .responseRequired(ResponseRequired.NEVER)
                .signal(name, type, "W", List.of(Map.entry(Duration.ofMinutes(minutes), 1.0))).build();
        return new Event(id, 0, cancelled, "mc", created, created, spec);
    }

    private static List<SepControl> seen(Instant now, Event... events) {
        List<SepControl> all = new java.util.ArrayList<>();
        for (Event e : events) {
            all.addAll(ControlMapping.allControls(e, now));
        }
        return ControlMapping.supersede(all, now);
    }

    /**
     * sep.xsd EventStatus 4 Superseded (CSIP CORE-023): a newer overlapping event of the same program and the same
     * control marks the older one Superseded at the newer one's start, and keeps it so after the newer one ends;
     * not before that start, not for another mode, not when the newer one is cancelled, not the newer one itself.
     */
    @Test
    void supersededByANewerOverlappingControlOfTheSameMode() {
        Event older = timed("a", false, "LOAD_DISPATCH", "setpoint", T0, 60, T0.minusSeconds(600));
        Event newer = timed("b", false, "LOAD_DISPATCH", "setpoint", T0.plusSeconds(600), 10, T0.minusSeconds(300));
        List<SepControl> before = seen(T0.plusSeconds(599), older, newer);
        assertEquals(SepControl.ACTIVE, before.get(0).currentStatus(), "not before the newer control starts");
        assertEquals(SepControl.SCHEDULED, before.get(1).currentStatus());
        List<SepControl> at = seen(T0.plusSeconds(600), older, newer);
        assertEquals(SepControl.SUPERSEDED, at.get(0).currentStatus());
        assertEquals(T0.plusSeconds(600), at.get(0).statusTime(), "dateTime: when it was superseded");
        assertEquals(SepControl.ACTIVE, at.get(1).currentStatus(), "the newer one is not superseded by the older");
        assertEquals(SepControl.SUPERSEDED, seen(T0.plusSeconds(1300), older, newer).get(0).currentStatus(),
                "stays superseded after the newer control ended");
        // another mode, a cancelled newer event, a newer event that does not overlap: no supersession
        Event otherMode = timed("c", false, "LOAD_DISPATCH", "multiplier", T0, 10, T0.minusSeconds(300));
        assertEquals(SepControl.ACTIVE, seen(T0.plusSeconds(60), older, otherMode).get(0).currentStatus());
        Event cancelled = timed("d", true, "LOAD_DISPATCH", "setpoint", T0, 10, T0.minusSeconds(300));
        assertEquals(SepControl.ACTIVE, seen(T0.plusSeconds(60), older, cancelled).get(0).currentStatus());
        Event after = timed("e", false, "LOAD_DISPATCH", "setpoint", T0.plusSeconds(3600), 10, T0.minusSeconds(300));
        assertEquals(SepControl.ACTIVE, seen(T0.plusSeconds(3600), older, after).get(0).currentStatus());
        // an older event never supersedes a newer one; a cancelled event stays cancelled
        Event oldest = timed("f", false, "LOAD_DISPATCH", "setpoint", T0, 60, T0.minusSeconds(900));
        assertEquals(SepControl.ACTIVE, seen(T0, older, oldest).get(0).currentStatus());
        Event cancelledOlder = timed("g", true, "LOAD_DISPATCH", "setpoint", T0, 60, T0.minusSeconds(900));
        assertEquals(SepControl.CANCELLED, seen(T0.plusSeconds(600), cancelledOlder, newer).get(0).currentStatus());
        // EndDeviceControls: every one carries every deviceCategory, so DutyCycle and Offset supersede each other
        Event duty = timed("h", false, "SIMPLE", "level", T0, 60, T0.minusSeconds(900));
        Event offset = timed("i", false, "LOAD_CONTROL", "x-loadControlPercentOffset", T0, 60, T0.minusSeconds(60));
        assertEquals(SepControl.SUPERSEDED, seen(T0, duty, offset).get(0).currentStatus());
    }

    /**
     * List order (§10.10.3: start ascending, creationTime descending, mRID descending) on the times as served, in
     * whole seconds: two events created within one second are ordered by mRID (found by the sep-server suite's
     * {@code sep.list.order} with S-ALL-17/33/47 starting in one second).
     */
    @Test
    void listOrderUsesServedSeconds() {
        Event a = timed("a", false, "LOAD_DISPATCH", "setpoint", T0, 10, T0.minusMillis(1900));
        Event b = timed("b", false, "LOAD_DISPATCH", "multiplier", T0, 10, T0.minusMillis(1100));
        List<SepControl> l = new java.util.ArrayList<>(seen(T0, a, b));
        l.sort(ControlMapping.LIST_ORDER);
        assertTrue(org.openvtn.sep.service.SepPaths.mridHex(l.get(0).key()).compareTo(
                org.openvtn.sep.service.SepPaths.mridHex(l.get(1).key())) > 0, l.toString());
    }
}
