package org.openvtn.core.service;

import org.openvtn.core.ResponseOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventChange;
import org.openvtn.core.EventStatus;
import org.openvtn.core.OptType;
import org.openvtn.core.PollItem;
import org.openvtn.core.Targets;
import org.openvtn.core.VtnException;
import org.openvtn.core.ErrorCode;

/** EiEvent rules of the core {@link org.openvtn.core.EventService}. */
class EventServiceTest extends CoreFixture {

    /** OpenADR conformance rule 4 (new event modificationNumber 0) and rule 5 (every change/cancel increments it). */
    @Test
    void modificationNumberStartsAtZeroAndIncrementsOnChangeAndCancel() {
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1")).build());
        assertEquals(0, e.modificationNumber());
        Event u = core.events().update(e.id(), e.spec().toBuilder().priority(2).build());
        assertEquals(1, u.modificationNumber());
        Event c = core.events().cancel(e.id());
        assertEquals(2, c.modificationNumber());
        assertEquals(EventStatus.CANCELLED, core.events().statusOf(c));
        assertEquals(List.of(0L, 1L, 2L), core.events().history(e.id()).stream()
                .map(h -> h.modificationNumber()).toList());
        assertEquals(List.of(EventChange.Kind.CREATED, EventChange.Kind.UPDATED, EventChange.Kind.CANCELLED),
                core.events().history(e.id()).stream().map(h -> h.kind()).toList());
        VtnException again = assertThrows(VtnException.class, () -> core.events().cancel(e.id()));
        assertEquals(ErrorCode.NOT_ALLOWED, again.errorCode());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class, () -> core.events().cancel("nope")).errorCode());
    }

    /** An unknown program is rejected with 452 naming programId. */
    @Test
    void unknownProgram() {
        VtnException e = assertThrows(VtnException.class, () -> core.events().create(
                simpleEvent(T0, Targets.vens("v")).programId("nope").build()));
        assertEquals("programId", e.field());
        assertEquals(ErrorCode.INVALID_ID, e.errorCode());
    }

    /** Every change queues EVENTS_CHANGED (coalesced) for each targeted registered VEN only. */
    @Test
    void changesQueuePollItemsForTargetedVens() {
        register("ven1");
        register("ven2");
        core.pollQueue().next("ven1");
        core.pollQueue().next("ven2");
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1")).build());
        core.events().update(e.id(), e.spec().toBuilder().priority(1).build());
        assertEquals(1, core.pollQueue().pending("ven1").size());
        assertEquals(PollItem.Kind.EVENTS_CHANGED, core.pollQueue().next("ven1").orElseThrow().kind());
        assertTrue(core.pollQueue().next("ven2").isEmpty());
        // retarget to ven2: both VENs are notified (ven1 learns of the implicit cancel)
        core.events().update(e.id(), e.spec().toBuilder().targets(Targets.vens("ven2")).build());
        assertEquals(1, core.pollQueue().pending("ven1").size());
        assertEquals(1, core.pollQueue().pending("ven2").size());
    }

    /**
     * OpenADR 2.0b 8.2: an event absent from a distribution is implicitly cancelled, so cancelled and
     * completed events stay in a VEN's list until that VEN has received their final state.
     */
    @Test
    void terminalEventsKeptUntilDeliveredToEachVen() {
        register("ven1");
        register("ven2");
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1", "ven2")).build());
        assertEquals(1, core.events().distribute("ven1").size());
        assertEquals(1, core.events().distribute("ven2").size());
        core.events().cancel(e.id());
        List<Event> forVen1 = core.events().distribute("ven1");
        assertEquals(1, forVen1.size());
        assertEquals(1, forVen1.get(0).modificationNumber());
        assertTrue(core.events().distribute("ven1").isEmpty(), "cancel delivered once to ven1");
        assertEquals(1, core.events().eventsFor("ven2").size(), "ven2 has not seen the cancel yet");
        assertEquals(1, core.events().distribute("ven2").size());
        assertTrue(core.events().eventsFor("ven2").isEmpty());

        // completed: delivered while active, then once more as completed, then gone
        Event f = core.events().create(simpleEvent(T0.plus(Duration.ofHours(3)), Targets.vens("ven1")).build());
        clock.set(f.start());
        assertEquals(EventStatus.ACTIVE, core.events().statusOf(f));
        assertEquals(1, core.events().distribute("ven1").size());
        clock.set(f.end());
        assertEquals(1, core.events().distribute("ven1").size());
        assertTrue(core.events().distribute("ven1").isEmpty());
        // a VEN registering after completion never sees it
        register("ven3");
        assertTrue(core.events().eventsFor("ven3").isEmpty());
    }

    /**
     * docs/core-model.md "DER curves": an event made only of curve signals (IEEE 2030.5 curve references) carries
     * nothing an OpenADR VEN can act on and is not offered to it; with another signal beside it, it is.
     */
    @Test
    void curveOnlyEventsAreNotOfferedToOpenAdrVens() {
        register("ven1");
        java.util.List<java.util.Map.Entry<Duration, Double>> curve = List.of(java.util.Map.entry(Duration.ofHours(1),
                1.0));
        core.events().create(org.openvtn.core.EventSpec.builder().programId(program.id())
                .start(T0.plus(Duration.ofHours(2))).targets(Targets.vens("ven1"))
                .signal("x-opModVoltVar", "level", null, curve).build());
        assertTrue(core.events().eventsFor("ven1").isEmpty());
        core.events().create(org.openvtn.core.EventSpec.builder().programId(program.id())
                .start(T0.plus(Duration.ofHours(5))).targets(Targets.vens("ven1"))
                .signal("x-opModVoltVar", "level", null, curve).signal("SIMPLE", "level", null, List.of(
                        java.util.Map.entry(Duration.ofHours(1), 1.0))).build());
        assertEquals(1, core.events().eventsFor("ven1").size());
    }

    /** A cancelled event never delivered to a VEN is not sent to it. */
    @Test
    void cancelledBeforeDeliveryNotSent() {
        register("ven1");
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1")).build());
        core.events().cancel(e.id());
        assertTrue(core.events().eventsFor("ven1").isEmpty());
    }

    /**
     * Targets by groupID/resourceID/partyID via the registration's membership (one hour apart: the program rejects
     * overlapping events of its market context, conformance rule 18).
     */
    @Test
    void targetingByMembership() {
        register("ven1");
        register("ven2");
        core.registrations().updateMembership("ven1", "party-a", Set.of("g1"), Set.of("res1"));
        core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)),
                new Targets(false, Set.of(), Set.of("g1"), Set.of(), Set.of())).build());
        core.events().create(simpleEvent(T0.plus(Duration.ofHours(3)),
                new Targets(false, Set.of(), Set.of(), Set.of("res1"), Set.of())).build());
        core.events().create(simpleEvent(T0.plus(Duration.ofHours(4)),
                new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party-a"))).build());
        core.events().create(simpleEvent(T0.plus(Duration.ofHours(5)), Targets.everyone()).build());
        assertEquals(4, core.events().eventsFor("ven1").size());
        assertEquals(1, core.events().eventsFor("ven2").size());
    }

    /**
     * oadrCreatedEvent: opt responses recorded, late optOut accepted (it replaces the optIn of the same
     * modificationNumber, issue #12 item 7), unknown eventID -> 452, 460 recorded.
     */
    @Test
    void responses() {
        register("ven1");
        register("ven2");
        Event e = core.events().create(simpleEvent(T0, Targets.vens("ven1")).build());
        core.events().recordResponse("ven1", e.id(), 0, OptType.OPT_IN, ResponseOutcome.ACCEPTED, "200", null);
        clock.set(e.end().plusSeconds(60));
        core.events().recordResponse("ven1", e.id(), 0, OptType.OPT_OUT, ResponseOutcome.ACCEPTED, "200", "late");
        core.events().recordResponse("ven1", e.id(), 0, OptType.OPT_OUT, ResponseOutcome.NOT_SUPPORTED, "460",
                "signal not supported");
        // issue #12 item 7: one row per (VEN, event, modificationNumber); the latest answer wins
        assertEquals(List.of(ResponseOutcome.NOT_SUPPORTED), core.events().responses(e.id()).stream()
                .map(r -> r.outcome()).toList());
        assertEquals("460", core.events().responses(e.id()).get(0).protocolCode());
        assertEquals(OptType.OPT_OUT, core.events().responses(e.id()).get(0).optType());
        VtnException unknown = assertThrows(VtnException.class,
                () -> core.events().recordResponse("ven1", "nope", 0, OptType.OPT_IN, ResponseOutcome.ACCEPTED, "200",
                        null));
        assertEquals(ErrorCode.INVALID_ID, unknown.errorCode());
        assertEquals("eventId", unknown.field());
        assertEquals(ErrorCode.INVALID_ID, assertThrows(VtnException.class,
                () -> core.events().recordResponse("ven2", e.id(), 0, OptType.OPT_IN, ResponseOutcome.ACCEPTED, "200",
                        null)).errorCode());
    }

    /** Listeners see committed changes with the affected VENs (hook for the 2030.5 adapter). */
    @Test
    void listenersNotified() throws Exception {
        register("ven1");
        List<EventChange> seen = new ArrayList<>();
        AutoCloseable sub = core.events().addListener(seen::add);
        Event e = core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1")).build());
        core.events().cancel(e.id());
        sub.close();
        core.events().create(simpleEvent(T0.plus(Duration.ofHours(2)), Targets.vens("ven1")).build());
        assertEquals(2, seen.size());
        assertEquals(Set.of("ven1"), seen.get(0).affectedParticipantIds());
        assertEquals(EventChange.Kind.CANCELLED, seen.get(1).kind());
    }
}
