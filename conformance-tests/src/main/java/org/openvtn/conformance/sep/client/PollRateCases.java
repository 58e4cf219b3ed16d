package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * pollRate rows of {@code sep-client}: a polling device honours a changed pollRate of the FunctionSetAssignmentsList
 * (ALL-19) and of a DERProgramList (ALL-20), not only the DeviceCapability's (IEEE 2030.5-2018 §5.5.4 pollRate: the
 * server's hint how often to poll that resource; CSIP-AUS §5.2.6 communication interactions). The rest of the tree
 * says {@link NotificationCases#SLOW_POLL} s; the list's pollRate changes from that to 1 s; the device must then read
 * the list again twice within patience, which only a device that polls the list at (about) 1 s does.
 */
final class PollRateCases {
    /** Rule: a polling device re-reads a resource at the pollRate the server gives for it (§5.5.4). */
    static final String POLL_RATE = "sep.client.pollRate";

    private PollRateCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("ALL-19"), "FunctionSetAssignmentsList pollRate changed from "
                                + NotificationCases.SLOW_POLL + " s to 1 s (everything else " + NotificationCases.SLOW_POLL
                                + " s): the polling device reads the FSA list again at the new rate",
                        "IEEE 2030.5-2018 §5.5.4 pollRate, §6.4; CSIP-AUS ALL-19",
                        s -> changed(s, true)),
                DeviceCase.of(List.of("ALL-20"), "DERProgramList pollRate changed from " + NotificationCases.SLOW_POLL
                                + " s to 1 s (everything else " + NotificationCases.SLOW_POLL + " s): the polling device"
                                + " reads the DERProgramList again at the new rate",
                        "IEEE 2030.5-2018 §5.5.4 pollRate, §10.10.3.2; CSIP-AUS ALL-20",
                        s -> changed(s, false)));
    }

    static void changed(DeviceSteps s, boolean fsa) throws Exception {
        if (s.driver().mode() == DeviceDriver.Mode.PATIENCE) {
            throw new UnsupportedOperationException("deviceDriver patience cannot make the device read a changed"
                    + " pollRate now; use deviceDriver automation or console");
        }
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        Scenario.Fsa[] f = new Scenario.Fsa[1];
        Consumer<Long> rate = r -> h.edit(sc -> {
            if (fsa) {
                sc.fsaPollRate = r;
            } else {
                sc.programListPollRate = r;
            }
        });
        h.edit(sc -> {
            sc.pollRate = NotificationCases.SLOW_POLL;
            p[0] = sc.program("pp" + DeviceSteps.id(), 1);
            f[0] = new Scenario.Fsa("g" + DeviceSteps.id(), List.of(p[0]));
            sc.fsas = List.of(f[0]);
        });
        String list = fsa ? Scenario.FSA_LIST : f[0].programList();
        try {
            rate.accept(NotificationCases.SLOW_POLL);
            s.refresh(p[0].href() + "/ctl");
            rate.accept(1L);
            s.refresh(p[0].href() + "/ctl"); // the device reads the changed list (and its pollRate) once
            int from = h.count();
            Optional<SepDeviceHarness.Req> first = h.await(from, r -> r.method().equals("GET") && r.path().equals(list),
                    s.patience());
            Optional<SepDeviceHarness.Req> second = first.isEmpty() ? Optional.empty() : h.await(first.get().seq() + 1,
                    r -> r.method().equals("GET") && r.path().equals(list), s.patience());
            s.ctx().check(second.isPresent(), () -> RuleViolation.must(POLL_RATE, list, list + " (pollRate 1 s) was"
                    + " read " + (first.isPresent() ? "once" : "never") + " in the " + s.patience().toSeconds() + " s"
                    + (first.isPresent() ? " after that read" : "") + " following the walk that saw the new pollRate;"
                    + " the device still polls at " + NotificationCases.SLOW_POLL + " s?"));
        } finally {
            // the next row's walk brings the run's pollRate back; until then the device polls the short rate
            h.edit(sc -> sc.pollRate = h.defaultPollRate());
        }
    }
}
