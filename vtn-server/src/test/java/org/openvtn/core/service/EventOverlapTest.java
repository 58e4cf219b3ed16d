package org.openvtn.core.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventOverlapException;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;
import org.openvtn.core.Targets;
import org.openvtn.core.ErrorCode;

/**
 * OpenADR 2.0b conformance rule 18 (ported A-profile case A_E3_0490): a program with {@link OverlapPolicy#REJECT}
 * refuses an event that would overlap, randomization window included, another live event of its market context for
 * a common target; {@link OverlapPolicy#SUPERSEDE} accepts it (IEEE 2030.5 CSIP CORE-023).
 */
class EventOverlapTest extends CoreFixture {
    private static final Instant START = T0.plus(Duration.ofHours(2)); // events last 1 h

    private static Targets groups(String... g) {
        return new Targets(false, Set.of(), Set.of(g), Set.of(), Set.of());
    }

    @Test
    void newProgramsRejectByDefault() {
        assertEquals(OverlapPolicy.REJECT, program.overlap());
        assertEquals(OverlapPolicy.REJECT, core.programs().get(program.id()).orElseThrow().overlap());
        assertEquals(OverlapPolicy.SUPERSEDE, core.programs().create("sep", "http://sep", OverlapPolicy.SUPERSEDE)
                .overlap());
    }

    /** The window is start .. end + randomizeStart; touching windows do not overlap; rampUp does not widen it. */
    @Test
    void windowIncludesRandomizationOnly() {
        Event a = core.events().create(simpleEvent(START, Targets.vens("v1")).randomizeStart(Duration.ofMinutes(5))
                .build());
        EventOverlapException inside = assertThrows(EventOverlapException.class, () -> core.events().create(
                simpleEvent(START.plus(Duration.ofMinutes(30)), Targets.vens("v1")).build()));
        assertEquals("start", inside.field());
        assertEquals(ErrorCode.NOT_ALLOWED, inside.errorCode());
        assertEquals(a.id(), inside.conflictingEventId());
        // at the nominal end, but inside a's randomization window
        assertThrows(EventOverlapException.class, () -> core.events().create(
                simpleEvent(a.end(), Targets.vens("v1")).build()));
        // an earlier event whose nominal end is before a's start, but whose randomization window reaches into a
        assertThrows(EventOverlapException.class, () -> core.events().create(
                simpleEvent(START.minus(Duration.ofMinutes(70)), Targets.vens("v1"))
                        .randomizeStart(Duration.ofMinutes(11)).build()));
        core.events().create(simpleEvent(a.end().plus(Duration.ofMinutes(5)), Targets.vens("v1"))
                .rampUp(Duration.ofMinutes(30)).build());
        core.events().create(simpleEvent(START.minus(Duration.ofHours(1)), Targets.vens("v1"))
                .recovery(Duration.ofMinutes(30)).build());
    }

    @Test
    void otherTargetsMarketContextsAndTerminalEventsDoNotBlock() {
        register("v1");
        register("v2");
        Event a = core.events().create(simpleEvent(START, Targets.vens("v1")).build());
        core.events().create(simpleEvent(START, Targets.vens("v2")).build());
        Program other = core.programs().create("other", "http://MarketContext2");
        core.events().create(simpleEvent(START, Targets.vens("v1")).programId(other.id()).build());
        core.events().cancel(a.id());
        core.events().create(simpleEvent(START, Targets.vens("v1")).build());
        // a completed event does not block either
        Event past = core.events().create(simpleEvent(T0.minus(Duration.ofHours(2)), Targets.vens("v1")).build());
        assertEquals(org.openvtn.core.EventStatus.COMPLETED, core.events().statusOf(past));
        core.events().create(simpleEvent(T0.minus(Duration.ofHours(2)), Targets.vens("v1")).build());
    }

    /** Targets compared through known membership, and by identical selectors when membership is unknown. */
    @Test
    void targetsResolvedThroughMembership() {
        register("v1");
        register("v2");
        core.registrations().updateMembership("v1", "party-a", Set.of("g1"), Set.of("r1"));
        core.events().create(simpleEvent(START, Targets.vens("v1")).build());
        assertThrows(EventOverlapException.class, () -> core.events().create(simpleEvent(START, groups("g1")).build()));
        assertThrows(EventOverlapException.class, () -> core.events().create(simpleEvent(START,
                new Targets(false, Set.of(), Set.of(), Set.of("r1"), Set.of())).build()));
        assertThrows(EventOverlapException.class, () -> core.events().create(simpleEvent(START,
                new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party-a"))).build()));
        assertThrows(EventOverlapException.class, () -> core.events().create(simpleEvent(START, Targets.everyone())
                .build()));
        core.events().create(simpleEvent(START, groups("g2")).build()); // g2 has no member: no common VEN known
        assertThrows(EventOverlapException.class, () -> core.events().create(simpleEvent(START, groups("g2", "g3"))
                .build()));
        core.events().create(simpleEvent(START, Targets.vens("v2")).build());
    }

    /** Modifying an event into an overlap is refused; the event keeps its content and modificationNumber. */
    @Test
    void modifyIsChecked() {
        Event a = core.events().create(simpleEvent(START, Targets.vens("v1")).build());
        Event b = core.events().create(simpleEvent(START.plus(Duration.ofHours(2)), Targets.vens("v1")).build());
        EventOverlapException e = assertThrows(EventOverlapException.class, () -> core.events().update(b.id(),
                b.spec().toBuilder().start(START.plus(Duration.ofMinutes(59))).build()));
        assertEquals(a.id(), e.conflictingEventId());
        assertEquals(0, core.events().get(b.id()).orElseThrow().modificationNumber());
        // an event never conflicts with its own previous version
        assertEquals(1, core.events().update(a.id(), a.spec().toBuilder().priority(2).build()).modificationNumber());
    }

    @Test
    void supersedeAcceptsOverlaps() {
        Program sep = core.programs().create("sep", "http://MarketContext1", OverlapPolicy.SUPERSEDE);
        core.events().create(simpleEvent(START, Targets.vens("v1")).programId(sep.id()).build());
        core.events().create(simpleEvent(START.plus(Duration.ofMinutes(10)), Targets.vens("v1")).programId(sep.id())
                .build());
        assertEquals(2, core.events().list().size());
    }
}
