package org.openvtn.conformance.oadr20b.ven;

import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.w3c.dom.Element;

/** N1_ rows: registration with the harness as VTN (query, create, METADATA, cancel either way, re-registration). */
final class VenRegistrationCases {

    private VenRegistrationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                VenCase.of("N1_0010", "VEN queries its registration, then creates it (profile 2.0b, simpleHttp, pull)",
                        "N1_0010: oadrQueryRegistration before oadrCreatePartyRegistration; the create names profile"
                                + " 2.0b, transport simpleHttp, oadrHttpPullModel true, no registrationID when the VTN"
                                + " reported none", VenRegistrationCases::bootstrap),
                VenCase.of("N1_0020", "VEN registers its reports (METADATA) right after registering, even with none",
                        "rule 301: an oadrRegisterReport follows the registration; every oadrReport in it is a"
                                + " METADATA report", VenRegistrationCases::metadata),
                VenCase.of("N1_0025", "VEN uses the venID the VTN allocated in every later payload",
                        "N1_0025 / rule 21: venID of every payload after oadrCreatedPartyRegistration equals the"
                                + " allocated one", VenRegistrationCases::allocatedVenId),
                VenCase.of("N1_0015", "VEN querying while registered keeps its registration",
                        "N1_0015: after a query answered with IDs the VEN does not register afresh (a create, if"
                                + " any, carries the registrationID the VTN reported)", VenRegistrationCases::query),
                VenCase.of("N1_0060", "VEN re-registers with its current registrationID",
                        "N1_0060: a re-registration of a registered VEN carries the registrationID and venID",
                        VenRegistrationCases::reregister),
                VenCase.of("N1_0030", "VEN cancels its registration, then registers afresh",
                        "N1_0030: oadrCancelPartyRegistration names the current registrationID and venID; the next"
                                + " registration starts without a registrationID", VenRegistrationCases::venCancel),
                VenCase.of("N1_0040", "VTN cancels the registration: VEN acknowledges",
                        "N1_0040: oadrCanceledPartyRegistration 200 echoing registrationID and requestID",
                        VenRegistrationCases::vtnCancel),
                VenCase.of("N1_0050", "VTN requests re-registration: VEN registers again",
                        "N1_0050: after oadrRequestReregistration the VEN sends oadrCreatePartyRegistration",
                        VenRegistrationCases::requestReregistration));
    }

    /** The VEN's first registration of the run (from the first payload on). */
    static void bootstrap(VenSteps s) throws Exception {
        s.ensureRegistered();
        List<VtnHarness.Msg> all = s.harness().received();
        VtnHarness.Msg create = all.stream().filter(m -> m.name().equals("oadrCreatePartyRegistration")).findFirst()
                .orElseThrow();
        boolean queried = all.stream().anyMatch(m -> m.seq() < create.seq() && m.name().equals("oadrQueryRegistration"));
        s.check(queried, "oadr.registration.queryFirst", "oadrQueryRegistration",
                "the VEN created its registration without querying it first");
        checkCreate(s, create, null);
    }

    static void checkCreate(VenSteps s, VtnHarness.Msg create, String registrationId) {
        Element m = create.message();
        s.check("2.0b".equals(Dom.text(m, "oadrProfileName")), "oadr.registration.profile", "oadrProfileName",
                "expected 2.0b, was " + Dom.text(m, "oadrProfileName"));
        s.check("simpleHttp".equals(Dom.text(m, "oadrTransportName")), "oadr.registration.transport",
                "oadrTransportName", "expected simpleHttp, was " + Dom.text(m, "oadrTransportName"));
        if (s.push()) {
            s.check("false".equals(Dom.text(m, "oadrHttpPullModel")), "oadr.registration.push", "oadrHttpPullModel",
                    "a push VEN registers with oadrHttpPullModel false, was " + Dom.text(m, "oadrHttpPullModel"));
            s.check(Dom.text(m, "oadrTransportAddress") != null, "oadr.registration.push", "oadrTransportAddress",
                    "a push VEN registers its oadrTransportAddress");
        } else {
            s.check("true".equals(Dom.text(m, "oadrHttpPullModel")), "oadr.registration.pull", "oadrHttpPullModel",
                    "a pull VEN registers with oadrHttpPullModel true, was " + Dom.text(m, "oadrHttpPullModel"));
        }
        String reg = Dom.text(m, "registrationID");
        if (registrationId == null) {
            s.check(reg == null, "oadr.registration.fresh", "registrationID",
                    "a VEN the VTN does not know registers without registrationID, sent " + reg);
        } else {
            s.check(registrationId.equals(reg), "oadr.registration.reregister", "registrationID",
                    "expected the current registrationID " + registrationId + ", was " + reg);
        }
    }

    static void metadata(VenSteps s) throws Exception {
        s.ensureRegistered();
        List<VtnHarness.Msg> all = s.harness().received();
        VtnHarness.Msg create = lastBefore(all, "oadrCreatePartyRegistration", all.size());
        VtnHarness.Msg rr = s.expect(create.seq(), "oadrRegisterReport", false, "oadr.metadata.301",
                "after the registration");
        for (Element r : Dom.all(rr.message(), "oadrReport")) {
            String name = Dom.text(r, "reportName");
            s.check(name != null && name.startsWith("METADATA_"), "oadr.metadata.301", Dom.path(r),
                    "oadrRegisterReport carries METADATA reports only, found reportName " + name);
        }
        s.ctx().note(Dom.all(rr.message(), "oadrReport").size() + " METADATA report(s) registered");
    }

    static void allocatedVenId(VenSteps s) throws Exception {
        s.ensureRegistered();
        int from = s.harness().count();
        if (!s.push()) {
            s.poll();
            s.expect(from, "oadrPoll", true, "oadr.poll.500", "after registering");
        }
        List<VtnHarness.Msg> all = s.harness().received();
        VtnHarness.Msg create = lastBefore(all, "oadrCreatePartyRegistration", all.size());
        int n = 0;
        for (VtnHarness.Msg m : all.subList(create.seq() + 1, all.size())) {
            String v = m.message() == null ? null : Dom.text(m.message(), "venID");
            if (v != null) {
                n++;
                s.check(v.equals(s.vtn().venId()), VtnHarness.VEN_ID_RULE, m.name(), "venID " + v + ", allocated "
                        + s.vtn().venId());
            }
        }
        s.ctx().note(n + " payload(s) since the registration carried the venID");
    }

    static void query(VenSteps s) throws Exception {
        s.ensureRegistered();
        String reg = s.vtn().registrationId();
        int from = s.harness().count();
        s.driver().reregister(false, s.harness().url());
        VtnHarness.Msg q = s.expect(from, "oadrQueryRegistration", false, "oadr.registration.query", "");
        int after = q.seq();
        s.poll();
        VtnHarness.Msg next = s.push() ? s.expect(after + 1, "oadrRegisterReport", false, "oadr.metadata.301",
                "after the query") : s.expect(after + 1, "oadrPoll", true, "oadr.poll.500", "after the query");
        for (VtnHarness.Msg m : s.harness().received().subList(after + 1, next.seq())) {
            if (m.name().equals("oadrCreatePartyRegistration")) {
                checkCreate(s, m, reg);
            }
        }
    }

    static void reregister(VenSteps s) throws Exception {
        s.ensureRegistered();
        String reg = s.vtn().registrationId();
        int from = s.harness().count();
        s.driver().reregister(true, s.harness().url());
        VtnHarness.Msg c = s.expect(from, "oadrCreatePartyRegistration", false, "oadr.registration.reregister", "");
        checkCreate(s, c, reg);
        s.check(s.vtn().venId().equals(Dom.text(c.message(), "venID")), VtnHarness.VEN_ID_RULE, "venID",
                "re-registration names venID " + Dom.text(c.message(), "venID"));
        s.expect(c.seq(), "oadrRegisterReport", false, "oadr.metadata.301", "after re-registering");
    }

    static void venCancel(VenSteps s) throws Exception {
        s.ensureRegistered();
        String reg = s.vtn().registrationId();
        int from = s.harness().count();
        s.driver().cancelRegistration();
        VtnHarness.Msg c = s.expect(from, "oadrCancelPartyRegistration", false, "oadr.registration.cancel", "");
        s.check(reg.equals(Dom.text(c.message(), "registrationID")), "oadr.registration.cancel", "registrationID",
                "expected " + reg + ", was " + Dom.text(c.message(), "registrationID"));
        int again = s.harness().count();
        s.ensureRegistered();
        VtnHarness.Msg create = s.expect(again, "oadrCreatePartyRegistration", false, "ven.registers", "");
        checkCreate(s, create, null);
    }

    static void vtnCancel(VenSteps s) throws Exception {
        s.ensureRegistered();
        String reg = s.vtn().registrationId();
        String payload = VtnMessages.cancelPartyRegistration(reg, s.vtn().venId());
        String requestId = Dom.text(Dom.message(payload.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                "requestID");
        int seq = s.deliver(payload);
        VtnHarness.Msg ack = s.expect(seq, "oadrCanceledPartyRegistration", false, "oadr.registration.vtnCancel",
                "acknowledging the VTN's cancellation");
        s.check("200".equals(Dom.text(ack.message(), "responseCode")), "oadr.registration.vtnCancel", "responseCode",
                "expected 200, was " + Dom.text(ack.message(), "responseCode"));
        s.check(reg.equals(Dom.text(ack.message(), "registrationID")), "oadr.registration.vtnCancel",
                "registrationID", "expected " + reg + ", was " + Dom.text(ack.message(), "registrationID"));
        s.check(requestId.equals(Dom.text(ack.message(), "requestID")), "oadr.requestID.echo", "requestID",
                "expected " + requestId + ", was " + Dom.text(ack.message(), "requestID"));
        s.vtn().unregister();
        s.ensureRegistered();
    }

    static void requestReregistration(VenSteps s) throws Exception {
        s.ensureRegistered();
        int seq = s.deliver(VtnMessages.requestReregistration(s.vtn().venId()));
        VtnHarness.Msg c = s.expect(seq, "oadrCreatePartyRegistration", false, "oadr.registration.reregistration",
                "after oadrRequestReregistration");
        s.expect(c.seq(), "oadrRegisterReport", false, "oadr.metadata.301", "after re-registering");
    }

    static VtnHarness.Msg lastBefore(List<VtnHarness.Msg> all, String name, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (all.get(i).name().equals(name)) {
                return all.get(i);
            }
        }
        throw new IllegalStateException("no " + name + " received yet");
    }
}
