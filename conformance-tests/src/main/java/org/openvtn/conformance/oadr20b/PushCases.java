package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.evPath;
import static org.openvtn.conformance.oadr20b.Steps.ok;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.Requirement;

/**
 * The {@code oadr20b-vtn-push} catalogue (official N0_50xx, E0_60xx, A_E2_*, P0_70xx, R0_80xx/81xx, G0_90xx): the
 * suite's VEN is registered for push at its own listener ({@link OadrPushHarness}). The registration cases and
 * E0_6010/6020/6030, R0_8010 are written here (what the VTN initiates must arrive as a push and is answered
 * synchronously); every other row runs the body of the pull case it mirrors ({@link OadrCase#pushOf}), whose
 * waits for a delivery then wait for the next push.
 */
final class PushCases {

    private PushCases() {
    }

    /** Pull rows whose push twin is written here (VTN-initiated exchanges awaited as pushes). */
    private static final Set<String> HAND_WRITTEN = Set.of("E1_1010", "E1_1020", "E1_1030", "R1_3010");

    static List<ConformanceCase> all() {
        List<ConformanceCase> out = new java.util.ArrayList<>(handWritten());
        for (List<ConformanceCase> family : List.of(EventCases.all(), AProfileCases.all(), OptCases.all(),
                ReportCases.all())) {
            for (ConformanceCase c : family) {
                if (!HAND_WRITTEN.contains(c.info().id())) {
                    out.add(OadrCase.pushOf(c));
                }
            }
        }
        // the VEN->VTN TLS cases hold for a push VEN too; polling until empty (G1_4020) and our own OADR-ERR-* do not
        GeneralCases.all().stream().filter(c -> c.info().id().startsWith("G1_401")).map(OadrCase::pushOf)
                .forEach(out::add);
        return List.copyOf(out);
    }

    private static List<ConformanceCase> handWritten() {
        return List.of(
                OadrCase.push("N0_5010", "Query registration while not registered: answer carries no registrationID/venID",
                        "2.0b profile 8.4 (oadrQueryRegistration)", RegistrationCases::queryUnregistered),
                OadrCase.push("N0_5015", "Query registration while registered for push: the VEN's registrationID and venID",
                        "2.0b profile 8.4", RegistrationCases::queryRegistered),
                OadrCase.push("N0_5020", "Push registration bootstrap (oadrHttpPullModel=false, oadrTransportAddress), METADATA report, request events",
                        "2.0b profile 8.4, 9.1.2; rules 301, 405", RegistrationCases::bootstrap),
                OadrCase.push("N0_5030", "VEN-initiated cancel of a push registration: oadrCanceledPartyRegistration 200",
                        "2.0b profile 8.4 (oadrCancelPartyRegistration)", RegistrationCases::venCancel),
                OadrCase.push("N0_5040", "VTN-initiated cancel pushed to the VEN; the VEN's synchronous answer ends the registration",
                        "2.0b profile 8.4, 9.1.2 (push delivery)", PushCases::vtnCancel),
                OadrCase.push("N0_5050", "VTN pushes oadrRequestReregistration; the VEN re-registers and keeps its venID",
                        "2.0b profile 8.4 (oadrRequestReregistration)", PushCases::reregistrationRequest),
                OadrCase.push("N0_5060", List.of("N0_5060", "N0_5065"),
                        "Re-registration of a push VEN: venID kept, the new registrationID is the current one",
                        "2.0b profile 8.4; rule 406", Requirement.MUST, Set.of(), RegistrationCases::reregister),
                OadrCase.push("N0_5070", "Cancel with an unknown registrationID is answered 452 and changes nothing",
                        "2.0b profile 8.4; rule 48 (452 invalid ID)", RegistrationCases::cancelInvalid),
                OadrCase.push("N0_5080", "Messages from an unregistered VEN are refused with 463 (or not answered)",
                        "2.0b profile 8.4; rule 48 (463)", RegistrationCases::unregistered),
                OadrCase.push("E0_6010", "oadrRequestEvent of a push VEN without events: empty oadrDistributeEvent naming the VTN",
                        "2.0b profile 8.2 (oadrRequestEvent)", EventCases::empty),
                OadrCase.push("E0_6020", "A new event is pushed: schema-valid oadrDistributeEvent, modificationNumber 0, pending status, from the VTN's certificate",
                        "2.0b profile 8.2, 9.1.2; rules 4, 21", PushCases::pending),
                OadrCase.push("E0_6030", "Modification and cancellation are pushed, each raising modificationNumber by 1",
                        "2.0b profile 8.2; rules 4, 5", PushCases::modify),
                OadrCase.push("R0_8010", "After a new push registration the VTN pushes its METADATA oadrRegisterReport (reportRequestID 0); the VEN's own METADATA is answered oadrRegisteredReport 200",
                        "2.0b profile 8.3; rules 301, 311", PushCases::registerReports));
    }

    static void vtnCancel(CaseContext ctx) {
        OadrPushHarness push = OadrPushHarness.main(ctx);
        OadrVenHarness ven = push.ven();
        String reg = ven.registrationId();
        int mark = push.mark();
        OadrVtnDriver.of(ctx).cancelRegistration(ven.venId());
        OadrReply c = push.awaitPush(mark, "oadr.registration.vtnCancel", "oadrCancelPartyRegistration",
                r -> r.is("oadrCancelPartyRegistration"));
        check(ctx, reg.equals(c.text("registrationID")), "oadr.registrationID.echo", c.path() + "/registrationID",
                "the cancellation names registrationID '" + c.text("registrationID") + "', the VEN's is '" + reg + "'");
        ven.forgetRegistration();
        OadrReply q = ven.query();
        String after = q.text("registrationID");
        check(ctx, after == null || after.isEmpty(), "oadr.registration.cancelled", q.path() + "/registrationID",
                "after the VTN's pushed cancellation the VTN still reports registrationID '" + after + "'");
        push.ensurePushRegistered();
    }

    static void reregistrationRequest(CaseContext ctx) {
        OadrPushHarness push = OadrPushHarness.main(ctx);
        OadrVenHarness ven = push.ven();
        String venId = ven.venId();
        int mark = push.mark();
        OadrVtnDriver.of(ctx).requestReregistration(venId);
        push.awaitPush(mark, "oadr.registration.reregister", "oadrRequestReregistration",
                r -> r.is("oadrRequestReregistration"));
        OadrReply r = ven.register();
        ok(ctx, r, "oadrCreatePartyRegistration (re-registration after the pushed request)");
        check(ctx, venId.equals(r.text("venID")), "oadr.venID.stable", r.path() + "/venID",
                "re-registration changed venID '" + venId + "' to '" + r.text("venID") + "'");
    }

    static void registerReports(CaseContext ctx) {
        OadrPushHarness push = OadrPushHarness.main(ctx);
        OadrVenHarness ven = push.ven();
        ok(ctx, ven.cancelRegistration(), "oadrCancelPartyRegistration before a new registration");
        ven.forgetRegistration();
        int mark = push.mark();
        ok(ctx, push.registerPush(), "oadrCreatePartyRegistration (push)");
        OadrReply rr = push.awaitPush(mark, "oadr.push.registerReport", "oadrRegisterReport (the VTN's METADATA)",
                r -> r.is("oadrRegisterReport"));
        for (org.w3c.dom.Element report : rr.all("oadrReport")) {
            String id = OadrDom.text(report, "reportRequestID");
            check(ctx, "0".equals(id), "oadr.report.metadataRequestId", OadrDom.path(report) + "/reportRequestID",
                    "a METADATA report must carry reportRequestID 0 (rule 311), the pushed one carries '" + id + "'");
        }
        ReportCases.register(ctx);
    }

    static void pending(CaseContext ctx) {
        OadrPushHarness push = OadrPushHarness.main(ctx);
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Pushed events = new Pushed(push, driver)) {
            EventView ev = events.create(Steps.simple(ctx, push.ven(), 1, 2));
            check(ctx, Long.valueOf(0).equals(ev.modificationNumber()), OadrRules.MOD_STARTS_AT_ZERO,
                    evPath(ev) + "/eventDescriptor/modificationNumber", "a new event was pushed with modificationNumber "
                            + ev.modificationNumber());
            check(ctx, "far".equals(ev.status()) || "near".equals(ev.status()), OadrRules.STATUS_CONSISTENT,
                    evPath(ev) + "/eventDescriptor/eventStatus", "an event two hours ahead was pushed with status "
                            + ev.status());
        }
    }

    static void modify(CaseContext ctx) {
        OadrPushHarness push = OadrPushHarness.main(ctx);
        OadrVtnDriver driver = OadrVtnDriver.of(ctx);
        try (Pushed events = new Pushed(push, driver)) {
            OadrVtnDriver.EventOrder order = Steps.simple(ctx, push.ven(), 1, 2);
            EventView ev = events.create(order);
            long m0 = ev.modificationNumber() == null ? 0 : ev.modificationNumber();
            int mark = push.mark();
            driver.modifyEvent(ev.eventId(), order.withSignals(Steps.simple(ctx, push.ven(), 3, 2).signals()));
            EventView mod = events.await(mark, ev.eventId(), "the modification");
            check(ctx, Long.valueOf(m0 + 1).equals(mod.modificationNumber()), OadrRules.MOD_INCREMENTS,
                    evPath(mod) + "/eventDescriptor/modificationNumber", "after one modification the pushed event has "
                            + "modificationNumber " + mod.modificationNumber() + ", expected " + (m0 + 1));
            mark = push.mark();
            driver.cancelEvent(ev.eventId());
            events.forget(ev.eventId());
            EventView cancelled = events.await(mark, ev.eventId(), "the cancellation");
            check(ctx, Long.valueOf(m0 + 2).equals(cancelled.modificationNumber()), OadrRules.MOD_INCREMENTS,
                    evPath(cancelled) + "/eventDescriptor/modificationNumber", "after the cancellation the pushed "
                            + "event has modificationNumber " + cancelled.modificationNumber() + ", expected " + (m0 + 2));
            check(ctx, "cancelled".equals(cancelled.status()), OadrRules.STATUS_CONSISTENT,
                    evPath(cancelled) + "/eventDescriptor/eventStatus", "a cancelled event was pushed with status "
                            + cancelled.status());
        }
    }

    /** Events a case created and awaited as pushes; cancelled at the end. */
    private static final class Pushed implements AutoCloseable {
        private final OadrPushHarness push;
        private final OadrVtnDriver driver;
        private final Set<String> ids = new HashSet<>();

        Pushed(OadrPushHarness push, OadrVtnDriver driver) {
            this.push = push;
            this.driver = driver;
        }

        /** Creates the event and waits for its push (the first new event when the driver cannot tell its ID). */
        EventView create(OadrVtnDriver.EventOrder order) {
            Set<String> before = new HashSet<>(push.ven().session().ledger().eventIds());
            int mark = push.mark();
            String id = driver.createEvent(order);
            if (id != null) {
                ids.add(id);
            }
            OadrReply r = push.awaitPush(mark, "oadr.push.event", "oadrDistributeEvent with the new event"
                    + (id == null ? "" : " " + id), x -> x.is("oadrDistributeEvent") && (id != null
                    ? x.event(id).isPresent() : x.events().stream().anyMatch(e -> !before.contains(e.eventId()))));
            EventView ev = id != null ? r.event(id).orElseThrow()
                    : r.events().stream().filter(e -> !before.contains(e.eventId())).findFirst().orElseThrow();
            ids.add(ev.eventId());
            push.context().note("event " + ev.eventId() + " pushed with modificationNumber " + ev.modificationNumber()
                    + ", status " + ev.status());
            return ev;
        }

        /**
         * The first push after {@code mark} that carries the event: the one the VTN sent for the change made after
         * the mark (its modificationNumber is then checked, so a VTN that does not raise it fails rather than times out).
         */
        EventView await(int mark, String eventId, String what) {
            OadrReply r = push.awaitPush(mark, "oadr.push.event", "oadrDistributeEvent carrying " + what + " of event "
                    + eventId, x -> x.is("oadrDistributeEvent") && x.event(eventId).isPresent());
            return r.event(eventId).orElseThrow();
        }

        void forget(String id) {
            ids.remove(id);
        }

        @Override
        public void close() {
            for (String id : ids) {
                try {
                    driver.cancelEvent(id);
                } catch (RuntimeException e) {
                    push.context().note("cleanup: could not cancel event " + id + ": " + e.getMessage());
                }
            }
        }
    }
}
