package org.openvtn.conformance.sep.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * Rows across a device restart (the driver's restart: automation {@code POST /restart}, or the operator): the
 * control in force survives it, restored from the device's own state while the server cannot be reached, and the
 * device subscribes again (IEEE 2030.5-2018 §5.6.1 Subscription, §10.10; CSIP ERR-002; CSIP-AUS ALL-30).
 */
final class RestartCases {
    /** Rule: the control in force survives a restart of the device (CSIP-AUS ALL-30). */
    static final String PERSIST = "sep.client.restart.persist";
    /** Rule: after a restart the device subscribes again (§5.6.1; CSIP ERR-002). */
    static final String RESUBSCRIBE = "sep.client.restart.subscribe";
    private static final String MODE = "opModMaxLimW";

    private RestartCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                DeviceCase.of(List.of("ALL-30"), "the active control survives a device restart: restored from the"
                        + " device's state while the server answers 503, no second Response 2", "IEEE 2030.5-2018"
                        + " §10.10, §12.1.2 Table 27 (each Response once); CSIP-AUS ALL-30 (our reading)",
                        RestartCases::persists),
                DeviceCase.of(List.of("ERR-002"), "after a device restart the device subscribes again and a"
                        + " Notification to its new Subscription is answered and acted on", "IEEE 2030.5-2018 §5.6.1,"
                        + " §5.6.2; CSIP ERR-002 (our reading: subscriptions after a restart)",
                        RestartCases::resubscribes));
    }

    private static void observable(DeviceSteps s) {
        if (s.driver().mode() == DeviceDriver.Mode.PATIENCE) {
            s.driver().effective();
        }
    }

    static void persists(DeviceSteps s) throws Exception {
        observable(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pp" + DeviceSteps.id(), 1));
        Scenario.Control c = s.active(p[0], MODE, 5100);
        String ctl = p[0].href() + "/ctl";
        int from = h.count();
        s.refresh(ctl);
        s.awaitResponse(from, c, 2);
        s.expectEffective(MODE, 5100L, c.href(), "the active control before the restart");
        h.edit(sc -> sc.unavailable = true);
        try {
            s.driver().restart();
            boolean back = awaitEffective(s, c.href(), s.patience());
            s.ctx().check(back, () -> RuleViolation.must(PERSIST, MODE, "within " + s.patience().toSeconds() + " s of"
                    + " the restart, with the server answering 503, the device does not apply " + c.href()));
            s.expectEffective(MODE, 5100L, c.href(), "the active control after the restart, server unreachable");
        } finally {
            h.edit(sc -> sc.unavailable = false);
        }
        int after = h.count();
        s.refresh(ctl);
        s.expectEffective(MODE, 5100L, c.href(), "the active control once the server answers again");
        boolean again = h.requests(after).stream().anyMatch(r -> DeviceSteps.isResponse(r, c, 2));
        s.ctx().check(!again, () -> RuleViolation.should(PERSIST, Scenario.RSP, "Response 2 for " + c.mrid
                + " posted again after the restart (Table 27: once per event)"));
    }

    static void resubscribes(DeviceSteps s) throws Exception {
        observable(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.subscriptions = true;
            p[0] = sc.program("pe" + DeviceSteps.id(), 1);
        });
        String ctl = p[0].href() + "/ctl";
        try {
            int from = h.count();
            s.refresh(ctl);
            if (subscription(s, from, ctl).isEmpty()) {
                throw s.ctx().skip("the device did not subscribe to " + ctl + " before the restart (CORE-018 checks"
                        + " that); nothing to re-establish");
            }
            int restart = h.count();
            s.driver().restart();
            Optional<SepDeviceHarness.Req> sub = subscription(s, restart, ctl);
            s.ctx().check(sub.isPresent(), () -> RuleViolation.must(RESUBSCRIBE, Scenario.SUBS, "no Subscription to "
                    + ctl + " within " + s.patience().toSeconds() + " s of the restart; requests: " + s.fetched(restart)));
            if (sub.isEmpty()) {
                return;
            }
            s.ctx().note("subscribed again with notificationURI " + sub.get().text("notificationURI").orElse("?"));
            Scenario.Control c = s.active(p[0], MODE, 5200);
            int sent = h.count();
            List<Integer> answers = h.notifyChanged(ctl);
            s.ctx().note("Notification for " + ctl + " answered " + answers + " (one per Subscription held)");
            s.ctx().check(answers.stream().anyMatch(a -> a >= 200 && a < 300), () -> RuleViolation.must(RESUBSCRIBE,
                    ctl, "no notificationURI of the device accepted the Notification after the restart: " + answers));
            s.awaitResponse(sent, c, 2);
            s.expectEffective(MODE, 5200L, c.href(), "the control announced by Notification after the restart");
        } finally {
            h.edit(sc -> sc.subscriptions = false);
        }
    }

    private static Optional<SepDeviceHarness.Req> subscription(DeviceSteps s, int from, String ctl)
            throws InterruptedException {
        return s.harness().await(from, r -> r.method().equals("POST") && r.path().equals(Scenario.SUBS)
                && r.text("subscribedResource").map(ctl::equals).orElse(false), s.patience());
    }

    /** Asks the device's effective control until {@code source} provides {@link #MODE} or {@code timeout} passes. */
    private static boolean awaitEffective(DeviceSteps s, String source, Duration timeout) throws InterruptedException {
        if (s.driver().mode() == DeviceDriver.Mode.CONSOLE) {
            return true; // the operator restarted it and pressed Enter when it ran: expectEffective asks them
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Object> m = s.driver().effective().get(MODE);
            if (m != null && source.equals(m.get("source"))) {
                return true;
            }
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(100);
        }
    }
}
