package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/**
 * CSIP-AUS limit rows of {@code sep-client} beyond GEN-01..04 / LOA-01..04: the same active and default limits
 * delivered by subscription/notification (GEN-05..08, LOA-05..08, STO-06), storage targets with an export limit
 * (STO-03, STO-06) and ActivePower values with multipliers other than 0 (ALL-24).
 *
 * <p>Our reading of the repeated titles (docs/sep-client-coverage.md): the CSIP-AUS client test procedures list the
 * control tests once under "polled" (GEN-01..04, LOA-01..04, STO-01..03) and again under "subscription/notification"
 * (GEN-05..08, LOA-05..08, STO-04..06), as the SA Power Networks dynamic-exports procedure they derive from does. So
 * each of these rows subscribes the device, makes its poll far slower than the row's patience (as CORE-019) and
 * changes the resource only by Notification: the device must re-read it and apply the limit before its next poll.
 */
final class LimitCases {
    private LimitCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(
                notifiedActive("GEN-05", "export limit", "opModExpLimW", 3400),
                notifiedActive("GEN-06", "generation limit", "opModGenLimW", 3900),
                notifiedDefault("GEN-07", "export limit", "opModExpLimW", 1200),
                notifiedDefault("GEN-08", "generation limit", "opModGenLimW", 2200),
                notifiedActive("LOA-05", "import limit", "opModImpLimW", 5600),
                notifiedActive("LOA-06", "load limit", "opModLoadLimW", 3100),
                notifiedDefault("LOA-07", "import limit", "opModImpLimW", 6800),
                notifiedDefault("LOA-08", "load limit", "opModLoadLimW", 2600),
                DeviceCase.of(List.of("STO-03"), "active DERControl with the CSIP-AUS storage target and an export"
                                + " limit in one DERControlBase (opModStorageTargetW = -2500 W, opModExpLimW = 1500 W): both"
                                + " applied from that event", "CSIP-AUS 1.3 opModStorageTargetW, opModExpLimW; IEEE"
                                + " 2030.5-2018 §10.10.3.4; CSIP-AUS STO-03", s -> storage(s, false)),
                DeviceCase.of(List.of("STO-06"), "as STO-03, the event announced by Notification (subscription,"
                                + " pollRate " + NotificationCases.SLOW_POLL + " s)", "CSIP-AUS 1.3 opModStorageTargetW,"
                                + " opModExpLimW; IEEE 2030.5-2018 §5.6.2; CSIP-AUS STO-06", s -> storage(s, true)),
                DeviceCase.of(List.of("ALL-24"), "scaling factors: opModTargetW = 4 x 10^3 W and the CSIP-AUS"
                                + " opModExpLimW = 45 x 10^2 W applied as 4000 W and 4500 W", "IEEE 2030.5-2018 §10.10.3.4"
                                + " ActivePower (value x 10^multiplier); CSIP-AUS ALL-24", LimitCases::scaled));
    }

    private static ConformanceCase notifiedActive(String id, String what, String mode, long watts) {
        return DeviceCase.of(List.of(id), "active DERControl with the CSIP-AUS " + what + " (" + mode + " = " + watts
                        + " W) announced by Notification (subscription, pollRate " + NotificationCases.SLOW_POLL
                        + " s): Response 2, the limit applied before the next poll",
                "CSIP-AUS 1.3 " + mode + "; IEEE 2030.5-2018 §5.6.2 Notification, §10.10.3.4; CSIP-AUS " + id
                        + " (our reading: the subscription/notification form of the polled row)",
                s -> notified(s, mode, watts, false, null));
    }

    private static ConformanceCase notifiedDefault(String id, String what, String mode, long watts) {
        return DeviceCase.of(List.of(id), "DefaultDERControl with the CSIP-AUS " + what + " changed to " + mode + " = "
                        + watts + " W and announced by Notification (subscription, pollRate "
                        + NotificationCases.SLOW_POLL + " s): the new default applied before the next poll",
                "CSIP-AUS 1.3 " + mode + "; IEEE 2030.5-2018 §5.6.2 Notification, §10.10.3.3; CSIP-AUS " + id
                        + " (our reading: the subscription/notification form of the polled row)",
                s -> notified(s, mode, watts, true, null));
    }

    /**
     * Subscribes the device to a program's DERControlList (or DefaultDERControl when {@code dflt}), slows its poll,
     * then adds an active control of {@code mode} (or changes the default to it) and sends only a Notification.
     */
    static void notified(DeviceSteps s, String mode, long watts, boolean dflt, Scenario.Mode also) throws Exception {
        GroupCases.needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.subscriptions = true;
            p[0] = sc.program("pn" + DeviceSteps.id(), 1);
            if (dflt) {
                p[0].defaults = new Scenario.Mode(mode, watts + 1000);
            }
        });
        String ctl = p[0].href() + "/ctl";
        String resource = dflt ? p[0].href() + "/dflt" : ctl;
        try {
            int from = h.count();
            s.refresh(ctl);
            Optional<SepDeviceHarness.Req> sub = h.await(from, r -> r.method().equals("POST")
                    && r.path().equals(Scenario.SUBS) && r.text("subscribedResource").map(resource::equals).orElse(false),
                    s.patience());
            boolean held = sub.isPresent() || h.subscriptions().stream().anyMatch(x -> x.resource().equals(resource));
            s.ctx().check(held, () -> RuleViolation.must(NotificationCases.SUBSCRIBE, Scenario.SUBS, "no Subscription"
                    + " to the subscribable " + resource + " within " + s.patience().toSeconds() + " s; requests: "
                    + s.fetched(from)));
            if (!held) {
                return;
            }
            h.edit(sc -> sc.pollRate = NotificationCases.SLOW_POLL);
            int slow = h.count();
            s.refresh(ctl);
            Optional<SepDeviceHarness.Req> walk = h.await(slow, r -> r.method().equals("GET")
                    && r.path().equals(h.dcapPath()), s.patience());
            if (walk.isEmpty()) {
                throw new UnsupportedOperationException("the device did not walk after pollRate became "
                        + NotificationCases.SLOW_POLL + " s, so a pickup could not be told from a poll");
            }
            Scenario.Control[] c = new Scenario.Control[1];
            if (dflt) {
                h.edit(sc -> p[0].defaults = new Scenario.Mode(mode, watts));
            } else {
                c[0] = s.active(p[0], mode, watts);
                if (also != null) {
                    h.edit(sc -> c[0].also.add(also));
                }
            }
            int sent = h.count();
            List<Integer> answers = h.notifyChanged(resource);
            s.ctx().note("Notification for " + resource + " answered " + answers);
            s.ctx().check(!answers.isEmpty() && answers.stream().allMatch(a -> a >= 200 && a < 300),
                    () -> RuleViolation.must(NotificationCases.ACCEPTED, resource, "the device's notificationURI"
                            + " answered " + answers));
            Optional<SepDeviceHarness.Req> read = h.await(sent, r -> r.method().equals("GET")
                    && r.path().equals(resource), s.ctx().patience());
            s.ctx().check(read.isPresent(), () -> RuleViolation.must(NotificationCases.PICKUP, resource, resource
                    + " was not read again within " + s.ctx().patience().toSeconds() + " s of the Notification (the"
                    + " next poll is due " + NotificationCases.SLOW_POLL + " s after the walk at " + walk.get().at() + ")"));
            if (read.isEmpty()) {
                return;
            }
            if (dflt) {
                // no Response marks the moment a default is taken over: give the device until patience to apply it
                awaitEffective(s, mode, watts, "default:" + p[0].href());
                s.expectEffective(mode, watts, "default:" + p[0].href(), "the DefaultDERControl changed by Notification");
                return;
            }
            s.awaitResponse(sent, c[0], 2);
            s.expectEffective(mode, watts, c[0].href(), "the control announced by Notification");
            if (also != null) {
                s.expectEffective(also.mode(), also.value(), c[0].href(), "the second mode of that control");
            }
        } finally {
            h.edit(sc -> {
                sc.pollRate = h.defaultPollRate();
                sc.subscriptions = false;
            });
            h.notifyChanged(resource);
        }
    }

    static void storage(DeviceSteps s, boolean notified) throws Exception {
        Scenario.Mode exp = new Scenario.Mode("opModExpLimW", 1500);
        if (notified) {
            notified(s, "opModStorageTargetW", -2500, false, exp);
            return;
        }
        GroupCases.needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> p[0] = sc.program("pk" + DeviceSteps.id(), 1));
        Scenario.Control c = s.active(p[0], "opModStorageTargetW", -2500);
        h.edit(sc -> c.also.add(exp));
        int from = h.count();
        s.refresh(p[0].href() + "/ctl");
        s.awaitResponse(from, c, 2);
        s.expectEffective("opModStorageTargetW", -2500L, c.href(), "the storage target of the active control");
        s.expectEffective("opModExpLimW", 1500L, c.href(), "the export limit of the same control");
    }

    static void scaled(DeviceSteps s) throws Exception {
        GroupCases.needsObservation(s);
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[2];
        h.edit(sc -> {
            p[0] = sc.program("pu" + DeviceSteps.id(), 1);
            p[1] = sc.program("pu" + DeviceSteps.id(), 2);
        });
        Scenario.Control target = s.active(p[0], "opModTargetW", 4);
        Scenario.Control exp = s.active(p[1], "opModExpLimW", 45);
        h.edit(sc -> {
            target.multiplier = 3;
            exp.multiplier = 2;
        });
        int from = h.count();
        s.refresh(p[1].href() + "/ctl");
        s.awaitResponse(from, target, 2);
        s.awaitResponse(from, exp, 2);
        expectWatts(s, "opModTargetW", 4000, target.href(), "opModTargetW 4 x 10^3 W");
        expectWatts(s, "opModExpLimW", 4500, exp.href(), "opModExpLimW 45 x 10^2 W");
    }

    /**
     * Asks the device's effective control (automation) until {@code mode} is {@code value} from {@code source} or the
     * target's patience has passed; the caller then checks it once more for the verdict.
     */
    static void awaitEffective(DeviceSteps s, String mode, long value, String source) throws InterruptedException {
        if (s.driver().mode() != DeviceDriver.Mode.AUTOMATION) {
            return;
        }
        long deadline = System.nanoTime() + s.ctx().patience().toNanos();
        while (System.nanoTime() - deadline < 0) {
            Map<String, Object> m = s.driver().effective().get(mode);
            if (m != null && source.equals(m.get("source")) && ((Number) m.get("value")).longValue() == value) {
                return;
            }
            Thread.sleep(100);
        }
    }

    /** The device's effective {@code mode} from {@code source}, as watts (value x 10^multiplier), is {@code watts}. */
    static void expectWatts(DeviceSteps s, String mode, long watts, String source, String what) {
        if (s.driver().mode() == DeviceDriver.Mode.CONSOLE) {
            boolean yes = s.driver().confirm("Does the device now apply " + mode + " = " + watts + " W (" + what + ")?")
                    .orElse(false);
            s.ctx().check(yes, () -> RuleViolation.must(DeviceSteps.EFFECTIVE, mode, "the operator says no: " + what));
            return;
        }
        Map<String, Map<String, Object>> eff = s.driver().effective();
        s.ctx().note("effective control: " + eff);
        Map<String, Object> m = eff.get(mode);
        double applied = m == null ? Double.NaN : ((Number) m.get("value")).doubleValue()
                * Math.pow(10, ((Number) m.getOrDefault("multiplier", 0)).intValue());
        boolean ok = m != null && Math.abs(applied - watts) < 0.5 && source.equals(m.get("source"));
        s.ctx().check(ok, () -> RuleViolation.must(DeviceSteps.EFFECTIVE, mode, what + ": expected " + watts + " W from "
                + source + ", the device applies " + (m == null ? "nothing" : m.get("value") + " x 10^"
                + m.get("multiplier") + " W from " + m.get("source"))));
    }
}
