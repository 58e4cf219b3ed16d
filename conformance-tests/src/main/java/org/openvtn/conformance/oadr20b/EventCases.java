package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.evPath;
import static org.openvtn.conformance.oadr20b.Steps.is;
import static org.openvtn.conformance.oadr20b.Steps.ok;
import static org.openvtn.conformance.oadr20b.Steps.should;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.oadr20b.OadrVtnDriver.EventOrder;
import org.openvtn.conformance.oadr20b.OadrVtnDriver.Signal;
import org.w3c.dom.Element;

/** EiEvent cases, VTN under test in pull mode (official E1_1xxx). */
final class EventCases {

    private EventCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.must("E1_1010", "A VEN without events gets an empty, well-formed oadrDistributeEvent",
                        "2.0b profile 8.2 (oadrRequestEvent)", EventCases::empty),
                OadrCase.must("E1_1020", "A pending SIMPLE event arrives at modificationNumber 0; the VEN's optIn is accepted",
                        "2.0b profile 8.2; rules 2, 4, 8, 9, 14", EventCases::pending),
                OadrCase.must("E1_1025", "LOAD_DISPATCH setpoint event carries signal type and itemBase",
                        "2.0b profile 8.2.1 (signal table)", EventCases::loadDispatch),
                OadrCase.must("E1_1027", "Multi-interval ELECTRICITY_PRICE event: uids, durations, values, currency itemBase",
                        "2.0b profile 8.2.1; rules 2, 8", EventCases::price),
                OadrCase.must("E1_1030", "Modification and cancellation each raise modificationNumber by 1",
                        "2.0b profile 8.2; rules 4, 5", EventCases::modify),
                OadrCase.must("E1_1040", "Two events: optIn to one, optOut of the other, both accepted",
                        "2.0b profile 8.2 (oadrCreatedEvent); rule 16", EventCases::twoEvents),
                OadrCase.must("E1_1050", "Several events in one distribution: each once; cancelling one leaves the others unchanged",
                        "2.0b profile 8.2; rule 5", EventCases::several),
                OadrCase.must("E1_1060", "Resource-level opt for an event (oadrCreateOpt with qualifiedEventID and resourceID)",
                        "2.0b profile 8.5 (EiOpt)", EventCases::resourceOpt),
                OadrCase.must("E1_1065", "oadrCreatedEvent for an event the VTN never issued is refused (452)",
                        "2.0b profile 8.2; rules 21, 48", EventCases::unknownEvent),
                OadrCase.must("E1_1070", "Custom signal: the VEN's 460 (signal not supported) is accepted",
                        "2.0b profile 8.2; rule 109", EventCases::customSignal),
                OadrCase.must("E1_1080", "oadrCreatedEvent with another VEN's venID is refused with 452",
                        "2.0b profile 8.2; rule 21", EventCases::wrongVenId));
    }

    static void empty(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply r = ven.requestEvents();
        if (r.events().stream().anyMatch(e -> !"cancelled".equals(e.status()) && !"completed".equals(e.status()))
                || !r.events().isEmpty()) {
            r = ven.requestEvents();
        }
        is(ctx, r, "oadrDistributeEvent");
        ok(ctx, r, "oadrRequestEvent");
        List<String> live = r.events().stream().filter(e -> !"cancelled".equals(e.status())
                && !"completed".equals(e.status())).map(EventView::eventId).toList();
        if (!live.isEmpty()) {
            throw ctx.skip("the VTN has live events for the suite's VEN " + live + "; E1_1010 needs a VEN without events");
        }
        check(ctx, r.events().isEmpty(), "oadr.distribution.empty", r.path(),
                "terminal events are delivered again after their final state was received: " + Steps.ids(r));
        check(ctx, r.text("vtnID") != null && !r.text("vtnID").isEmpty(), OadrRules.VTN_ID_CONSISTENT,
                r.path() + "/vtnID", "an empty distribution still names the VTN");
    }

    static void pending(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventOrder order = Steps.simple(ctx, ven, 1, 2);
            EventView ev = created.create(order);
            check(ctx, Long.valueOf(0).equals(ev.modificationNumber()), OadrRules.MOD_STARTS_AT_ZERO,
                    evPath(ev) + "/eventDescriptor/modificationNumber", "a new event arrived with modificationNumber "
                            + ev.modificationNumber());
            check(ctx, "far".equals(ev.status()) || "near".equals(ev.status()), OadrRules.STATUS_CONSISTENT,
                    evPath(ev) + "/eventDescriptor/eventStatus", "a pending event has status " + ev.status());
            expectOrder(ctx, ev, order);
            OadrReply a = ven.createdEvent(true, ev);
            is(ctx, a, "oadrResponse");
            ok(ctx, a, "oadrCreatedEvent optIn");
            driver.eventResponses(ev.eventId()).ifPresent(list -> check(ctx, list.stream().anyMatch(m ->
                    ven.venId().equals(m.get("venId")) && "optIn".equals(m.get("optType"))),
                    "oadr.optIn.recorded", "/", "the VTN did not record the optIn: " + list));
        }
    }

    /** Market context, signal values, interval count and durations as ordered. */
    static void expectOrder(CaseContext ctx, EventView ev, EventOrder order) {
        check(ctx, order.marketContext().equals(ev.marketContext()), "oadr.event.marketContext",
                evPath(ev) + "/eventDescriptor/eiMarketContext", "expected " + order.marketContext() + ", got "
                        + ev.marketContext());
        check(ctx, order.start().equals(ev.start()), "oadr.event.dtstart", evPath(ev) + "/eiActivePeriod",
                "expected dtstart " + order.start() + ", got " + ev.start());
        for (Signal s : order.signals()) {
            Element sig = ev.signal(s.name());
            if (sig == null) {
                ctx.fail("oadr.event.signal", evPath(ev) + "/eiEventSignals", "signal " + s.name() + " missing");
            }
            check(ctx, s.type().equals(OadrDom.text(sig, "signalType")), "oadr.event.signal", OadrDom.path(sig)
                    + "/signalType", "expected " + s.type() + ", got " + OadrDom.text(sig, "signalType"));
            check(ctx, s.values().equals(EventView.values(sig)), "oadr.event.signal", OadrDom.path(sig)
                    + "/intervals", "expected values " + s.values() + ", got " + EventView.values(sig));
        }
        check(ctx, order.signals().get(0).total().equals(ev.duration()), "oadr.event.duration",
                evPath(ev) + "/eiActivePeriod", "expected duration " + order.signals().get(0).total() + ", got "
                        + ev.duration());
        check(ctx, (order.responseRequired() ? "always" : "never").equals(ev.responseRequired()),
                "oadr.event.responseRequired", evPath(ev) + "/../oadrResponseRequired", "expected "
                        + (order.responseRequired() ? "always" : "never") + ", got " + ev.responseRequired());
    }

    static EventOrder signals(CaseContext ctx, OadrVenHarness ven, Signal... s) {
        return Steps.simple(ctx, ven, 1).withSignals(List.of(s));
    }

    static void loadDispatch(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventOrder order = signals(ctx, ven, new Signal("LOAD_DISPATCH", "setpoint",
                    ven.session().target().property("units.power", "kW"), Duration.ofMinutes(30), List.of(5.0, 2.5)));
            EventView ev = created.create(order);
            expectOrder(ctx, ev, order);
            Element sig = ev.signal("LOAD_DISPATCH");
            check(ctx, OadrDom.children(sig).stream().anyMatch(c -> List.of("powerReal", "powerApparent",
                    "powerReactive").contains(OadrDom.name(c))), "oadr.event.itemBase", OadrDom.path(sig),
                    "a setpoint signal needs a power itemBase");
        }
    }

    static void price(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventOrder order = signals(ctx, ven, new Signal("ELECTRICITY_PRICE", "price",
                    ven.session().target().property("units.price", "USD/kWh"), Duration.ofMinutes(20),
                    List.of(0.25, 0.5, 0.75)));
            EventView ev = created.create(order);
            expectOrder(ctx, ev, order);
            Element sig = ev.signal("ELECTRICITY_PRICE");
            check(ctx, OadrDom.children(sig).stream().anyMatch(c -> OadrDom.name(c).startsWith("currency")),
                    "oadr.event.itemBase", OadrDom.path(sig), "a price signal needs a currency itemBase");
        }
    }

    static void modify(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventOrder order = Steps.simple(ctx, ven, 1, 1);
            EventView v0 = created.create(order);
            long m0 = v0.modificationNumber();
            EventOrder changed = order.withSignals(List.of(new Signal("SIMPLE", "level", null, Duration.ofMinutes(15),
                    List.of(2.0, 3.0))));
            driver.modifyEvent(v0.eventId(), changed);
            EventView v1 = ven.pollForEvent("oadr.event.delivered", v0.eventId(),
                    e -> !Objects.equals(EventView.values(e.signal("SIMPLE")), List.of(1.0, 1.0))
                            || !Objects.equals(e.modificationNumber(), m0));
            check(ctx, Objects.equals(v1.modificationNumber(), m0 + 1), OadrRules.MOD_INCREMENTS,
                    evPath(v1) + "/eventDescriptor/modificationNumber", "after one modification expected "
                            + (m0 + 1) + ", got " + v1.modificationNumber());
            check(ctx, List.of(2.0, 3.0).equals(EventView.values(v1.signal("SIMPLE"))), "oadr.event.signal",
                    evPath(v1) + "/eiEventSignals", "the modified values did not arrive: "
                            + EventView.values(v1.signal("SIMPLE")));
            ok(ctx, ven.createdEvent(true, v1), "oadrCreatedEvent for the modified event");
            driver.cancelEvent(v0.eventId());
            created.forget(v0.eventId());
            EventView v2 = ven.pollForEvent("oadr.event.cancelled", v0.eventId(),
                    e -> "cancelled".equals(e.status()) || !Objects.equals(e.modificationNumber(), v1.modificationNumber()));
            check(ctx, "cancelled".equals(v2.status()), "oadr.event.cancelled", evPath(v2)
                    + "/eventDescriptor/eventStatus", "after cancellation the status is " + v2.status());
            check(ctx, Objects.equals(v2.modificationNumber(), v1.modificationNumber() + 1), OadrRules.MOD_INCREMENTS,
                    evPath(v2) + "/eventDescriptor/modificationNumber", "after cancellation expected "
                            + (v1.modificationNumber() + 1) + ", got " + v2.modificationNumber());
        }
    }

    static void twoEvents(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventView a = created.create(Steps.simple(ctx, ven, 1));
            EventView b = created.create(Steps.simple(ctx, ven, 2).withStart(Steps.inFuture(ctx, Duration.ofHours(4))));
            ok(ctx, ven.createdEvent(true, a), "oadrCreatedEvent optIn");
            ok(ctx, ven.createdEvent(false, b), "oadrCreatedEvent optOut");
            driver.eventResponses(b.eventId()).ifPresent(list -> check(ctx, list.stream().anyMatch(m ->
                    "optOut".equals(m.get("optType"))), "oadr.optOut.recorded", "/",
                    "the VTN did not record the optOut: " + list));
        }
    }

    static void several(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventView a = created.create(Steps.simple(ctx, ven, 1).withPriority(1));
            EventView b = created.create(Steps.simple(ctx, ven, 2).withStart(Steps.inFuture(ctx, Duration.ofHours(5))));
            EventView c = created.create(Steps.simple(ctx, ven, 3).withStart(Steps.inFuture(ctx, Duration.ofHours(8))));
            OadrReply all = ven.requestEvents();
            for (EventView e : List.of(a, b, c)) {
                check(ctx, all.event(e.eventId()).isPresent(), "oadr.distribution.complete", all.path(),
                        "event " + e.eventId() + " missing from the distribution " + Steps.ids(all));
            }
            driver.cancelEvent(b.eventId());
            created.forget(b.eventId());
            EventView bc = ven.pollForEvent("oadr.event.cancelled", b.eventId(), e -> "cancelled".equals(e.status()));
            OadrReply after = ven.requestEvents();
            for (EventView e : List.of(a, c)) {
                EventView now = after.event(e.eventId()).orElse(null);
                check(ctx, now != null && Objects.equals(now.modificationNumber(), e.modificationNumber())
                        && !"cancelled".equals(now.status()), "oadr.distribution.others", after.path(),
                        "cancelling " + bc.eventId() + " affected " + e.eventId() + ": " + (now == null ? "missing"
                                : "modificationNumber " + now.modificationNumber() + ", status " + now.status()));
            }
        }
    }

    static void resourceOpt(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1));
            String optId = "opt-" + OadrMessages.newId();
            OadrReply r = ven.send("EiOpt", OadrMessages.createOpt(ven.venId(), optId, false, ev.marketContext(),
                    List.of(), ev.eventId(), ev.modificationNumber(), "suite-resource-1", ctx.clock().instant()));
            is(ctx, r, "oadrCreatedOpt");
            ok(ctx, r, "oadrCreateOpt (event, resource)");
            check(ctx, optId.equals(r.text("optID")), "oadr.optID.echo", r.path() + "/optID",
                    "expected optID " + optId + ", got " + r.text("optID"));
        }
    }

    static void unknownEvent(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply r = ven.send("EiEvent", OadrMessages.createdEvent(ven.venId(), List.of(new OadrMessages.EventAnswer(
                "no-such-event-" + OadrMessages.newId(), 0, 200, false, ""))));
        is(ctx, r, "oadrResponse");
        check(ctx, r.code() != null && r.code().startsWith("4"), "oadr.error.unknownEvent", r.path()
                + "/eiResponse/responseCode", "an optOut for an event the VTN never issued was accepted: " + r.describe());
        should(ctx, "452".equals(r.code()), "oadr.error.452", r.path() + "/eiResponse/responseCode",
                "expected 452 (invalid ID), got " + r.code());
    }

    static void customSignal(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventView ev = created.create(signals(ctx, ven, new Signal("x-conformanceCustom", "level", null,
                    Duration.ofMinutes(30), List.of(1.0))));
            OadrReply r = ven.send("EiEvent", OadrMessages.createdEvent(ven.venId(), List.of(
                    new OadrMessages.EventAnswer(ev.eventId(), ev.modificationNumber(), 460, false, ""))));
            ok(ctx, r, "oadrCreatedEvent with 460");
            driver.eventResponses(ev.eventId()).ifPresent(list -> check(ctx, list.stream().anyMatch(m ->
                    Objects.equals(460, asInt(m.get("responseCode")))), "oadr.460.recorded", "/",
                    "the VTN did not record the 460 response: " + list));
        }
    }

    private static Integer asInt(Object o) {
        return o instanceof Number n ? n.intValue() : o == null ? null : Integer.valueOf(o.toString());
    }

    static void wrongVenId(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1));
            OadrReply r = ven.send("EiEvent", OadrMessages.createdEvent("not-" + ven.venId(), List.of(
                    new OadrMessages.EventAnswer(ev.eventId(), ev.modificationNumber(), 200, true, ""))), false);
            Steps.code(ctx, r, "452", "oadr.error.452", "oadrCreatedEvent with a venID that is not the caller's");
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
