package org.openvtn.oadr20b;

import org.openvtn.core.ResponseOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openvtn.core.Event;
import org.openvtn.core.EventResponse;
import org.openvtn.core.EventSpec;
import org.openvtn.core.OptType;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.oadr20b.service.OadrValues;
import org.openvtn.schemas.oadr20b.OadrCreatedEventType;
import org.openvtn.schemas.oadr20b.OadrDistributeEventType;
import org.openvtn.schemas.oadr20b.OadrResponseType;
import org.openvtn.schemas.oadr20b.ei.EiEventSignalType;
import org.openvtn.schemas.oadr20b.ei.EiEventType;
import org.openvtn.schemas.oadr20b.ei.EventResponses;
import org.openvtn.schemas.oadr20b.ei.IntervalType;
import org.openvtn.schemas.oadr20b.ei.OptTypeType;
import org.openvtn.schemas.oadr20b.ei.PayloadFloatType;
import org.openvtn.schemas.oadr20b.ei.QualifiedEventIDType;
import org.openvtn.schemas.oadr20b.ei.SignalPayloadType;
import org.openvtn.schemas.oadr20b.pyld.EiCreatedEvent;

/** EiEvent over mutual TLS (OpenADR 2.0b 8.2; official cases E1_1010 … E1_1080, conformance rules 2–30). */
class EventIT {
    private static OadrHarness vtn;
    private static String programId;

    @BeforeAll
    static void start() {
        vtn = OadrHarness.inMemory();
        programId = vtn.server.core().programs().create("events-it", "http://market.example/dr").id();
    }

    @AfterAll
    static void stop() {
        vtn.close();
    }

    private static ScriptedVen registered() {
        ScriptedVen ven = vtn.newVen();
        ven.register();
        return ven;
    }

    private static Event simpleEvent(Targets targets, ResponseRequired rr) {
        return simpleEvent(targets, rr, 0);
    }

    /**
     * A one-hour SIMPLE event starting {@code 2 + 2 * slot} hours from now: events of one VEN in different slots do
     * not overlap (the program rejects overlapping events of its market context, conformance rule 18).
     */
    private static Event simpleEvent(Targets targets, ResponseRequired rr, int slot) {
        return vtn.server.core().events().create(EventSpec.builder().programId(programId)
                .start(vtn.clock.instant().plus(Duration.ofHours(2L + 2L * slot))).targets(targets).responseRequired(rr)
                .randomizeStart(Duration.ofMinutes(5))
                .signal("SIMPLE", "level", null, List.of(Map.entry(Duration.ofMinutes(10), 1.0),
                        Map.entry(Duration.ofMinutes(20), 2.0), Map.entry(Duration.ofMinutes(30), 3.0)))
                .build());
    }

    private static float value(IntervalType i) {
        SignalPayloadType sp = (SignalPayloadType) i.getStreamPayloadBase().get(0).getValue();
        return ((PayloadFloatType) sp.getPayloadBase().getValue()).getValue();
    }

    /** E1_1010: the first poll after registration carries an empty distribution; then the queue is empty. */
    @Test
    void e1_1010_emptyDistribution() {
        ScriptedVen ven = registered();
        OadrDistributeEventType d = assertInstanceOf(OadrDistributeEventType.class, ven.poll());
        assertTrue(d.getOadrEvent().isEmpty());
        assertEquals("OPENVTN", d.getVtnID());
        assertEquals("200", assertInstanceOf(OadrResponseType.class, ven.poll()).getEiResponse().getResponseCode());
    }

    /**
     * E1_1020 and rules 2, 4, 8, 9, 14, 30: a pending SIMPLE event arrives by poll with
     * modificationNumber 0, uids 0,1,2, durations summing to the active period, currentValue 0
     * while inactive, startafter, market context and responseRequired; once active,
     * currentValue follows the interval.
     */
    @Test
    void e1_1020_pendingThenActiveEvent() {
        ScriptedVen ven = registered();
        ven.poll();
        Event e = simpleEvent(Targets.vens(ven.venId), ResponseRequired.ALWAYS);
        OadrDistributeEventType d = ven.pollFor(OadrDistributeEventType.class);
        assertEquals(1, d.getOadrEvent().size());
        assertEquals("always", d.getOadrEvent().get(0).getOadrResponseRequired().value());
        EiEventType ev = d.getOadrEvent().get(0).getEiEvent();
        assertEquals(e.id(), ev.getEventDescriptor().getEventID());
        assertEquals(0, ev.getEventDescriptor().getModificationNumber());
        assertEquals("far", ev.getEventDescriptor().getEventStatus().value());
        assertEquals("http://market.example/dr", ev.getEventDescriptor().getEiMarketContext().getMarketContext());
        assertEquals("PT1H", ev.getEiActivePeriod().getProperties().getDuration().getDuration());
        assertEquals("PT5M", ev.getEiActivePeriod().getProperties().getTolerance().getTolerate().getStartafter());
        EiEventSignalType sig = ev.getEiEventSignals().getEiEventSignal().get(0);
        assertEquals("SIMPLE", sig.getSignalName());
        Duration sum = Duration.ZERO;
        List<IntervalType> intervals = sig.getIntervals().getInterval();
        for (int i = 0; i < intervals.size(); i++) {
            assertEquals(Integer.toString(i), intervals.get(i).getUid().getText());
            sum = sum.plus(Duration.parse(intervals.get(i).getDuration().getDuration()));
            assertTrue(value(intervals.get(i)) >= 0 && value(intervals.get(i)) <= 3);
        }
        assertEquals(Duration.ofHours(1), sum);
        assertEquals(0.0f, sig.getCurrentValue().getPayloadFloat().getValue());
        assertEquals(ven.venId, ev.getEiTarget().getVenID().get(0));

        vtn.clock.advance(Duration.ofHours(2).plusMinutes(15));
        try {
            OadrDistributeEventType active = ven.send("EiEvent", RegistrationIT.requestEvent(ven.venId),
                    OadrDistributeEventType.class);
            EiEventType a = active.getOadrEvent().get(0).getEiEvent();
            assertEquals("active", a.getEventDescriptor().getEventStatus().value());
            assertEquals(2.0f, a.getEiEventSignals().getEiEventSignal().get(0).getCurrentValue().getPayloadFloat()
                    .getValue());
        } finally {
            vtn.clock.set(OadrHarness.T0);
        }
    }

    /**
     * E1_1030 and rule 5: a modification arrives with modificationNumber 1, the cancellation with 2;
     * once the cancelled state was delivered the event is absent (implied cancel).
     */
    @Test
    void e1_1030_modificationAndCancel() {
        ScriptedVen ven = registered();
        ven.poll();
        Event e = simpleEvent(Targets.vens(ven.venId), ResponseRequired.ALWAYS);
        ven.pollFor(OadrDistributeEventType.class);
        vtn.server.core().events().update(e.id(), e.spec().toBuilder().priority(3).build());
        EiEventType modified = ven.pollFor(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent();
        assertEquals(1, modified.getEventDescriptor().getModificationNumber());
        assertEquals(3L, modified.getEventDescriptor().getPriority());
        vtn.server.core().events().cancel(e.id());
        EiEventType cancelled = ven.pollFor(OadrDistributeEventType.class).getOadrEvent().get(0).getEiEvent();
        assertEquals(2, cancelled.getEventDescriptor().getModificationNumber());
        assertEquals("cancelled", cancelled.getEventDescriptor().getEventStatus().value());
        OadrDistributeEventType after = ven.send("EiEvent", RegistrationIT.requestEvent(ven.venId),
                OadrDistributeEventType.class);
        assertTrue(after.getOadrEvent().isEmpty());
    }

    /**
     * E1_1040, rules 16/17 and 109: optIn for one event, optOut for another and a 460 answer are
     * recorded (a second answer for the same modificationNumber replaces the first, issue #12 item 7); an unknown
     * eventID gets 452 naming it while the others are still recorded.
     */
    @Test
    void e1_1040_optInOutAndUnknownEvent() {
        ScriptedVen ven = registered();
        Event a = simpleEvent(Targets.vens(ven.venId), ResponseRequired.ALWAYS);
        Event b = simpleEvent(Targets.vens(ven.venId), ResponseRequired.ALWAYS, 1);
        OadrResponseType ok = ven.send("EiEvent", created(ven.venId, List.of(
                answer(a.id(), 0, OptTypeType.OPT_IN, "200"), answer(b.id(), 0, OptTypeType.OPT_OUT, "200"))),
                OadrResponseType.class);
        assertEquals("200", ok.getEiResponse().getResponseCode());
        OadrResponseType mixed = ven.send("EiEvent", created(ven.venId, List.of(
                answer(a.id(), 0, OptTypeType.OPT_OUT, "460"), answer("no-such-event", 0, OptTypeType.OPT_IN, "200"))),
                OadrResponseType.class);
        assertEquals("452", mixed.getEiResponse().getResponseCode());
        assertTrue(mixed.getEiResponse().getResponseDescription().contains("no-such-event"));
        // issue #12 item 7: one row per (VEN, event, modificationNumber); the later answer replaced the optIn
        List<EventResponse> ra = vtn.server.core().events().responses(a.id());
        assertEquals(1, ra.size());
        assertEquals(OptType.OPT_OUT, ra.get(0).optType());
        assertEquals(ResponseOutcome.NOT_SUPPORTED, ra.get(0).outcome());
        assertEquals("460", ra.get(0).protocolCode());
        assertEquals(OptType.OPT_OUT, vtn.server.core().events().responses(b.id()).get(0).optType());

        // Rule 17: a late opt-out (after the event ended) is accepted.
        vtn.clock.advance(Duration.ofHours(4));
        try {
            assertEquals("200", ven.send("EiEvent", created(ven.venId, List.of(
                    answer(a.id(), 0, OptTypeType.OPT_OUT, "200"))), OadrResponseType.class)
                    .getEiResponse().getResponseCode());
        } finally {
            vtn.clock.set(OadrHarness.T0);
        }
    }

    /** E1_1080 / rule 21: oadrRequestEvent and oadrCreatedEvent with another VEN's venID get 452. */
    @Test
    void e1_1080_wrongVenId() {
        ScriptedVen ven = registered();
        OadrDistributeEventType d = ven.send("EiEvent", RegistrationIT.requestEvent("someone-else"),
                OadrDistributeEventType.class);
        assertEquals("452", d.getEiResponse().getResponseCode());
        OadrResponseType r = ven.send("EiEvent", created("someone-else", List.of()), OadrResponseType.class);
        assertEquals("452", r.getEiResponse().getResponseCode());
    }

    /**
     * A_E3 targeting and responseRequired never: group, resource and party targets reach the member
     * VEN only; "never" is carried as such.
     */
    @Test
    void targetsAndResponseRequiredNever() {
        ScriptedVen member = registered();
        ScriptedVen outsider = registered();
        vtn.server.core().registrations().updateMembership(member.venId, "party-7", Set.of("grp-A"), Set.of("res-1"));
        List<Targets> targets = List.of(new Targets(false, Set.of(), Set.of("grp-A"), Set.of(), Set.of()),
                new Targets(false, Set.of(), Set.of(), Set.of("res-1"), Set.of()),
                new Targets(false, Set.of(), Set.of(), Set.of(), Set.of("party-7")));
        for (int slot = 0; slot < targets.size(); slot++) {
            Event e = simpleEvent(targets.get(slot), ResponseRequired.NEVER, slot);
            OadrDistributeEventType d = member.send("EiEvent", RegistrationIT.requestEvent(member.venId),
                    OadrDistributeEventType.class);
            assertTrue(d.getOadrEvent().stream().anyMatch(x -> x.getEiEvent().getEventDescriptor().getEventID()
                    .equals(e.id()) && "never".equals(x.getOadrResponseRequired().value())));
            OadrDistributeEventType o = outsider.send("EiEvent", RegistrationIT.requestEvent(outsider.venId),
                    OadrDistributeEventType.class);
            assertFalse(o.getOadrEvent().stream().anyMatch(x -> x.getEiEvent().getEventDescriptor().getEventID()
                    .equals(e.id())));
        }
    }

    static EventResponses.EventResponse answer(String eventId, long mod, OptTypeType opt, String code) {
        EventResponses.EventResponse r = new EventResponses.EventResponse();
        r.setResponseCode(code);
        r.setRequestID(OadrValues.newRequestId());
        QualifiedEventIDType q = new QualifiedEventIDType();
        q.setEventID(eventId);
        q.setModificationNumber(mod);
        r.setQualifiedEventID(q);
        r.setOptType(opt);
        return r;
    }

    static OadrCreatedEventType created(String venId, List<EventResponses.EventResponse> answers) {
        EiCreatedEvent body = new EiCreatedEvent();
        body.setEiResponse(OadrValues.ok(OadrValues.newRequestId()));
        if (!answers.isEmpty()) {
            EventResponses er = new EventResponses();
            er.getEventResponse().addAll(answers);
            body.setEventResponses(er);
        }
        body.setVenID(venId);
        OadrCreatedEventType c = new OadrCreatedEventType();
        c.setSchemaVersion(OadrValues.SCHEMA_VERSION);
        c.setEiCreatedEvent(body);
        return c;
    }
}
