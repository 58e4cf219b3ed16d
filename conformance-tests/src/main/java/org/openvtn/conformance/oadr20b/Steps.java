package org.openvtn.conformance.oadr20b;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;

/** Steps several cases share: creating an event and waiting for it, cleaning up, common checks. */
final class Steps {

    private Steps() {
    }

    /** Whole minutes from now (event starts in the future, rule-friendly). */
    static Instant inFuture(CaseContext ctx, Duration d) {
        return ctx.clock().instant().plus(d).truncatedTo(ChronoUnit.MINUTES);
    }

    /** A pending SIMPLE event two hours ahead for the VEN. */
    static OadrVtnDriver.EventOrder simple(CaseContext ctx, OadrVenHarness ven, double... levels) {
        return OadrVtnDriver.EventOrder.simple(ven.session().marketContext(), inFuture(ctx, Duration.ofHours(2)),
                ven.venId(), levels);
    }

    /** Tracks the events a case created, so that they can be cancelled at the end. */
    static final class Created implements AutoCloseable {
        private final CaseContext ctx;
        private final OadrVenHarness ven;
        private final OadrVtnDriver driver;
        private final Set<String> ids = new HashSet<>();

        Created(CaseContext ctx, OadrVenHarness ven, OadrVtnDriver driver) {
            this.ctx = ctx;
            this.ven = ven;
            this.driver = driver;
        }

        /**
         * Creates the event and polls until it is delivered; when the driver cannot tell the eventID, the first
         * delivered event not seen before in this run is taken.
         */
        EventView create(OadrVtnDriver.EventOrder order) {
            Set<String> before = new HashSet<>(ven.session().ledger().eventIds());
            String id = driver.createEvent(order);
            EventView ev;
            if (id != null) {
                ev = ven.pollForEvent("oadr.event.delivered", id, e -> true);
            } else {
                OadrReply r = ven.pollFor("oadr.event.delivered", "a new event", x -> x.is("oadrDistributeEvent")
                        && x.events().stream().anyMatch(e -> !before.contains(e.eventId())));
                ev = r.events().stream().filter(e -> !before.contains(e.eventId())).findFirst().orElseThrow();
            }
            ids.add(ev.eventId());
            ctx.note("event " + ev.eventId() + " delivered with modificationNumber " + ev.modificationNumber()
                    + ", status " + ev.status());
            return ev;
        }

        /** Tracks an event created outside {@link #create} (cancelled at the end too). */
        void track(String id) {
            if (id != null) {
                ids.add(id);
            }
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
                    ctx.note("cleanup: could not cancel event " + id + ": " + e.getMessage());
                }
            }
            if (!ids.isEmpty()) {
                ven.drain();
            }
        }
    }

    /** A MUST check with a rule name and element. */
    static void check(CaseContext ctx, boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.must(rule, element, message));
    }

    /** A SHOULD check. */
    static void should(CaseContext ctx, boolean ok, String rule, String element, String message) {
        ctx.check(ok, () -> RuleViolation.should(rule, element, message));
    }

    /** The answer must carry eiResponse code 200. */
    static void ok(CaseContext ctx, OadrReply r, String what) {
        check(ctx, "200".equals(r.code()), "oadr.eiResponse.ok", r.path() + "/eiResponse/responseCode",
                what + ": expected code 200, got " + r.describe());
    }

    /** The answer must carry the given code (MUST), e.g. 452 for an unknown ID. */
    static void code(CaseContext ctx, OadrReply r, String expected, String rule, String what) {
        check(ctx, expected.equals(r.code()), rule, r.path() + "/eiResponse/responseCode",
                what + ": expected code " + expected + ", got " + r.describe());
    }

    /** The answer must be the named message. */
    static void is(CaseContext ctx, OadrReply r, String name) {
        if (!r.is(name)) {
            throw ctx.fail("oadr.message.type", r.path(), "expected " + name + ", got " + r.describe());
        }
    }

    static Predicate<EventView> mod(long n) {
        return e -> e.modificationNumber() != null && e.modificationNumber() >= n;
    }

    static String evPath(EventView e) {
        return OadrDom.path(e.element());
    }

    static List<String> ids(OadrReply r) {
        return r.events().stream().map(EventView::eventId).toList();
    }
}
