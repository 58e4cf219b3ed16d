package org.openvtn.device.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.openvtn.device.engine.EngineFixture.T0;
import static org.openvtn.device.engine.EngineFixture.defaults;
import static org.openvtn.device.engine.EngineFixture.ev;
import static org.openvtn.device.engine.EngineFixture.program;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven scheduling rules without randomization: per-mode evaluation with the DefaultDERControl fallback
 * (IEEE 2030.5-2018 §10.10, DefaultDERControl "to be used if no active DERControl is found"), primacy across
 * programs (PrimacyType: lower value = higher priority), supersession of overlapping and nested events by the
 * newer creationTime (§10.2.3), partial overlaps (EventStatus.potentiallySuperseded: per mode), staggered and
 * adjacent events. Each row also checks the Responses each event sent (Table 27, responseRequired 03).
 */
class EventEngineSchedulingTest {

    /** One row: programs, then (time offset, expected effective control) checks, then Responses per event. */
    record Case(String name, List<ProgramView> programs, Map<Long, String> checks, Map<String, List<Integer>> responses) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final class B {
        final String name;
        final List<ProgramView> programs = new ArrayList<>();
        final Map<Long, String> checks = new LinkedHashMap<>();
        final Map<String, List<Integer>> responses = new LinkedHashMap<>();

        B(String name) {
            this.name = name;
        }

        B program(ProgramView p) {
            programs.add(p);
            return this;
        }

        B at(long offset, String expected) {
            checks.put(offset, expected);
            return this;
        }

        B responses(String href, Integer... statuses) {
            responses.put(href, List.of(statuses));
            return this;
        }

        Case build() {
            return new Case(name, programs, checks, responses);
        }
    }

    static B row(String name) {
        return new B(name);
    }

    static final Map<String, ModeValue> NONE = Map.of();

    static Stream<Case> cases() {
        return Stream.of(
                row("§10.10 per mode: an event controls only its modes, the DefaultDERControl fills the others")
                        .program(program("/derp/1", 1, defaults("opModExpLimW", 5000, "opModConnect", 1),
                                ev("/e1").window(T0, 3600).mode("opModFixedW", 100)))
                        .at(-1, "opModConnect=default:/derp/1=1,opModExpLimW=default:/derp/1=5000")
                        .at(0, "opModConnect=default:/derp/1=1,opModExpLimW=default:/derp/1=5000,opModFixedW=/e1=100")
                        .at(3599, "opModConnect=default:/derp/1=1,opModExpLimW=default:/derp/1=5000,opModFixedW=/e1=100")
                        .at(3600, "opModConnect=default:/derp/1=1,opModExpLimW=default:/derp/1=5000")
                        .responses("/e1", 1, 2, 3).build(),
                row("§10.10 no event and no DefaultDERControl: nothing is in force")
                        .program(program("/derp/1", 1, NONE, ev("/e1").window(T0, 60).mode("opModFixedW", 1)))
                        .at(-10, "").at(30, "opModFixedW=/e1=1").at(60, "").build(),
                row("PrimacyType: the event of the program with the lower primacy value wins and supersedes")
                        .program(program("/derp/1", 1, NONE, ev("/e1").created(T0 - 9000).window(T0, 3600).mode("opModExpLimW", 1000)))
                        .program(program("/derp/2", 2, NONE, ev("/e2").created(T0 - 100).window(T0, 3600).mode("opModExpLimW", 2000)))
                        .at(10, "opModExpLimW=/e1=1000").at(3600, "")
                        .responses("/e1", 1, 2, 3).responses("/e2", 1, 7).build(),
                row("primacy, partial: a higher-primacy event with fewer modes overrides per mode; the other resumes")
                        .program(program("/derp/1", 1, NONE, ev("/e1").window(T0 + 600, 600).mode("opModExpLimW", 1000)))
                        .program(program("/derp/2", 2, NONE, ev("/e2").window(T0, 3600).mode("opModExpLimW", 2000).mode("opModFixedW", 50)))
                        .at(100, "opModExpLimW=/e2=2000,opModFixedW=/e2=50")
                        .at(700, "opModExpLimW=/e1=1000,opModFixedW=/e2=50")
                        .at(1200, "opModExpLimW=/e2=2000,opModFixedW=/e2=50")
                        .at(3600, "")
                        .responses("/e1", 1, 2, 3).responses("/e2", 1, 2, 3).build(),
                row("§10.2.3 overlapping, same program: the newer event supersedes the older at its start")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 3600).window(T0, 3600).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 1800).window(T0 + 1800, 3600).mode("opModFixedW", 2)))
                        .at(100, "opModFixedW=/e1=1").at(1800, "opModFixedW=/e2=2").at(4000, "opModFixedW=/e2=2")
                        .at(5400, "")
                        .responses("/e1", 1, 2, 7).responses("/e2", 1, 2, 3).build(),
                row("§10.2.3 overlapping: an older event starting inside a newer one is superseded, never runs")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 3600).window(T0 + 1800, 3600).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 1800).window(T0, 3600).mode("opModFixedW", 2)))
                        .at(100, "opModFixedW=/e2=2").at(2000, "opModFixedW=/e2=2").at(3600, "").at(5000, "")
                        .responses("/e1", 1, 7).responses("/e2", 1, 2, 3).build(),
                row("§10.2.3 nested: a newer event inside an older one supersedes it; the older is not resumed")
                        .program(program("/derp/1", 1, defaults("opModFixedW", 9),
                                ev("/e1").created(T0 - 3600).window(T0, 7200).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 1800).window(T0 + 1800, 1800).mode("opModFixedW", 2)))
                        .at(100, "opModFixedW=/e1=1").at(2000, "opModFixedW=/e2=2")
                        .at(3700, "opModFixedW=default:/derp/1=9")
                        .responses("/e1", 1, 2, 7).responses("/e2", 1, 2, 3).build(),
                row("§10.2.3 nested: an older event inside a newer one is superseded before it starts")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 1800).window(T0, 7200).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 3600).window(T0 + 1800, 1800).mode("opModFixedW", 2)))
                        .at(100, "opModFixedW=/e1=1").at(2000, "opModFixedW=/e1=1").at(7200, "")
                        .responses("/e1", 1, 2, 3).responses("/e2", 1, 7).build(),
                row("§10.2.3 same primacy across programs: creationTime decides")
                        .program(program("/derp/1", 1, NONE, ev("/e1").created(T0 - 3600).window(T0, 3600).mode("opModFixedW", 1)))
                        .program(program("/derp/2", 1, NONE, ev("/e2").created(T0 - 60).window(T0, 3600).mode("opModFixedW", 2)))
                        .at(10, "opModFixedW=/e2=2")
                        .responses("/e1", 1, 7).responses("/e2", 1, 2).build(),
                row("staggered starts, different modes: both apply, each on its own modes")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").window(T0, 3600).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 60).window(T0 + 600, 3600).mode("opModExpLimW", 7)))
                        .at(0, "opModFixedW=/e1=1").at(600, "opModExpLimW=/e2=7,opModFixedW=/e1=1")
                        .at(3600, "opModExpLimW=/e2=7").at(4200, "")
                        .responses("/e1", 1, 2, 3).responses("/e2", 1, 2, 3).build(),
                row("adjacent events do not overlap: neither is superseded")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 60).window(T0, 1800).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 3600).window(T0 + 1800, 1800).mode("opModFixedW", 2)))
                        .at(1799, "opModFixedW=/e1=1").at(1800, "opModFixedW=/e2=2").at(3600, "")
                        .responses("/e1", 1, 2, 3).responses("/e2", 1, 2, 3).build(),
                row("DefaultDERControl: the program with the lower primacy value wins")
                        .program(program("/derp/1", 2, defaults("opModExpLimW", 5000), new EngineFixture.Ev[0]))
                        .program(program("/derp/2", 1, defaults("opModExpLimW", 3000, "opModConnect", 1), new EngineFixture.Ev[0]))
                        .at(0, "opModConnect=default:/derp/2=1,opModExpLimW=default:/derp/2=3000").build(),
                row("DefaultDERControl, same primacy: program list order (§10.3.2: mRID descending)")
                        .program(program("/derp/1", 1, defaults("opModExpLimW", 5000), new EngineFixture.Ev[0]))
                        .program(program("/derp/2", 1, defaults("opModExpLimW", 3000), new EngineFixture.Ev[0]))
                        .at(0, "opModExpLimW=default:/derp/2=3000").build(),
                row("same primacy and creationTime: event list order (§10.3.2: mRID descending)")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 60).window(T0, 600).mode("opModFixedW", 1),
                                ev("/e2").created(T0 - 60).window(T0, 600).mode("opModFixedW", 2)))
                        .at(0, "opModFixedW=/e2=2")
                        .responses("/e1", 1, 7).responses("/e2", 1, 2).build(),
                row("any active event beats every DefaultDERControl, whatever the primacy")
                        .program(program("/derp/1", 1, defaults("opModExpLimW", 5000), new EngineFixture.Ev[0]))
                        .program(program("/derp/5", 5, NONE, ev("/e5").window(T0, 60).mode("opModExpLimW", 1000)))
                        .at(0, "opModExpLimW=/e5=1000").at(60, "opModExpLimW=default:/derp/1=5000").build(),
                row("partial overlap: a newer event with a subset of the modes wins those modes, the older resumes")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").created(T0 - 3600).window(T0, 3600).mode("opModFixedW", 1).mode("opModExpLimW", 10),
                                ev("/e2").created(T0 - 60).window(T0 + 600, 600).mode("opModExpLimW", 20)))
                        .at(700, "opModExpLimW=/e2=20,opModFixedW=/e1=1")
                        .at(1300, "opModExpLimW=/e1=10,opModFixedW=/e1=1")
                        .responses("/e1", 1, 2).responses("/e2", 1, 2, 3).build(),
                row("EventStatus active or scheduled: the device follows its own clock, not the server's label")
                        .program(program("/derp/1", 1, NONE,
                                ev("/e1").status(EventView.ACTIVE).window(T0 + 600, 600).mode("opModFixedW", 1)))
                        .at(0, "").at(600, "opModFixedW=/e1=1").build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void schedule(Case c) {
        EngineFixture.TestClock clock = new EngineFixture.TestClock(T0 - 7200);
        EngineFixture.RecordingSink sink = new EngineFixture.RecordingSink();
        try (EventEngine engine = EventEngine.builder().clock(clock).responseSink(sink).randomSeed(1).build()) {
            engine.update(c.programs());
            for (var check : c.checks().entrySet()) {
                clock.set(T0 + check.getKey());
                engine.tick();
                assertEquals(c.checks().get(check.getKey()), format(EngineFixture.summary(engine)),
                        c.name() + " at T0" + (check.getKey() >= 0 ? "+" : "") + check.getKey());
            }
            for (var r : c.responses().entrySet()) {
                assertEquals(r.getValue(), sink.statuses(r.getKey()), c.name() + ": Responses of " + r.getKey());
            }
        }
    }

    static String format(Map<String, String> summary) {
        StringBuilder sb = new StringBuilder();
        summary.forEach((m, v) -> sb.append(sb.length() == 0 ? "" : ",").append(m).append('=').append(v));
        return sb.toString();
    }
}
