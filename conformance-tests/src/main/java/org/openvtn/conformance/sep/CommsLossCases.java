package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * CSIP-AUS S-ALL-46 "Communication Loss" (IEEE 2030.5-2018 §5.6 Subscription/Notification): while the client's
 * notification endpoint is unreachable, the utility schedules a DERControl; the client finds it by polling; once the
 * endpoint is back, the server's Notification of the DERControlList still arrives (it retried instead of dropping it).
 *
 * <p>Target properties: {@code commsLossSeconds} (how long the endpoint stays unreachable after the control was
 * found, default 300 as in the procedure) and {@code notificationRetrySeconds} (how long after the endpoint is back
 * the server may take to retry, default 600).
 */
final class CommsLossCases {
    /** A Notification refused during a communication loss is delivered once the endpoint is reachable again. */
    static final String AFTER_LOSS = "sep.notification.after-comms-loss";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private CommsLossCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("S-ALL-46"), "Communication Loss: a DERControl scheduled while the"
                        + " client's notification endpoint is unreachable is found by polling, and its DERControlList"
                        + " Notification arrives once the endpoint is reachable again",
                "IEEE 2030.5-2018 §5.6; CSIP-AUS S-ALL-46", Set.of(SepServerSuite.SUBSCRIPTIONS), CommsLossCases::sAll46));
    }

    private static void sAll46(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = ctx.target().declares(SepServerSuite.CSIP_AUS)
                ? SepCases.mode(driver, DerMode.EXP_LIM_W, DerMode.TARGET_W, DerMode.MAX_LIM_W)
                : SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        driver.programMarker(ctx); // a driver that makes its program on first use has it now
        String list = c.link(SubscriptionCases.driverProgram(ctx, c, driver), "DERControlListLink");
        Element listDoc = c.resource("GET DERControlList", list, "DERControlList");
        int limit = (int) Math.min(255, Math.max(10, SepXml.attr(listDoc, "all").map(Long::parseLong).orElse(0L) + 5));
        String name = "sall46-" + SEQ.incrementAndGet();
        NotificationListener listener = s.listener();
        listener.disable(name);
        String sub = SubscriptionCases.subscribe(ctx, c, list, name, limit);
        try {
            DerControlSpec spec = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(5)),
                    Duration.ofMinutes(30));
            driver.createDerControl(ctx, spec);
            Element found = SepCases.awaitControl(ctx, c, spec);
            SepCases.check(ctx, SepCases.status(found) == 0, AFTER_LOSS, SepXml.path(found) + "/EventStatus",
                    "the control scheduled during the loss has status " + SepCases.status(found) + ", expected 0");
            Duration loss = Duration.ofSeconds(Long.parseLong(ctx.target().property("commsLossSeconds", "300")));
            ctx.note("notification endpoint unreachable (503) for another " + loss + " after the control was found");
            TimeUnit.MILLISECONDS.sleep(loss.toMillis()); // the procedure's wait: the loss lasts, nothing to poll for
            int refusedDuringLoss = listener.refused();
            listener.enable(name);
            Duration retry = Duration.ofSeconds(Long.parseLong(ctx.target().property("notificationRetrySeconds",
                    "600")));
            String start = "<start>" + spec.startSeconds() + "</start>";
            if (listener.await(r -> r.path().equals("/ntfy/" + name) && r.body().contains(start), retry).isEmpty()) {
                throw ctx.fail(AFTER_LOSS, "/ntfy/" + name, "no Notification of the DERControlList with the control"
                        + " arrived within " + retry + " after the endpoint was reachable again (the listener refused "
                        + refusedDuringLoss + " POSTs during the loss)");
            }
            ctx.note("the listener refused " + refusedDuringLoss + " POSTs during the loss");
            Element n = SubscriptionCases.awaitNotification(ctx, s, name, b -> b.contains(start),
                    "with the control scheduled during the loss");
            SepCases.check(ctx, SepXml.text(n, "subscribedResource").map(v -> s.resolve(v).equals(s.resolve(list)))
                    .orElse(false), AFTER_LOSS, SepXml.path(n) + "/subscribedResource", "subscribedResource "
                    + SepXml.text(n, "subscribedResource").orElse("-") + ", subscribed " + list);
        } finally {
            listener.enable(name);
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }
}
