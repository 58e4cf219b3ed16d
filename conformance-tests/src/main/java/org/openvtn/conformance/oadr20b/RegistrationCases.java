package org.openvtn.conformance.oadr20b;

import static org.openvtn.conformance.oadr20b.Steps.check;
import static org.openvtn.conformance.oadr20b.Steps.code;
import static org.openvtn.conformance.oadr20b.Steps.is;
import static org.openvtn.conformance.oadr20b.Steps.ok;

import java.util.List;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.ConformanceCase;

/** EiRegisterParty cases, VTN under test in pull mode (official N1_00xx). */
final class RegistrationCases {

    private RegistrationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                OadrCase.must("N1_0010", "Query registration while not registered: answer carries no registrationID/venID",
                        "2.0b profile 8.4 (EiRegisterParty, oadrQueryRegistration)", RegistrationCases::queryUnregistered),
                OadrCase.must("N1_0015", "Query registration while registered: the VEN's registrationID, venID and poll frequency",
                        "2.0b profile 8.4; oadrRequestedOadrPollFreq", RegistrationCases::queryRegistered),
                OadrCase.must("N1_0020", "Registration bootstrap: register, METADATA register report (rule 301), request events (rule 405)",
                        "2.0b profile 8.4, 8.3; rules 301, 405", RegistrationCases::bootstrap),
                OadrCase.must("N1_0025", "The venID the VTN allocated is stable and accepted on later messages",
                        "2.0b profile 8.4 (venID assignment), rule 21", RegistrationCases::allocatedVenId),
                OadrCase.must("N1_0030", "VEN-initiated cancel: oadrCanceledPartyRegistration 200, afterwards unregistered",
                        "2.0b profile 8.4 (oadrCancelPartyRegistration)", RegistrationCases::venCancel),
                OadrCase.must("N1_0040", "VTN-initiated cancel delivered by poll; the VEN's acknowledgement is accepted",
                        "2.0b profile 8.4, 9 (pull delivery)", RegistrationCases::vtnCancel),
                OadrCase.must("N1_0050", "VTN requests re-registration by poll; the VEN re-registers and keeps its venID",
                        "2.0b profile 8.4 (oadrRequestReregistration)", RegistrationCases::reregistrationRequest),
                OadrCase.must("N1_0060", List.of("N1_0060", "N1_0065"),
                        "Re-registration of a registered VEN: venID kept, the new registrationID is the current one",
                        "2.0b profile 8.4; rule 406", RegistrationCases::reregister),
                OadrCase.must("N1_0070", "Cancel with an unknown registrationID is answered 452 and changes nothing",
                        "2.0b profile 8.4; rule 48 (452 invalid ID)", RegistrationCases::cancelInvalid),
                OadrCase.must("N1_0080", "Messages from an unregistered VEN are refused with 463 (or not answered)",
                        "2.0b profile 8.4; rule 48 (463)", RegistrationCases::unregistered));
    }

    static void queryUnregistered(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        OadrReply q = ven.query();
        if (q.text("registrationID") != null && !q.text("registrationID").isEmpty()) {
            ctx.note("the suite's VEN was still registered from an earlier run; cancelling that registration first");
            ven.ensureRegistered();
            ok(ctx, ven.cancelRegistration(), "oadrCancelPartyRegistration");
            q = ven.query();
        }
        is(ctx, q, "oadrCreatedPartyRegistration");
        ok(ctx, q, "oadrQueryRegistration");
        String reg = q.text("registrationID");
        String venId = q.text("venID");
        check(ctx, reg == null || reg.isEmpty(), "oadr.registration.query", q.path() + "/registrationID",
                "not registered, yet the answer carries registrationID '" + reg + "'");
        check(ctx, venId == null || venId.isEmpty(), "oadr.registration.query", q.path() + "/venID",
                "not registered, yet the answer carries venID '" + venId + "'");
    }

    static void queryRegistered(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        ven.ensureRegistered();
        String reg = ven.registrationId();
        String venId = ven.venId();
        OadrReply q = ven.query();
        is(ctx, q, "oadrCreatedPartyRegistration");
        ok(ctx, q, "oadrQueryRegistration");
        check(ctx, reg.equals(q.text("registrationID")), "oadr.registration.query", q.path() + "/registrationID",
                "expected the current registrationID '" + reg + "', got '" + q.text("registrationID") + "'");
        check(ctx, venId.equals(q.text("venID")), "oadr.registration.query", q.path() + "/venID",
                "expected venID '" + venId + "', got '" + q.text("venID") + "'");
    }

    static void bootstrap(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        OadrReply q = ven.query();
        if (q.text("registrationID") != null && !q.text("registrationID").isEmpty()) {
            ven.ensureRegistered();
            ven.cancelRegistration();
        }
        ven.forgetRegistration();
        OadrReply r = ven.register();
        is(ctx, r, "oadrCreatedPartyRegistration");
        ok(ctx, r, "oadrCreatePartyRegistration");
        check(ctx, ven.registrationId() != null, "oadr.registration.ids", r.path() + "/registrationID",
                "a successful registration must carry a registrationID");
        check(ctx, r.text("venID") != null && !r.text("venID").isEmpty(), "oadr.registration.ids", r.path() + "/venID",
                "a successful registration must carry the venID");
        ctx.note("venID " + r.text("venID") + " (certificate fingerprint " + ven.identity().fingerprint() + ")");
        OadrReply rr = ven.registerReports();
        is(ctx, rr, "oadrRegisteredReport");
        ok(ctx, rr, "oadrRegisterReport (METADATA)");
        OadrReply ev = ven.requestEvents();
        is(ctx, ev, "oadrDistributeEvent");
        ok(ctx, ev, "oadrRequestEvent");
        ven.drain();
    }

    static void allocatedVenId(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        ven.ensureRegistered();
        String venId = ven.venId();
        OadrReply q = ven.query();
        check(ctx, venId.equals(q.text("venID")), "oadr.venID.stable", q.path() + "/venID",
                "the allocated venID '" + venId + "' changed to '" + q.text("venID") + "'");
        OadrReply p = ven.poll();
        check(ctx, p.message() != null && p.status() == 200 && (p.code() == null || "200".equals(p.code())),
                "oadr.venID.accepted", p.path(), "a poll with the allocated venID was not accepted: " + p.describe());
        ven.drain();
    }

    static void venCancel(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        ven.ensureRegistered();
        String reg = ven.registrationId();
        OadrReply c = ven.cancelRegistration();
        is(ctx, c, "oadrCanceledPartyRegistration");
        ok(ctx, c, "oadrCancelPartyRegistration");
        check(ctx, reg.equals(c.text("registrationID")), "oadr.registrationID.echo", c.path() + "/registrationID",
                "expected registrationID '" + reg + "', got '" + c.text("registrationID") + "'");
        OadrReply q = ven.query();
        String after = q.text("registrationID");
        check(ctx, after == null || after.isEmpty(), "oadr.registration.cancelled", q.path() + "/registrationID",
                "after the cancellation the VTN still reports registrationID '" + after + "'");
        ven.ensureRegistered();
    }

    static void vtnCancel(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        String reg = ven.registrationId();
        OadrVtnDriver.of(ctx).cancelRegistration(ven.venId());
        OadrReply c = ven.pollFor("oadr.registration.vtnCancel", "oadrCancelPartyRegistration",
                r -> r.is("oadrCancelPartyRegistration"));
        check(ctx, reg.equals(c.text("registrationID")), "oadr.registrationID.echo", c.path() + "/registrationID",
                "the cancellation names registrationID '" + c.text("registrationID") + "', the VEN's is '" + reg + "'");
        OadrReply a = ven.send("EiRegisterParty", OadrMessages.canceledPartyRegistration(c.text("requestID"), reg,
                ven.venId()));
        check(ctx, a.message() != null && (a.code() == null || a.code().equals("200")), "oadr.registration.vtnCancel",
                a.path(), "the VEN's oadrCanceledPartyRegistration was not accepted: " + a.describe());
        ven.forgetRegistration();
        OadrReply q = ven.query();
        String after = q.text("registrationID");
        check(ctx, after == null || after.isEmpty(), "oadr.registration.cancelled", q.path() + "/registrationID",
                "after the VTN's cancellation the VTN still reports registrationID '" + after + "'");
        ven.ensureRegistered();
    }

    static void reregistrationRequest(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        String venId = ven.venId();
        OadrVtnDriver.of(ctx).requestReregistration(venId);
        ven.pollFor("oadr.registration.reregister", "oadrRequestReregistration", r -> r.is("oadrRequestReregistration"));
        OadrReply ack = ven.send("EiRegisterParty", OadrMessages.response(200, "", venId));
        check(ctx, ack.message() != null && (ack.code() == null || ack.code().equals("200")),
                "oadr.registration.reregister", ack.path(), "the VEN's oadrResponse was not accepted: " + ack.describe());
        OadrReply r = ven.register();
        ok(ctx, r, "oadrCreatePartyRegistration (re-registration)");
        check(ctx, venId.equals(r.text("venID")), "oadr.venID.stable", r.path() + "/venID",
                "re-registration changed venID '" + venId + "' to '" + r.text("venID") + "'");
        ven.drain();
    }

    static void reregister(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx).freshRegistration();
        String venId = ven.venId();
        OadrReply r = ven.register();
        ok(ctx, r, "oadrCreatePartyRegistration with the current registrationID");
        check(ctx, venId.equals(r.text("venID")), "oadr.venID.stable", r.path() + "/venID",
                "re-registration changed venID '" + venId + "' to '" + r.text("venID") + "'");
        OadrReply q = ven.query();
        check(ctx, ven.registrationId().equals(q.text("registrationID")), "oadr.registration.query",
                q.path() + "/registrationID", "after re-registration the VTN reports registrationID '"
                        + q.text("registrationID") + "', it issued '" + ven.registrationId() + "'");
        ven.drain();
    }

    static void cancelInvalid(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        ven.ensureRegistered();
        String reg = ven.registrationId();
        OadrReply c = ven.send("EiRegisterParty", OadrMessages.cancelPartyRegistration("no-such-registration-"
                + OadrMessages.newId(), ven.venId()));
        is(ctx, c, "oadrCanceledPartyRegistration");
        code(ctx, c, "452", "oadr.error.452", "cancel with an unknown registrationID");
        OadrReply q = ven.query();
        check(ctx, reg.equals(q.text("registrationID")), "oadr.registration.unchanged", q.path() + "/registrationID",
                "a refused cancellation changed the registration (now '" + q.text("registrationID") + "')");
    }

    static void unregistered(CaseContext ctx) {
        OadrVenHarness ven = OadrVenHarness.main(ctx);
        ven.ensureRegistered();
        String venId = ven.venId();
        ok(ctx, ven.cancelRegistration(), "oadrCancelPartyRegistration");
        for (OadrReply r : List.of(ven.poll(), ven.requestEvents())) {
            boolean refused = r.message() == null ? r.status() >= 400 || r.error().isPresent() : "463".equals(r.code());
            check(ctx, refused, "oadr.error.463", r.path() + "/eiResponse/responseCode",
                    "unregistered VEN " + venId + ": expected 463 or no answer, got " + r.describe());
        }
        ven.ensureRegistered();
    }
}
