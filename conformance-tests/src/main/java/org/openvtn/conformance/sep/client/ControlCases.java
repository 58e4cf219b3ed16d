package org.openvtn.conformance.sep.client;

import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * DER control rows of {@code sep-client}: modes, Responses, primacy, supersession, cancellation, defaults and
 * communication loss (IEEE 2030.5-2018 §10.10, §12.1.3 event rules; CSIP §5.2.3; CSIP-AUS control procedures).
 */
final class ControlCases {
    private ControlCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("BASIC-004", "BASIC-005", "BASIC-006", "BASIC-007", "BASIC-008", "BASIC-009",
                                "BASIC-010", "BASIC-011", "BASIC-012", "BASIC-013", "BASIC-014", "BASIC-015"),
                        "one active DERControl per mode (opModMaxLimW, opModFixedW, opModTargetW): Responses 1 and 2,"
                                + " the value applied", "IEEE 2030.5-2018 §10.10.3.4 DERControlBase; CSIP BASIC-004..015",
                        s -> {
                            for (String[] m : new String[][] {{"opModMaxLimW", "6500"}, {"opModFixedW", "2500"},
                                    {"opModTargetW", "3000"}}) {
                                mode(s, m[0], Long.parseLong(m[1]));
                            }
                        }),
                DeviceCase.of(List.of("ALL-11", "ALL-15", "ALL-26"), "active control opModEnergize false: applied and"
                        + " answered", "IEEE 2030.5-2018 §10.10.3.4 opModEnergize; CSIP-AUS ALL-11", s -> mode(s,
                        "opModEnergize", 0)),
                DeviceCase.of(List.of("ALL-12", "ALL-16", "ALL-27"), "active control opModConnect false (disconnect):"
                        + " applied and answered", "IEEE 2030.5-2018 §10.10.3.4 opModConnect; CSIP-AUS ALL-12",
                        s -> mode(s, "opModConnect", 0)),
                DeviceCase.of(List.of("CORE-022", "ALL-18"), "responseRequired 03: a scheduled event gets Response 1"
                        + " (received) and no 2 before it starts", "IEEE 2030.5-2018 §12.1.2 Table 27; CSIP CORE-022",
                        ControlCases::responses),
                DeviceCase.of(List.of("BASIC-016", "GEN-10"), "two programs, overlapping events of one mode: the"
                        + " program with the lower primacy value wins", "IEEE 2030.5-2018 §12.1.3.2 primacy; CSIP"
                        + " BASIC-016; CSIP-AUS GEN-10", s -> primacy(s, "opModMaxLimW", 8000, 3000)),
                DeviceCase.of(List.of("CORE-023", "BASIC-017"), "one program, overlapping events of one mode: the newer"
                        + " (creationTime) supersedes the older, which gets Response 7", "IEEE 2030.5-2018 §12.1.3.1"
                        + " supersession; CSIP CORE-023", ControlCases::supersession),
                DeviceCase.of(List.of("GEN-09"), "an active event cancelled by the server (EventStatus 2): Response 6,"
                        + " control released", "IEEE 2030.5-2018 §12.1.3 EventStatus; CSIP-AUS GEN-09",
                        s -> cancellation(s, "opModMaxLimW", 4400)),
                DeviceCase.of(List.of("ALL-23"), "DefaultDERControl applies without events; an active event keeps"
                        + " executing while the server is unreachable; held Responses follow", "IEEE 2030.5-2018"
                        + " §10.10.3.3 DefaultDERControl; CSIP-AUS ALL-23 (our reading)", ControlCases::commLoss));
    }

    static void mode(DeviceSteps s, String mode, long value) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pm" + DeviceSteps.id(), 1));
        Scenario.Control c = s.active(p[0], mode, value);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c, 1);
        s.awaitResponse(from, c, 2);
        s.expectEffective(mode, value, c.href(), "the active control " + c.id);
    }

    static void responses(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pq", 1));
        long now = h.now();
        Scenario.Control[] c = new Scenario.Control[1];
        h.edit(sc -> c[0] = p[0].control(DeviceSteps.id(), "opModMaxLimW", 7000, now + 3600, 600, now));
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c[0], 1);
        s.noResponse(from, c[0], 2, "the event starts in an hour");
        s.expectEffective("opModMaxLimW", null, c[0].href(), "an event that has not started");
    }

    /**
     * Two programs at primacy 2 and 1, each with an active control of {@code mode}, the primacy-2 one newer: the
     * primacy-1 one is applied (§12.1.3.2: primacy before creationTime).
     */
    static void primacy(DeviceSteps s, String mode, long lowPriorityValue, long highPriorityValue) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[2];
        h.edit(sc -> {
            p[0] = sc.program("pz" + DeviceSteps.id(), 2);
            p[1] = sc.program("py" + DeviceSteps.id(), 1);
        });
        long now = h.now();
        Scenario.Control[] c = new Scenario.Control[2];
        // the primacy-2 control is the newer one: a device that ranked by creationTime alone would apply it
        h.edit(sc -> {
            c[0] = p[1].control(DeviceSteps.id(), mode, highPriorityValue, now - 5, 3600, now - 60);
            c[1] = p[0].control(DeviceSteps.id(), mode, lowPriorityValue, now - 5, 3600, now - 5);
        });
        s.refresh(p[1].href() + "/ctl");
        s.expectEffective(mode, highPriorityValue, c[0].href(), "primacy 1 over primacy 2 (" + c[1].id + ", newer)");
    }

    static void supersession(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("ps", 1));
        long now = h.now();
        Scenario.Control[] c = new Scenario.Control[2];
        h.edit(sc -> {
            c[0] = p[0].control(DeviceSteps.id(), "opModMaxLimW", 5500, now - 10, 3600, now - 60);
            c[1] = p[0].control(DeviceSteps.id(), "opModMaxLimW", 2200, now - 5, 3600, now - 30);
        });
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c[1], 2);
        s.awaitResponse(from, c[0], 7);
        s.expectEffective("opModMaxLimW", 2200L, c[1].href(), "the newer of two overlapping events");
    }

    /** An active control of {@code mode} is applied, then cancelled (EventStatus 2): Response 6 and released. */
    static void cancellation(DeviceSteps s, String mode, long value) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pc" + DeviceSteps.id(), 1));
        Scenario.Control c = s.active(p[0], mode, value);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c, 2);
        s.expectEffective(mode, value, c.href(), "the active control before cancellation");
        h.edit(sc -> {
            c.status = 2;
            c.statusTime = h.now();
        });
        int after = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(after, c, 6);
        s.expectEffective(mode, null, c.href(), "a cancelled event");
    }

    static void commLoss(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            p[0] = sc.program("pd", 1);
            p[0].defaults = new Scenario.Mode("opModMaxLimW", 9000);
        });
        s.refresh(p[0].href() + "/ctl");
        s.expectEffective("opModMaxLimW", 9000L, "default:" + p[0].href(), "the DefaultDERControl without events");
        Scenario.Control c = s.active(p[0], "opModMaxLimW", 3300);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c, 2);
        h.edit(sc -> sc.unavailable = true);
        boolean walked = s.refresh(null);
        s.ctx().note("walk while the server answers 503: " + (walked ? "reported success" : "failed, as expected"));
        s.expectEffective("opModMaxLimW", 3300L, c.href(), "the active event while communication is lost");
        h.edit(sc -> sc.unavailable = false);
        s.refresh(p[0].href() + "/ctl");
        s.ctx().check(h.requests(from).stream().filter(r -> DeviceSteps.isResponse(r, c, 2)).count() <= 2,
                () -> RuleViolation.should("sep.client.response.once", Scenario.RSP, "Response 2 posted repeatedly"));
    }
}
