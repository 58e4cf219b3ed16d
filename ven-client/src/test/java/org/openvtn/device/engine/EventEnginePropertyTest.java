package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.openvtn.device.engine.EngineFixture.T0;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * Property-style test over random event sets (fixed master seed, so a failure reproduces): primacies, overlaps,
 * nesting, randomization (RandomizableEvent), cancellations and server supersession (EventStatus 2/3/4), mixed
 * responseRequired bits. Invariants, checked at every transition and at random instants:
 * <ul>
 *   <li>one source per mode, and it really carries that mode with that value (an event's control or a
 *       program's DefaultDERControl, IEEE 2030.5-2018 §10.10);</li>
 *   <li>an event's value is never in force outside its window widened by its randomization bounds (§10.2.3,
 *       RandomizableEvent), never after it was cancelled, superseded or ended (Table 27 6, 7, 3), never if it
 *       was cancelled or superseded when first seen;</li>
 *   <li>every event asking for "received" (responseRequired bit 0) gets exactly one receipt answer (1, or the
 *       rejection 252/253/254), and exactly one "received" when it was valid and not over when first seen;
 *       no Response status is ever sent twice for an event; started comes before its end Response;</li>
 *   <li>the result does not depend on how often the library ticks: an engine ticked only at nextTransition()
 *       and one ticked every 97 s agree at every common instant.</li>
 * </ul>
 */
class EventEnginePropertyTest {

    private static final String[] MODES = {"opModFixedW", "opModExpLimW", "opModConnect"};

    @Test
    void invariantsHoldOnRandomEventSets() {
        SplittableRandom master = new SplittableRandom(20_300_5L);
        for (int round = 0; round < 200; round++) {
            long seed = master.nextLong();
            try {
                runRound(new SplittableRandom(seed), seed);
            } catch (AssertionError e) {
                throw new AssertionError("round " + round + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
    }

    private static void runRound(SplittableRandom rnd, long seed) {
        List<ProgramView> programs = new ArrayList<>();
        Map<String, EventView> events = new LinkedHashMap<>();
        int nPrograms = 1 + rnd.nextInt(3);
        for (int p = 0; p < nPrograms; p++) {
            String href = "/derp/" + p;
            List<EventView> list = new ArrayList<>();
            int nEvents = rnd.nextInt(7);
            for (int i = 0; i < nEvents; i++) {
                Map<String, ModeValue> modes = new HashMap<>();
                for (String m : MODES) {
                    if (rnd.nextInt(3) == 0) {
                        modes.put(m, new ModeValue(rnd.nextInt(10_000), 0));
                    }
                }
                if (modes.isEmpty() && rnd.nextInt(5) > 0) {
                    modes.put(MODES[rnd.nextInt(MODES.length)], new ModeValue(rnd.nextInt(10_000), 0));
                }
                int status = rnd.nextInt(10) < 7 ? rnd.nextInt(2) : 2 + rnd.nextInt(3);
                int rs = rnd.nextInt(3) == 0 ? rnd.nextInt(-900, 901) : 0;
                int rd = rnd.nextInt(3) == 0 ? rnd.nextInt(-900, 901) : 0;
                long start = T0 + rnd.nextInt(-3600, 4 * 3600);
                long duration = rnd.nextInt(20) == 0 ? 0 : 60 + rnd.nextInt(3 * 3600);
                String eh = href + "/derc/" + i;
                EventView e = new EventView(eh, "m" + p + "x" + i, href, T0 - rnd.nextInt(100_000), status, start,
                        duration, rs, rd, modes, "/rsps", rnd.nextInt(4));
                list.add(e);
                events.put(eh, e);
            }
            Map<String, ModeValue> defaults = new HashMap<>();
            for (String m : MODES) {
                if (rnd.nextInt(4) == 0) {
                    defaults.put(m, new ModeValue(rnd.nextInt(10_000), 0));
                }
            }
            programs.add(new ProgramView(href, "pm" + p, rnd.nextInt(4), list, defaults));
        }

        long first = T0 - 1800 + rnd.nextInt(7200); // the device may first see the set late
        EngineFixture.TestClock fastClock = new EngineFixture.TestClock(first);
        EngineFixture.TestClock slowClock = new EngineFixture.TestClock(first);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        long deviceSeed = rnd.nextLong();
        Map<Long, Map<String, EffectiveControl>> byTransition = new HashMap<>();
        try (EventEngine a = EventEngine.builder().clock(fastClock).responseSink(sink).randomSeed(deviceSeed).build();
                EventEngine b = EventEngine.builder().clock(slowClock).responseSink((e, s, t) -> { })
                        .randomSeed(deviceSeed).build()) {
            a.update(programs);
            b.update(programs);
            byTransition.put(first, a.effective());
            check(a.effective(), programs, events, sink, first);
            // a: only at nextTransition (plus a re-update now and then: must change nothing)
            for (int steps = 0; steps < 500; steps++) {
                Optional<java.time.Instant> next = a.nextTransition();
                if (next.isEmpty()) {
                    break;
                }
                long t = next.get().getEpochSecond();
                assertTrue(t > fastClock.seconds(), "nextTransition is in the future");
                fastClock.set(t);
                if (rnd.nextInt(4) == 0) {
                    a.update(programs);
                } else {
                    a.tick();
                }
                byTransition.put(t, a.effective());
                check(a.effective(), programs, events, sink, t);
                if (steps == 499) {
                    fail("nextTransition never ran out");
                }
            }
            // b: every 97 s, compared with a's last state at or before that instant
            long end = T0 + 9 * 3600;
            for (long t = first + 97; t < end; t += 97) {
                slowClock.set(t);
                b.tick();
                long at = t;
                long key = byTransition.keySet().stream().filter(k -> k <= at).max(Long::compare).orElseThrow();
                assertEquals(sources(byTransition.get(key)), sources(b.effective()), "tick cadence changed the result at T0+" + (t - T0));
            }
        }
        checkResponses(events, sink, first);
    }

    private static Map<String, String> sources(Map<String, EffectiveControl> eff) {
        Map<String, String> out = new java.util.TreeMap<>();
        eff.forEach((m, c) -> out.put(m, c.source() + "=" + c.value().value()));
        return out;
    }

    private static void check(Map<String, EffectiveControl> eff, List<ProgramView> programs,
            Map<String, EventView> events, EngineFixture.RecordingSink sink, long now) {
        for (var en : eff.entrySet()) {
            EffectiveControl c = en.getValue();
            assertEquals(en.getKey(), c.mode());
            if (c.fromDefault()) {
                String ph = c.source().substring(EffectiveControl.DEFAULT_PREFIX.length());
                ProgramView p = programs.stream().filter(x -> x.href().equals(ph)).findFirst().orElseThrow();
                assertEquals(p.defaultModes().get(c.mode()), c.value(), "default value");
                continue;
            }
            EventView e = events.get(c.source());
            assertNotNull(e, "source is a known event: " + c.source());
            assertEquals(e.modes().get(c.mode()), c.value(), "the event carries this mode and value");
            long lo = e.start() + Math.min(0, e.randomizeStart());
            long hi = e.start() + Math.max(0, e.randomizeStart()) + e.duration() + Math.max(0, e.randomizeDuration());
            assertTrue(now >= lo && now < hi, c.source() + " in force at T0+" + (now - T0) + " outside its window");
            List<Integer> st = sink.statuses(e.href());
            for (int terminal : new int[] {3, 6, 7, 252, 253, 254}) {
                assertTrue(!st.contains(terminal), c.source() + " in force after Response " + terminal);
            }
        }
    }

    private static void checkResponses(Map<String, EventView> events, EngineFixture.RecordingSink sink, long first) {
        for (EventView e : events.values()) {
            List<Integer> st = sink.statuses(e.href());
            assertEquals(st.size(), new java.util.HashSet<>(st).size(), e.href() + " sent a status twice: " + st);
            long receipts = st.stream().filter(s -> s == 1 || s >= 252).count();
            if ((e.responseRequired() & 1) != 0) {
                assertEquals(1, receipts, e.href() + " receipt answers: " + st);
                boolean valid = Schedule.invalidReason(e) == null && !e.modes().isEmpty()
                        && e.start() + Math.max(0, e.randomizeStart()) + e.duration() + Math.max(0, e.randomizeDuration()) > first;
                if (valid && e.start() + Math.min(0, e.randomizeStart()) + e.duration() + Math.min(0, e.randomizeDuration()) > first) {
                    assertEquals(1, st.stream().filter(s -> s == 1).count(), e.href() + " valid and live: one received");
                }
            } else {
                assertTrue(st.stream().noneMatch(s -> s == 1), e.href() + " did not ask for received: " + st);
            }
            if ((e.responseRequired() & 2) == 0) {
                assertTrue(st.stream().allMatch(s -> s == 1 || s >= 252), e.href() + " asked for no specific: " + st);
            } else if (st.contains(2)) {
                int started = st.indexOf(2);
                for (int terminal : new int[] {3, 6, 7}) {
                    if (st.contains(terminal)) {
                        assertTrue(st.indexOf(terminal) > started, e.href() + " ended before it started: " + st);
                    }
                }
            }
            long ends = st.stream().filter(s -> s == 3 || s == 6 || s == 7).count();
            assertTrue(ends <= 1, e.href() + " ended twice: " + st);
        }
    }
}
