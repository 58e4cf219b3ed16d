package org.openvtn.conformance.sep.client;

import java.util.List;
import java.util.Optional;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;

/** Subscription / Notification rows of {@code sep-client} (IEEE 2030.5-2018 §5.6; CSIP CORE-018/019). */
final class NotificationCases {
    /** Rule: the device subscribes to a subscribable DERControlList it uses (§5.6.1; CSIP CORE-018). */
    static final String SUBSCRIBE = "sep.client.subscribe";
    /** Rule: the device's notificationURI accepts the server's Notification (§5.6.2). */
    static final String ACCEPTED = "sep.client.notification.accepted";
    /** Rule: a Notification makes the device read the change before its next poll (§5.6.2; CSIP CORE-019). */
    static final String PICKUP = "sep.client.notification";
    /** pollRate (s) while the row waits: far longer than any patience, so a poll cannot explain a pickup. */
    static final long SLOW_POLL = 900;

    private NotificationCases() {
    }

    static List<ConformanceCase> all() {
        return List.of(DeviceCase.of(List.of("CORE-018", "CORE-019", "ALL-14"), "the harness offers a"
                        + " SubscriptionListLink and subscribable lists: the device subscribes to the DERControlList"
                        + " (mutual-TLS https notificationURI); a DERControl added and notified is answered and applied"
                        + " before the device's next poll (pollRate " + SLOW_POLL + " s)",
                "IEEE 2030.5-2018 §5.6.1, §5.6.2; CSIP CORE-018, CORE-019; CSIP-AUS ALL-14",
                NotificationCases::subscribeAndNotify));
    }

    static void subscribeAndNotify(DeviceSteps s) throws Exception {
        SepDeviceHarness h = s.harness();
        Scenario.Program[] p = new Scenario.Program[1];
        h.edit(sc -> {
            sc.subscriptions = true;
            p[0] = sc.program("pn" + DeviceSteps.id(), 1);
        });
        String ctl = p[0].href() + "/ctl";
        try {
            int from = h.count();
            s.refresh(ctl);
            Optional<SepDeviceHarness.Req> sub = h.await(from, r -> r.method().equals("POST")
                    && r.path().equals(Scenario.SUBS) && r.text("subscribedResource").map(ctl::equals).orElse(false),
                    s.patience());
            s.ctx().check(sub.isPresent(), () -> RuleViolation.must(SUBSCRIBE, Scenario.SUBS, "no Subscription to the"
                    + " subscribable DERControlList " + ctl + " within " + s.patience().toSeconds() + " s; requests: "
                    + s.fetched(from)));
            if (sub.isEmpty()) {
                return;
            }
            String uri = sub.get().text("notificationURI").orElse("");
            s.ctx().check(uri.startsWith("https://"), () -> RuleViolation.must(SUBSCRIBE, "/Subscription/notificationURI",
                    "notificationURI " + uri + " is not https (CSIP §5.2.1: notifications over TLS too)"));
            // the slow pollRate reaches the device with a walk; from then on only a Notification explains a pickup
            h.edit(sc -> sc.pollRate = SLOW_POLL);
            int slow = h.count();
            s.refresh(ctl);
            Optional<SepDeviceHarness.Req> walk = h.await(slow, r -> r.method().equals("GET")
                    && r.path().equals(h.dcapPath()), s.patience());
            if (walk.isEmpty()) {
                throw new UnsupportedOperationException("the device did not walk after pollRate became " + SLOW_POLL
                        + " s, so a pickup could not be told from a poll");
            }
            Scenario.Control c = s.active(p[0], "opModMaxLimW", 6100);
            int sent = h.count();
            java.time.Instant at = java.time.Instant.now();
            List<Integer> answers = h.notifyChanged(ctl);
            s.ctx().note("Notification for " + ctl + " answered " + answers);
            s.ctx().check(!answers.isEmpty() && answers.stream().allMatch(a -> a >= 200 && a < 300),
                    () -> RuleViolation.must(ACCEPTED, uri, "the device's notificationURI answered " + answers));
            Optional<SepDeviceHarness.Req> read = h.await(sent, r -> r.method().equals("GET") && r.path().equals(ctl),
                    s.ctx().patience());
            long lastWalk = walk.get().at().getEpochSecond();
            s.ctx().check(read.isPresent() && read.get().at().getEpochSecond() < lastWalk + SLOW_POLL,
                    () -> RuleViolation.must(PICKUP, ctl, "the DERControlList was not read again within "
                            + s.ctx().patience().toSeconds() + " s of the Notification sent at " + at + " (the next"
                            + " poll is due " + SLOW_POLL + " s after the walk at " + walk.get().at() + ")"));
            if (read.isEmpty()) {
                return;
            }
            s.awaitResponse(sent, c, 1);
            s.awaitResponse(sent, c, 2);
            s.expectEffective("opModMaxLimW", 6100L, c.href(), "the control announced by Notification");
        } finally {
            // leave the device polling at the run's pollRate for the rows after this one: one more Notification
            h.edit(sc -> {
                sc.pollRate = h.defaultPollRate();
                sc.subscriptions = false;
            });
            h.notifyChanged(ctl);
        }
    }
}
