package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Map;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Scheduling rows of {@code sep-client} driven by the harness's clock: future events, randomisation and event
 * precedence over time (IEEE 2030.5-2018 §10.2.3 event rules, sep.xsd RandomizableEvent; CSIP CORE-021, BASIC-018..026;
 * CSIP-AUS ALL-21, ALL-22). Instead of waiting, a row moves the time the harness's Time resource serves
 * ({@link #at}) and makes the device read it again: the device follows the server's time (§10.2.3 "relative to the
 * time of the server"; CORE-005), so its decisions at any instant can be checked in seconds. The public test
 * descriptions do not map each BASIC-018..026 letter to a scenario; the grouping below is ours
 * (conformance-tests/README.md).
 */
final class PrecedenceCases {
    private static final String MODE = "opModMaxLimW";

    private PrecedenceCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("ALL-21"), "a future event is not applied before its start and is applied (Response"
                        + " 2) once the server's time reaches it", "IEEE 2030.5-2018 §10.2.3, §12.1.2 Table 27;"
                        + " CSIP-AUS ALL-21", PrecedenceCases::futureEvent),
                DeviceCase.of(List.of("CORE-021", "ALL-22"), "randomizeStart and randomizeDuration: the event starts"
                        + " inside [start, start + randomizeStart] and ends inside its randomised end window",
                        "sep.xsd RandomizableEvent; IEEE 2030.5-2018 §10.2.3 Effective Start/End Time; CSIP CORE-021;"
                                + " CSIP-AUS ALL-22", PrecedenceCases::randomized),
                DeviceCase.of(List.of("BASIC-018", "BASIC-019"), "nested events in one program: the newer nested event"
                        + " supersedes the outer one at its start (Response 7) and the outer one is not resumed",
                        "IEEE 2030.5-2018 §10.2.3 nested events; CSIP BASIC-018..019 (our grouping)",
                        PrecedenceCases::nested),
                DeviceCase.of(List.of("BASIC-020", "BASIC-021"), "staggered (adjacent) events in one program: each in"
                        + " force in its own interval; the first completes (Response 3), it is not superseded",
                        "IEEE 2030.5-2018 §10.2.3; CSIP BASIC-020..021 (our grouping)", PrecedenceCases::staggered),
                DeviceCase.of(List.of("BASIC-022", "BASIC-023"), "overlapping events across programs: an older event of"
                        + " the higher-priority program starting later takes over at its start and supersedes the other",
                        "IEEE 2030.5-2018 §10.2.3 primacy; CSIP BASIC-022..023 (our grouping)",
                        PrecedenceCases::acrossPrograms),
                DeviceCase.of(List.of("BASIC-024", "BASIC-025", "BASIC-026"), "a newer event superseding a running one"
                        + " from a later start: the running one stays in force until then, Response 7 only then",
                        "IEEE 2030.5-2018 §10.2.3 supersession at the later Effective Start Time; CSIP BASIC-024..026"
                                + " (our grouping)", PrecedenceCases::supersededLater));
    }

    /** Sets the harness's time to {@code at} (epoch s) and makes the device read it and {@code lastList} again. */
    static void at(DeviceSteps s, long at, String lastList) throws InterruptedException {
        SepDeviceHarness h = s.harness();
        long delta = at - h.now();
        h.edit(sc -> sc.timeOffset += delta);
        s.refresh(lastList);
    }

    /** Rows that must observe the device's decisions: a patient driver cannot, so say so before waiting. */
    private static void observable(DeviceSteps s) {
        if (s.driver().mode() == DeviceDriver.Mode.PATIENCE) {
            s.driver().effective();
        }
    }

    private static Scenario.Program program(DeviceSteps s, String name, int primacy) {
        Scenario.Program[] p = new Scenario.Program[1];
        s.harness().edit(sc -> p[0] = sc.program(name + DeviceSteps.id(), primacy));
        return p[0];
    }

    private static Scenario.Control control(DeviceSteps s, Scenario.Program p, long value, long start, long duration,
                                            long created) {
        Scenario.Control[] c = new Scenario.Control[1];
        s.harness().edit(sc -> c[0] = p.control(DeviceSteps.id(), MODE, value, start, duration, created));
        return c[0];
    }

    /** The row's body with the harness's time put back to its own clock afterwards. */
    private static void timed(DeviceSteps s, Body body) throws Exception {
        observable(s);
        try {
            body.run();
        } finally {
            s.harness().edit(sc -> sc.timeOffset = 0);
        }
    }

    @FunctionalInterface
    private interface Body {
        void run() throws Exception;
    }

    static void futureEvent(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program p = program(s, "pf", 1);
            long now = s.harness().now();
            long start = now + 60;
            Scenario.Control c = control(s, p, 4100, start, 300, now);
            int from = s.harness().count();
            s.refresh(p.href() + "/ctl");
            s.awaitResponse(from, c, 1);
            at(s, start - 3, p.href() + "/ctl");
            s.expectEffective(MODE, null, c.href(), "3 s before the event's start");
            s.noResponse(from, c, 2, "the event has not started yet");
            int before = s.harness().count();
            at(s, start + 3, p.href() + "/ctl");
            s.expectEffective(MODE, 4100L, c.href(), "3 s after the event's start");
            s.awaitResponse(before, c, 2);
        });
    }

    /**
     * randomizeStart 30 s, randomizeDuration 20 s, duration 60 s: the harness's time steps through the start window
     * in 3 s steps; the event must not be in force before its start, must be in force by start + 30 (+ one step), and
     * must have ended by start + 30 + 60 + 20. The first instant it is in force bounds the drawn start offset.
     */
    static void randomized(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program p = program(s, "pr", 1);
            long now = s.harness().now();
            long start = now + 60;
            Scenario.Control c = control(s, p, 3700, start, 60, now);
            s.harness().edit(sc -> {
                c.randomizeStart = 30;
                c.randomizeDuration = 20;
            });
            String list = p.href() + "/ctl";
            s.refresh(list);
            at(s, start - 2, list);
            s.expectEffective(MODE, null, c.href(), "2 s before the event's start (randomizeStart 30 shifts it later"
                    + " only)");
            long first = -1;
            for (long t = start + 1; t <= start + 34; t += 3) {
                at(s, t, list);
                Map<String, Object> m = s.driver().effective().get(MODE);
                if (m != null && c.href().equals(m.get("source"))) {
                    first = t;
                    break;
                }
            }
            long seen = first;
            s.ctx().check(seen >= 0, () -> RuleViolation.must(DeviceSteps.EFFECTIVE, MODE, "the event was not in force"
                    + " at any instant up to start + 34 s; randomizeStart 30 puts its Effective Start Time within"
                    + " [start, start + 30]"));
            if (seen < 0) {
                return;
            }
            s.ctx().note("in force from start + " + (seen - start) + " s (the drawn start offset is in (" + (seen - start
                    - 3) + ", " + (seen - start) + "])");
            // Effective start > seen - 3, so the effective end (start + 60 + [0, 20]) is after seen + 57
            at(s, seen + 56, list);
            s.expectEffective(MODE, 3700L, c.href(), "56 s after the event was first seen in force (duration 60)");
            at(s, start + 30 + 60 + 20 + 2, list);
            s.expectEffective(MODE, null, c.href(), "after the latest Effective End Time (start + 30 + 60 + 20)");
        });
    }

    static void nested(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program p = program(s, "pn", 1);
            long now = s.harness().now();
            Scenario.Control outer = control(s, p, 6000, now - 20, 3600, now - 60);
            Scenario.Control inner = control(s, p, 2000, now + 30, 60, now - 10);
            String list = p.href() + "/ctl";
            int from = s.harness().count();
            s.refresh(list);
            s.expectEffective(MODE, 6000L, outer.href(), "the outer event before the nested one starts");
            s.noResponse(from, outer, 7, "the nested event has not started yet");
            at(s, now + 33, list);
            s.expectEffective(MODE, 2000L, inner.href(), "the newer nested event once started");
            s.awaitResponse(from, outer, 7);
            at(s, now + 95, list);
            s.expectEffective(MODE, null, outer.href(), "the superseded outer event after the nested one ended (it is"
                    + " not resumed)");
        });
    }

    static void staggered(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program p = program(s, "pg", 1);
            long now = s.harness().now();
            long t0 = now + 30;
            Scenario.Control a = control(s, p, 5000, t0, 30, now - 30);
            Scenario.Control b = control(s, p, 2500, t0 + 30, 30, now - 10);
            String list = p.href() + "/ctl";
            int from = s.harness().count();
            s.refresh(list);
            at(s, t0 + 10, list);
            s.expectEffective(MODE, 5000L, a.href(), "the first of two adjacent events in its interval");
            at(s, t0 + 40, list);
            s.expectEffective(MODE, 2500L, b.href(), "the second of two adjacent events in its interval");
            s.awaitResponse(from, a, 3);
            s.noResponse(from, a, 7, "adjacent events do not overlap, so the first one completes");
        });
    }

    static void acrossPrograms(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program high = program(s, "ph", 1);
            Scenario.Program low = program(s, "pl", 2);
            long now = s.harness().now();
            // the higher-priority event is the older one: primacy decides before creationTime
            Scenario.Control h = control(s, high, 1500, now + 30, 60, now - 60);
            Scenario.Control l = control(s, low, 7000, now - 10, 3600, now - 5);
            String list = low.href() + "/ctl";
            int from = s.harness().count();
            s.refresh(list);
            s.expectEffective(MODE, 7000L, l.href(), "the primacy-2 event alone in force");
            at(s, now + 33, list);
            s.expectEffective(MODE, 1500L, h.href(), "the primacy-1 event once it started");
            s.awaitResponse(from, l, 7);
            at(s, now + 95, list);
            s.expectEffective(MODE, null, l.href(), "the superseded primacy-2 event after the primacy-1 one ended");
        });
    }

    static void supersededLater(DeviceSteps s) throws Exception {
        timed(s, () -> {
            Scenario.Program p = program(s, "pu", 1);
            long now = s.harness().now();
            Scenario.Control old = control(s, p, 6600, now - 10, 3600, now - 60);
            Scenario.Control newer = control(s, p, 3300, now + 30, 3600, now - 5);
            String list = p.href() + "/ctl";
            int from = s.harness().count();
            s.refresh(list);
            s.expectEffective(MODE, 6600L, old.href(), "the running event before the newer one starts");
            s.noResponse(from, old, 7, "the newer event has not started: supersession happens at its start");
            at(s, now + 33, list);
            s.expectEffective(MODE, 3300L, newer.href(), "the newer event from its start");
            s.awaitResponse(from, old, 7);
        });
    }
}
