package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.evPath;
import static org.openvtn.conformance.oadr20b.Steps.ok;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;
import org.openvtn.conformance.oadr20b.OadrVtnDriver.EventOrder;
import org.openvtn.conformance.oadr20b.OadrVtnDriver.Signal;

/**
 * The A-profile event cases ported into the 2.0b harness for a VTN under test in pull mode (A_E3_*). Several
 * official IDs map to one case where they exercise the same behaviour; the mapping follows the public family
 * summary (pending/active events, responseRequired, market contexts, priority, overlap, randomization,
 * modification and cancellation flows).
 */
final class AProfileCases {

    private AProfileCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.must("A_E3_0420", List.of("A_E3_0420", "A_E3_0430", "A_E3_0432", "A_E3_0435"),
                        "Pending SIMPLE event: status far/near, currentValue 0, interval rules",
                        "2.0b profile 8.2; rules 2, 8, 9, 14", AProfileCases::pendingSimple),
                OadrCase.must("A_E3_0440", List.of("A_E3_0440", "A_E3_0450", "A_E3_0452", "A_E3_0454"),
                        "responseRequired always / never carried as ordered; the always-event's answer is accepted",
                        "2.0b profile 8.2; rules 12, 62", AProfileCases::responseRequired),
                OadrCase.must("A_E3_0468", List.of("A_E3_0468", "A_E3_0470", "A_E3_0474"),
                        "Events of two market contexts each carry their own market context",
                        "2.0b profile 8.2 (eiMarketContext)", AProfileCases::marketContexts),
                OadrCase.must("A_E3_0480", List.of("A_E3_0480", "A_E3_0484"),
                        "Event priority is carried as ordered", "2.0b profile 8.2 (priority)", AProfileCases::priority),
                OadrCase.requiring("A_E3_0490", List.of("A_E3_0490", "A_E3_0492", "A_E3_0494", "A_E3_0496", "A_E3_0498"),
                        "Overlapping events of one market context are refused", "2.0a profile (ported), A-profile overlap rule",
                        Requirement.MUST, Set.of("events.overlapRules"), AProfileCases::overlap),
                OadrCase.requiring("A_E3_0500", List.of("A_E3_0500", "A_E3_0510"),
                        "Randomized start: tolerance/tolerate/startafter as ordered", "2.0b profile 8.2; rule 30",
                        Requirement.MUST, Set.of("events.randomization"), AProfileCases::randomization),
                OadrCase.must("A_E3_0520", List.of("A_E3_0520", "A_E3_0525", "A_E3_0527", "A_E3_0530"),
                        "Modifying start and intervals: new content, modificationNumber +1, the VEN's new answer accepted",
                        "2.0b profile 8.2; rule 5", AProfileCases::modificationFlow),
                OadrCase.must("A_E3_0655", List.of("A_E3_0655", "A_E3_0657", "A_E3_0680", "A_E3_0685"),
                        "Active event: status active and currentValue of the interval in progress",
                        "2.0b profile 8.2; rule 14", AProfileCases::active),
                OadrCase.must("A_E3_0710", List.of("A_E3_0710", "A_E3_0720", "A_E3_0730", "A_E3_0750", "A_E3_0780"),
                        "Cancellation: status cancelled with +1, delivered once, then gone from the distribution",
                        "2.0b profile 8.2 (implied cancel); rule 5", AProfileCases::cancellation));
    }

    static void pendingSimple(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 3, 0, 2));
            check(ctx, "far".equals(ev.status()) || "near".equals(ev.status()), OadrRules.STATUS_CONSISTENT,
                    evPath(ev) + "/eventDescriptor/eventStatus", "a pending event has status " + ev.status());
            String cv = OadrDom.text(ev.signal("SIMPLE"), "currentValue", "payloadFloat", "value");
            check(ctx, cv != null && Double.parseDouble(cv) == 0, OadrRules.CURRENT_VALUE, evPath(ev)
                    + "/eiEventSignals/eiEventSignal/currentValue", "a pending SIMPLE event has currentValue " + cv);
        }
    }

    static void responseRequired(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventOrder always = Steps.simple(ctx, ven, 1);
            EventView a = created.create(always);
            EventView n = created.create(Steps.simple(ctx, ven, 2).withResponseRequired(false)
                    .withStart(Steps.inFuture(ctx, Duration.ofHours(6))));
            check(ctx, "always".equals(a.responseRequired()), "oadr.event.responseRequired", evPath(a),
                    "ordered always, got " + a.responseRequired());
            check(ctx, "never".equals(n.responseRequired()), "oadr.event.responseRequired", evPath(n),
                    "ordered never, got " + n.responseRequired());
            ok(ctx, ven.createdEvent(true, a), "oadrCreatedEvent for the always-event");
            OadrReply next = ven.requestEvents();
            check(ctx, next.event(n.eventId()).map(e -> Objects.equals(e.modificationNumber(), n.modificationNumber()))
                    .orElse(false), "oadr.event.unanswered", next.path(), "the never-event changed or vanished although"
                    + " the VEN (correctly) did not answer it");
        }
    }

    static void marketContexts(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            String m1 = ven.session().marketContext();
            String m2 = ven.session().marketContext2();
            EventView a = created.create(Steps.simple(ctx, ven, 1));
            EventView b = created.create(Steps.simple(ctx, ven, 1).withMarketContext(m2));
            check(ctx, m1.equals(a.marketContext()), "oadr.event.marketContext", evPath(a), "expected " + m1
                    + ", got " + a.marketContext());
            check(ctx, m2.equals(b.marketContext()), "oadr.event.marketContext", evPath(b), "expected " + m2
                    + ", got " + b.marketContext());
        }
    }

    static void priority(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1).withPriority(7));
            check(ctx, Long.valueOf(7).equals(ev.priority()), "oadr.event.priority", evPath(ev)
                    + "/eventDescriptor/priority", "ordered priority 7, got " + ev.priority());
        }
    }

    /**
     * Conformance rule 18: the VTN does not send one VEN overlapping events of one market context, the randomization
     * window included. The first event (two 15-minute intervals, startafter 10 minutes) occupies [start, start + 40
     * min); one probe overlaps its active period, the other starts at its nominal end, inside the randomization
     * window. Each probe must be refused as a conflict (HTTP 409 from the admin API) or, if accepted, never
     * distributed together with the first event.
     */
    static void overlap(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventOrder first = Steps.simple(ctx, ven, 1, 1).withRandomizeStart(Duration.ofMinutes(10));
            EventView a = created.create(first);
            probe(ctx, ven, driver, created, a, first.withRandomizeStart(Duration.ZERO)
                    .withStart(first.start().plus(15, ChronoUnit.MINUTES)), "overlapping the active period");
            probe(ctx, ven, driver, created, a, first.withRandomizeStart(Duration.ZERO)
                    .withStart(first.start().plus(30, ChronoUnit.MINUTES)), "inside the randomization window");
        }
    }

    private static void probe(CaseContext ctx, OadrVenHarness ven, OadrVtnDriver driver, Steps.Created created,
                              EventView first, EventOrder order, String what) {
        String second;
        try {
            second = driver.createEvent(order);
        } catch (org.openvtn.conformance.AdminClient.AdminException refused) {
            check(ctx, refused.status() == 409, "oadr.event.overlap", "admin " + order.start(), "the event "
                    + what + " was refused with HTTP " + refused.status() + ", not as a conflict (409): "
                    + refused.getMessage());
            ctx.note("the VTN refused the event " + what + ": " + refused.getMessage());
            return;
        }
        created.track(second);
        OadrReply r = ven.requestEvents();
        boolean both = r.event(first.eventId()).isPresent()
                && (second == null ? r.events().size() > 1 : r.event(second).isPresent());
        check(ctx, !both, "oadr.event.overlap", r.path(), "the VTN distributed two overlapping events of market "
                + "context " + order.marketContext() + " (" + what + ")");
    }

    static void randomization(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1).withRandomizeStart(Duration.ofMinutes(5)));
            check(ctx, Duration.ofMinutes(5).equals(ev.startAfter()), "oadr.event.startafter", evPath(ev)
                    + "/eiActivePeriod/properties/tolerance", "ordered startafter PT5M, got " + ev.startAfter());
        }
    }

    static void modificationFlow(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventOrder order = Steps.simple(ctx, ven, 1, 2);
            EventView v0 = created.create(order);
            ok(ctx, ven.createdEvent(true, v0), "oadrCreatedEvent");
            EventOrder moved = order.withStart(order.start().plus(Duration.ofHours(1))).withSignals(List.of(
                    new Signal("SIMPLE", "level", null, Duration.ofMinutes(10), List.of(3.0, 2.0, 1.0))));
            driver.modifyEvent(v0.eventId(), moved);
            EventView v1 = ven.pollForEvent("oadr.event.delivered", v0.eventId(), Steps.mod(v0.modificationNumber() + 1));
            check(ctx, Objects.equals(v1.modificationNumber(), v0.modificationNumber() + 1), OadrRules.MOD_INCREMENTS,
                    evPath(v1) + "/eventDescriptor/modificationNumber", "one modification: expected "
                            + (v0.modificationNumber() + 1) + ", got " + v1.modificationNumber());
            EventCases.expectOrder(ctx, v1, moved);
            ok(ctx, ven.createdEvent(true, v1), "oadrCreatedEvent for the new modificationNumber");
        }
    }

    static void active(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventOrder order = OadrVtnDriver.EventOrder.simple(ven.session().marketContext(),
                    ctx.clock().instant().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS), ven.venId(),
                    2, 1);
            order = order.withSignals(List.of(new Signal("SIMPLE", "level", null, Duration.ofHours(1),
                    List.of(2.0, 1.0))));
            EventView ev = created.create(order);
            check(ctx, "active".equals(ev.status()), OadrRules.STATUS_CONSISTENT, evPath(ev)
                    + "/eventDescriptor/eventStatus", "an event that started 10 minutes ago has status " + ev.status());
            String cv = OadrDom.text(ev.signal("SIMPLE"), "currentValue", "payloadFloat", "value");
            check(ctx, cv != null && Double.parseDouble(cv) == 2.0, OadrRules.CURRENT_VALUE, evPath(ev)
                    + "/eiEventSignals/eiEventSignal/currentValue", "the first interval (level 2) is in progress, "
                    + "currentValue is " + cv);
        }
    }

    static void cancellation(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Steps.Created created = new Steps.Created(ctx, ven, driver)) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1));
            ok(ctx, ven.createdEvent(true, ev), "oadrCreatedEvent");
            driver.cancelEvent(ev.eventId());
            created.forget(ev.eventId());
            EventView c = ven.pollForEvent("oadr.event.cancelled", ev.eventId(), e -> "cancelled".equals(e.status()));
            check(ctx, Objects.equals(c.modificationNumber(), ev.modificationNumber() + 1), OadrRules.MOD_INCREMENTS,
                    evPath(c) + "/eventDescriptor/modificationNumber", "cancel: expected "
                            + (ev.modificationNumber() + 1) + ", got " + c.modificationNumber());
            ok(ctx, ven.createdEvent(true, c), "oadrCreatedEvent for the cancellation");
            OadrReply later = ven.requestEvents();
            check(ctx, later.event(ev.eventId()).map(e -> "cancelled".equals(e.status())).orElse(true),
                    "oadr.event.cancelled", later.path(), "a cancelled event came back with another status");
        }
    }
}
