package org.openvtn.conformance.oadr20b.ven;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.w3c.dom.Element;

/** E1_ rows and the ported A-profile rows (A_E1_): how the VEN answers and applies the VTN's events. */
final class VenEventCases {

    private VenEventCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                VenCase.of("E1_1010", "VEN requests events right after registering",
                        "rule 405: after oadrCreatedPartyRegistration the VEN's first EiEvent/OadrPoll payload is"
                                + " oadrRequestEvent", VenEventCases::requestEvents),
                VenCase.of("E1_1020", "VEN answers an event with responseRequired always",
                        "rule 12: oadrCreatedEvent with 200, the distribution's requestID, eventID, modificationNumber"
                                + " and optType", VenEventCases::answersAlways),
                VenCase.of("E1_1030", "VEN applies a modification and answers its modificationNumber",
                        "rule 5: a modified event (modificationNumber + 1) is answered at the new number and applied",
                        VenEventCases::modification),
                VenCase.of("E1_1040", "VEN answers each of two events in one distribution",
                        "E1_1040: one eventResponse per event of the distribution", VenEventCases::twoEvents),
                VenCase.of("E1_1050", "VEN changes its answer to an event (late optOut)",
                        "rule 17: oadrCreatedEvent optOut for an event it opted into", VenEventCases::lateOptOut),
                VenCase.of("E1_1070", "VEN answers 460 for a signal it does not support",
                        "rule 109: eventResponse responseCode 460 for an x- signal", VenEventCases::unsupportedSignal),
                VenCase.of("A_E1_0430", "VEN stays silent for responseRequired never",
                        "rule 62: no oadrCreatedEvent for an event with oadrResponseRequired never (checked up to the"
                                + " answer of the next distribution)", VenEventCases::never),
                VenCase.of("A_E1_0450", "VEN applies an explicit cancellation",
                        "A-profile cancellation: eventStatus cancelled at modificationNumber + 1 is answered at the new"
                                + " number (and the VEN's view shows it cancelled)", VenEventCases::cancel),
                VenCase.of("A_E1_0452", "VEN treats an event missing from a distribution as cancelled",
                        "implied cancel: an event absent from the VTN's next oadrDistributeEvent is cancelled in the"
                                + " VEN's view", VenEventCases::impliedCancel),
                VenCase.of("A_E1_0470", "VEN randomizes the start inside the startafter window",
                        "rule 30: effective start within [dtstart, dtstart + startafter]", VenEventCases::randomized),
                VenCase.of("A_E1_0480", "VEN recognises a test event",
                        "rule 6: any testEvent value other than false marks a test event", VenEventCases::testEvent));
    }

    static Element eventResponse(VtnHarness.Msg m, String eventId) {
        if (m.message() == null) {
            return null;
        }
        for (Element er : Dom.all(m.message(), "eventResponse")) {
            if (eventId.equals(Dom.text(er, "eventID"))) {
                return er;
            }
        }
        return null;
    }

    static Element answer(VenSteps s, int from, String eventId, String what) throws InterruptedException {
        VtnHarness.Msg m = s.expect(from, "oadrCreatedEvent", x -> eventResponse(x, eventId) != null, false,
                "oadr.responseRequired.12", "for event " + eventId + " " + what);
        return eventResponse(m, eventId);
    }

    static void checkAnswer(VenSteps s, Element er, VtnMessages.Event e, String requestId, String code) {
        s.check(code.equals(Dom.text(er, "responseCode")), "oadr.eventResponse.code", Dom.path(er),
                "expected " + code + ", was " + Dom.text(er, "responseCode"));
        s.check(String.valueOf(e.modification()).equals(Dom.text(er, "modificationNumber")),
                "oadr.modificationNumber.answer", Dom.path(er), "event " + e.id() + " is at modificationNumber "
                        + e.modification() + ", the VEN answered " + Dom.text(er, "modificationNumber"));
        if (requestId != null) {
            s.check(requestId.equals(Dom.text(er, "requestID")), "oadr.requestID.echo", Dom.path(er),
                    "expected the distribution's requestID " + requestId + ", was " + Dom.text(er, "requestID"));
        }
        String opt = Dom.text(er, "optType");
        s.check("optIn".equals(opt) || "optOut".equals(opt), "oadr.eventResponse.optType", Dom.path(er),
                "optType " + opt);
    }

    static String id(String prefix) {
        return prefix + "-" + VtnMessages.newId().substring(0, 8);
    }

    static void requestEvents(VenSteps s) throws Exception {
        s.ensureRegistered();
        List<VtnHarness.Msg> all = s.harness().received();
        VtnHarness.Msg create = VenRegistrationCases.lastBefore(all, "oadrCreatePartyRegistration", all.size());
        Optional<VtnHarness.Msg> first = all.subList(create.seq() + 1, all.size()).stream()
                .filter(m -> m.service().equals("EiEvent") || m.service().equals("OadrPoll")).findFirst();
        if (first.isEmpty()) {
            first = s.harness().await(create.seq() + 1, m -> m.service().equals("EiEvent")
                    || m.service().equals("OadrPoll"), s.wait(true));
        }
        s.check(first.isPresent() && first.get().name().equals("oadrRequestEvent"), "oadr.requestEvent.405",
                "oadrRequestEvent", "after registering the VEN sent " + first.map(VtnHarness.Msg::name)
                        .orElse("nothing") + " before oadrRequestEvent");
    }

    static void answersAlways(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("e1020"));
        int seq = s.distribute(List.of(e));
        checkAnswer(s, answer(s, seq, e.id(), ""), e, s.requestIdOf(seq), "200");
    }

    static void modification(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("e1030"));
        int seq = s.distribute(List.of(e));
        answer(s, seq, e.id(), "");
        VtnMessages.Event m = e.modified(2);
        seq = s.distribute(List.of(m));
        checkAnswer(s, answer(s, seq, e.id(), "after its modification"), m, s.requestIdOf(seq), "200");
        s.driver().event(e.id()).ifPresent(v -> s.check(String.valueOf(m.modification())
                .equals(String.valueOf(v.get("modificationNumber"))), "oadr.modificationNumber.applied", e.id(),
                "the VEN's view holds modificationNumber " + v.get("modificationNumber")));
    }

    static void twoEvents(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event a = VtnMessages.Event.pending(id("e1040a"));
        VtnMessages.Event b = VtnMessages.Event.pending(id("e1040b"));
        int seq = s.distribute(List.of(a, b));
        checkAnswer(s, answer(s, seq, a.id(), ""), a, s.requestIdOf(seq), "200");
        checkAnswer(s, answer(s, seq, b.id(), ""), b, s.requestIdOf(seq), "200");
    }

    static void lateOptOut(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("e1050"));
        int seq = s.distribute(List.of(e));
        answer(s, seq, e.id(), "");
        int from = s.harness().count();
        s.driver().optOutEvent(e.id());
        VtnHarness.Msg m = s.expect(from, "oadrCreatedEvent", x -> {
            Element er = eventResponse(x, e.id());
            return er != null && "optOut".equals(Dom.text(er, "optType"));
        }, false, "oadr.optOut.17", "opting out of " + e.id());
        checkAnswer(s, eventResponse(m, e.id()), e, null, "200");
    }

    static void unsupportedSignal(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("e1070")).withSignal("x-suiteUnsupportedSignal");
        int seq = s.distribute(List.of(e));
        Element er = answer(s, seq, e.id(), "");
        s.check("460".equals(Dom.text(er, "responseCode")), "oadr.signal.109", Dom.path(er),
                "expected 460 for an unsupported signal, was " + Dom.text(er, "responseCode"));
    }

    static void never(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event quiet = VtnMessages.Event.pending(id("a0430n")).withResponse("never");
        int seq = s.distribute(List.of(quiet));
        VtnMessages.Event marker = VtnMessages.Event.pending(id("a0430m"));
        int seq2 = s.distribute(List.of(quiet, marker));
        answer(s, seq2, marker.id(), "(the marker event after the never event)");
        List<VtnHarness.Msg> all = s.harness().received(); // one snapshot: the VEN may still be sending
        for (VtnHarness.Msg m : all.subList(seq, all.size())) {
            s.check(!m.name().equals("oadrCreatedEvent") || eventResponse(m, quiet.id()) == null,
                    "oadr.responseRequired.62", m.name(), "the VEN answered event " + quiet.id()
                            + " whose oadrResponseRequired is never");
        }
    }

    static void cancel(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("a0450"));
        int seq = s.distribute(List.of(e));
        answer(s, seq, e.id(), "");
        VtnMessages.Event c = e.cancelled();
        seq = s.distribute(List.of(c));
        checkAnswer(s, answer(s, seq, e.id(), "after its cancellation"), c, s.requestIdOf(seq), "200");
        viewCancelled(s, e.id());
    }

    static void viewCancelled(VenSteps s, String eventId) {
        Optional<Map<String, Object>> v = s.driver().event(eventId);
        if (v.isPresent()) {
            s.check(v.get().isEmpty() || "CANCELLED".equals(v.get().get("state")), "oadr.event.cancelled", eventId,
                    "the VEN's view still holds the event as " + v.get().get("state"));
            return;
        }
        s.driver().confirm("Does the VEN show event " + eventId + " as cancelled (or no longer scheduled)?")
                .ifPresentOrElse(ok -> s.check(ok, "oadr.event.cancelled", eventId, "the operator says it does not"),
                        () -> s.ctx().note("the VEN's view cannot be inspected with this driver; judged from its"
                                + " answers only"));
    }

    static void impliedCancel(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event gone = VtnMessages.Event.pending(id("a0452g"));
        int seq = s.distribute(List.of(gone));
        answer(s, seq, gone.id(), "");
        VtnMessages.Event other = VtnMessages.Event.pending(id("a0452o"));
        seq = s.distribute(List.of(other));
        answer(s, seq, other.id(), "");
        if (s.driver().mode() == VenDriver.Mode.PATIENCE) {
            throw new UnsupportedOperationException("venDriver patience cannot show the VEN's view of event "
                    + gone.id() + " (implied cancel is only visible there)");
        }
        viewCancelled(s, gone.id());
    }

    static void randomized(VenSteps s) throws Exception {
        s.ensureRegistered();
        Duration window = Duration.ofMinutes(10);
        VtnMessages.Event e = VtnMessages.Event.pending(id("a0470")).withStartAfter(window);
        int seq = s.distribute(List.of(e));
        answer(s, seq, e.id(), "");
        Optional<Map<String, Object>> v = s.driver().event(e.id());
        if (v.isEmpty()) {
            s.driver().confirm("Does the VEN start event " + e.id() + " between " + e.start() + " and "
                    + e.start().plus(window) + "?").ifPresentOrElse(ok -> s.check(ok, "oadr.randomization.30",
                            e.id(), "the operator says it does not"), () -> {
                        throw new UnsupportedOperationException("venDriver patience cannot show the VEN's effective"
                                + " start of event " + e.id());
                    });
            return;
        }
        Object eff = v.get().get("effectiveStart");
        s.check(eff != null, "oadr.randomization.30", e.id(), "the VEN does not track the event");
        if (eff != null) {
            Instant at = Instant.parse(eff.toString());
            s.check(!at.isBefore(e.start()) && !at.isAfter(e.start().plus(window)), "oadr.randomization.30", e.id(),
                    "effective start " + at + " outside [" + e.start() + ", " + e.start().plus(window) + "]");
            s.ctx().note("effective start " + at + " for dtstart " + e.start() + " startafter " + window);
        }
    }

    static void testEvent(VenSteps s) throws Exception {
        s.ensureRegistered();
        VtnMessages.Event e = VtnMessages.Event.pending(id("a0480")).withTestEvent("true");
        int seq = s.distribute(List.of(e));
        answer(s, seq, e.id(), "");
        Optional<Map<String, Object>> v = s.driver().event(e.id());
        if (v.isPresent()) {
            s.check(Boolean.TRUE.equals(v.get().get("testEvent")), "oadr.testEvent.6", e.id(),
                    "the VEN does not treat testEvent 'true' as a test event");
        } else {
            s.driver().confirm("Does the VEN treat event " + e.id() + " as a test event?").ifPresentOrElse(ok ->
                    s.check(ok, "oadr.testEvent.6", e.id(), "the operator says it does not"), () -> {
                        throw new UnsupportedOperationException("venDriver patience cannot show whether the VEN"
                                + " treats event " + e.id() + " as a test event");
                    });
        }
    }
}
