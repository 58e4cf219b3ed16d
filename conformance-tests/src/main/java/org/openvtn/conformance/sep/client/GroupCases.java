package org.openvtn.conformance.sep.client;

import java.util.ArrayList;
import java.util.List;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Group-management rows of {@code sep-client}: several FunctionSetAssignments, FSAs re-assigned and DERPrograms
 * added or withdrawn while the device runs, one DERProgram shared by several FSAs (IEEE 2030.5-2018 §6.4
 * FunctionSetAssignments, §10.10.3.2 DERProgram; CSIP §5.2.2 group management; CSIP-AUS §5.2.4). The device must
 * follow the links it is given now: apply the controls of every program some FSA links, and none of a program no FSA
 * links any longer.
 */
final class GroupCases {
    /** Rule: a DERControl is answered once per status, however many FSAs lead to its program (§12.1.2). */
    static final String ONCE = "sep.client.response.once";

    private GroupCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("CORE-011", "BASIC-002"), "two FunctionSetAssignments, each with its own"
                                + " DERProgramList and program: the device follows both (opModMaxLimW from one, opModTargetW"
                                + " from the other)", "IEEE 2030.5-2018 §6.4 FunctionSetAssignments; CSIP §5.2.2; CSIP"
                                + " CORE-011, BASIC-002", GroupCases::severalFsas),
                DeviceCase.of(List.of("CORE-010", "BASIC-003", "P-02"), "FunctionSetAssignments re-assigned while"
                                + " running: the EndDevice's FSA is replaced by another with another program; the device"
                                + " applies the new program's control and drops the old one's",
                        "IEEE 2030.5-2018 §6.4; CSIP §5.2.2 group changes; CSIP CORE-010, BASIC-003; CSIP-AUS P-02",
                        GroupCases::reassigned),
                DeviceCase.of(List.of("P-01"), "one DERProgram linked from two FunctionSetAssignments (EndDevices"
                                + " sharing DERControls): its active control applied, Responses 1 and 2 posted once each",
                        "IEEE 2030.5-2018 §6.4, §12.1.2 Response; CSIP-AUS P-01 (our reading: the device is one of the"
                                + " EndDevices that share the program)", GroupCases::shared),
                DeviceCase.of(List.of("CORE-012"), "DERProgram discovery: three programs in one DERProgramList (one per"
                                + " page), each with an active control of its own mode; all three applied",
                        "IEEE 2030.5-2018 §10.10.3.2 DERProgramList, §5.5.3 list paging; CSIP CORE-012",
                        GroupCases::discovery),
                DeviceCase.of(List.of("CORE-013"), "DERProgram changes while running: a program withdrawn from the"
                                + " list (its control released) and another added (its control applied)",
                        "IEEE 2030.5-2018 §10.10.3.2; CSIP CORE-013", GroupCases::programChanges));
    }

    /** Rows of this file observe the effective control only: a patient driver cannot, so they skip at once. */
    static void needsObservation(DeviceSteps s) {
        if (s.driver().mode() == DeviceDriver.Mode.PATIENCE) {
            throw new UnsupportedOperationException("deviceDriver patience cannot read the device's effective control;"
                    + " use deviceDriver automation or console");
        }
    }

    static void severalFsas(DeviceSteps s) throws Exception {
        needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[2];
        h.edit(sc -> {
            p[0] = sc.program("pf" + DeviceSteps.id(), 1);
            p[1] = sc.program("pg" + DeviceSteps.id(), 1);
            sc.fsas = List.of(new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[0])),
                    new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[1])));
        });
        Scenario.Control a = s.active(p[0], "opModMaxLimW", 7300);
        Scenario.Control b = s.active(p[1], "opModTargetW", 2100);
        int from = h.count();
        s.refresh(p[1].href() + "/ctl");
        s.awaitResponse(from, a, 2);
        s.awaitResponse(from, b, 2);
        s.expectEffective("opModMaxLimW", 7300L, a.href(), "the control of the first FSA's program");
        s.expectEffective("opModTargetW", 2100L, b.href(), "the control of the second FSA's program");
    }

    static void reassigned(DeviceSteps s) throws Exception {
        needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[2];
        Scenario.Fsa[] f = new Scenario.Fsa[2];
        h.edit(sc -> {
            // the old program outranks the new one: a device that kept the old FSA would keep applying its control
            p[0] = sc.program("pr" + DeviceSteps.id(), 1);
            p[1] = sc.program("pt" + DeviceSteps.id(), 2);
            f[0] = new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[0]));
            f[1] = new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[1]));
            sc.fsas = List.of(f[0]);
        });
        Scenario.Control old = s.active(p[0], "opModMaxLimW", 6100);
        Scenario.Control neu = s.active(p[1], "opModMaxLimW", 4100);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, old, 2);
        s.expectEffective("opModMaxLimW", 6100L, old.href(), "the control of the first FSA's program");
        h.edit(sc -> sc.fsas = List.of(f[1]));
        int after = h.count();
        s.refresh(p[1].href() + "/ctl");
        s.awaitResponse(after, neu, 2);
        s.expectEffective("opModMaxLimW", 4100L, neu.href(), "the control of the program of the FSA assigned now");
    }

    static void shared(DeviceSteps s) throws Exception {
        needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            p[0] = sc.program("ph" + DeviceSteps.id(), 1);
            sc.fsas = List.of(new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[0])),
                    new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[0])));
        });
        Scenario.Control c = s.active(p[0], "opModMaxLimW", 5900);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c, 1);
        s.awaitResponse(from, c, 2);
        s.expectEffective("opModMaxLimW", 5900L, c.href(), "the control of the program both FSAs link");
        s.refresh(p[0].href() + "/ctl"); // a second walk through both FSAs: still nothing to answer again
        for (int status : new int[] {1, 2}) {
            long n = h.requests(from).stream().filter(r -> DeviceSteps.isResponse(r, c, status)).count();
            s.ctx().check(n == 1, () -> RuleViolation.must(ONCE, Scenario.RSP, "Response status " + status + " for "
                    + c.mrid + " posted " + n + " times over two walks reaching its program through two FSAs"));
        }
    }

    static void discovery(DeviceSteps s) throws Exception {
        needsObservation(s);
        SepDeviceHarness h = s.harness();
        String[][] modes = {{"opModMaxLimW", "6600"}, {"opModFixedW", "3300"}, {"opModTargetW", "1800"}};
        List<Scenario.Program> ps = new ArrayList<>();
        h.edit(sc -> {
            for (int i = 0; i < modes.length; i++) {
                ps.add(sc.program("pv" + DeviceSteps.id(), i + 1));
            }
        });
        List<Scenario.Control> cs = new ArrayList<>();
        for (int i = 0; i < modes.length; i++) {
            cs.add(s.active(ps.get(i), modes[i][0], Long.parseLong(modes[i][1])));
        }
        int from = h.count();
        s.refresh(ps.get(2).href() + "/ctl");
        for (int i = 0; i < modes.length; i++) {
            s.awaitResponse(from, cs.get(i), 2);
            s.expectEffective(modes[i][0], Long.parseLong(modes[i][1]), cs.get(i).href(), "the control of program "
                    + (i + 1) + " of 3 in the DERProgramList");
        }
    }

    static void programChanges(DeviceSteps s) throws Exception {
        needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pw" + DeviceSteps.id(), 1));
        Scenario.Control gone = s.active(p[0], "opModMaxLimW", 5100);
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, gone, 2);
        s.expectEffective("opModMaxLimW", 5100L, gone.href(), "the control of the program before it is withdrawn");
        Scenario.Program[] q = new Scenario.Program[1];
        h.edit(sc -> {
            sc.programs.remove(p[0]);
            q[0] = sc.program("px" + DeviceSteps.id(), 2);
        });
        Scenario.Control added = s.active(q[0], "opModTargetW", 2700);
        int after = h.count();
        s.refresh(q[0].href() + "/ctl");
        s.awaitResponse(after, added, 2);
        s.expectEffective("opModTargetW", 2700L, added.href(), "the control of the program added while running");
        s.expectEffective("opModMaxLimW", null, gone.href(), "the control of a withdrawn program");
    }
}
