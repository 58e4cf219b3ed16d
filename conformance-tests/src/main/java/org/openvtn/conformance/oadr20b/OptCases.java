package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.is;
import static org.openvtn.conformance.oadr20b.Steps.ok;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/** EiOpt cases, VTN under test in pull mode (official P1_20xx). */
final class OptCases {

    private static final Set<String> AVAILABILITY = Set.of("opt.availability");

    private OptCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.requiring("P1_2010", List.of("P1_2010", "P1_2015"),
                        "Opt schedule (availability, optIn and optOut) is accepted with the optID echoed",
                        "2.0b profile 8.5 (oadrCreateOpt); rule 510", Requirement.MUST, AVAILABILITY, OptCases::schedule),
                OadrCase.requiring("P1_2020", List.of("P1_2020"), "Several opt schedules, each accepted",
                        "2.0b profile 8.5", Requirement.MUST, AVAILABILITY, OptCases::several),
                OadrCase.requiring("P1_2030", List.of("P1_2030"), "Cancelling an opt schedule: oadrCanceledOpt 200",
                        "2.0b profile 8.5 (oadrCancelOpt)", Requirement.MUST, AVAILABILITY, OptCases::cancel),
                OadrCase.must("P1_2040", "Event-scoped optOut through EiOpt (qualifiedEventID) is accepted",
                        "2.0b profile 8.5; rule 17", OptCases::eventScoped),
                OadrCase.must("P1_2050", "Cancelling an unknown optID is answered 452",
                        "2.0b profile 8.5; rule 48", OptCases::cancelUnknown));
    }

    private static OadrReply createSchedule(CaseContext ctx, OadrVenHarness ven, String optId, boolean optIn,
                                            int windows) {
        Instant t = Steps.inFuture(ctx, Duration.ofDays(1));
        List<Instant[]> w = new java.util.ArrayList<>();
        for (int i = 0; i < windows; i++) {
            w.add(new Instant[] {t.plus(Duration.ofHours(3L * i)), t.plus(Duration.ofHours(3L * i + 2))});
        }
        OadrReply r = ven.send("EiOpt", OadrMessages.createOpt(ven.venId(), optId, optIn, ven.session().marketContext(),
                w, null, 0, null, ctx.clock().instant()));
        is(ctx, r, "oadrCreatedOpt");
        ok(ctx, r, "oadrCreateOpt " + optId);
        check(ctx, optId.equals(r.text("optID")), "oadr.optID.echo", r.path() + "/optID",
                "expected optID " + optId + ", got " + r.text("optID"));
        return r;
    }

    static void schedule(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        createSchedule(ctx, ven, "opt-in-" + OadrMessages.newId(), true, 1);
        createSchedule(ctx, ven, "opt-out-" + OadrMessages.newId(), false, 1);
    }

    static void several(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        createSchedule(ctx, ven, "opt-a-" + OadrMessages.newId(), false, 2);
        createSchedule(ctx, ven, "opt-b-" + OadrMessages.newId(), false, 3);
    }

    static void cancel(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        String optId = "opt-c-" + OadrMessages.newId();
        createSchedule(ctx, ven, optId, false, 1);
        OadrReply r = ven.send("EiOpt", OadrMessages.cancelOpt(ven.venId(), optId));
        is(ctx, r, "oadrCanceledOpt");
        ok(ctx, r, "oadrCancelOpt");
        check(ctx, optId.equals(r.text("optID")), "oadr.optID.echo", r.path() + "/optID",
                "expected optID " + optId + ", got " + r.text("optID"));
    }

    static void eventScoped(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        try (Steps.Created created = new Steps.Created(ctx, ven, OadrVtnDriver.of(ctx))) {
            EventView ev = created.create(Steps.simple(ctx, ven, 1));
            String optId = "opt-e-" + OadrMessages.newId();
            OadrReply r = ven.send("EiOpt", OadrMessages.createOpt(ven.venId(), optId, false, ev.marketContext(),
                    List.of(), ev.eventId(), ev.modificationNumber(), null, ctx.clock().instant()));
            is(ctx, r, "oadrCreatedOpt");
            ok(ctx, r, "oadrCreateOpt for event " + ev.eventId());
        }
    }

    static void cancelUnknown(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        OadrReply r = ven.send("EiOpt", OadrMessages.cancelOpt(ven.venId(), "no-such-opt-" + OadrMessages.newId()));
        is(ctx, r, "oadrCanceledOpt");
        Steps.code(ctx, r, "452", "oadr.error.452", "oadrCancelOpt with an unknown optID");
    }
}
