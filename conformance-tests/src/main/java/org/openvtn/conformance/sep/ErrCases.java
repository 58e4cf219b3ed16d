package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Notification errors: CSIP ERR-002 (IEEE 2030.5-2018 §5.6 Subscription/Notification). A subscriber's listener is
 * down when the server has a Notification for it; the server retries, so the Notification arrives once the listener
 * is back on the same URI, and the failed delivery does not cancel the subscription. ERR-001 (redirects) is a client
 * behaviour: a server need not redirect, so the suite realises no server case for it (conformance-tests/README.md).
 */
final class ErrCases {

    static final String RETRIED = "sep.notification.retried";
    static final String SURVIVES = "sep.subscription.survives-failed-delivery";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ErrCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("ERR-002"), "Notification to a subscriber whose listener is down is"
                        + " retried until the listener is back; the subscription survives the failed delivery",
                "IEEE 2030.5-2018 §5.6 Subscription/Notification; CSIP ERR-002", Set.of(SepServerSuite.SUBSCRIPTIONS),
                ErrCases::err002));
    }

    private static void err002(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        if (c.derPrograms().isEmpty()) {
            // a driver may assign its program with its first control: schedule one (far out) so there is a list
            driver.createDerControl(ctx, SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(97)),
                    Duration.ofMinutes(30)));
        }
        String list = c.link(SubscriptionCases.driverProgram(ctx, c, driver), "DERControlListLink");
        String name = "err002-" + SEQ.incrementAndGet();
        Element listDoc = c.resource("GET DERControlList", list, "DERControlList");
        int limit = (int) Math.min(255, Math.max(10, SepXml.attr(listDoc, "all").map(Long::parseLong).orElse(0L) + 5));
        String sub = SubscriptionCases.subscribe(ctx, c, list, name, limit);
        try {
            s.stopListener();
            ctx.note("notification listener stopped; creating a control while it is down");
            DerControlSpec spec = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(95)),
                    Duration.ofMinutes(30));
            driver.createDerControl(ctx, spec);
            // the target's first attempt must meet the stopped listener: no condition to await here but time
            long downSeconds = Long.parseLong(ctx.target().property("err002DownSeconds", "3"));
            Thread.sleep(Duration.ofSeconds(downSeconds).toMillis());
            s.listener();
            ctx.note("notification listener back on the same port after " + downSeconds + " s");
            String start = "<start>" + spec.startSeconds() + "</start>";
            // retries back off: allow the longer of the patience and err002WaitSeconds (15) after the restart
            Duration wait = Duration.ofSeconds(Long.parseLong(ctx.target().property("err002WaitSeconds", "15")));
            wait = wait.compareTo(ctx.patience()) > 0 ? wait : ctx.patience();
            if (s.listener().await(r -> r.path().equals("/ntfy/" + name) && r.body().contains(start), wait)
                    .isEmpty()) {
                ctx.violations(List.of(org.openvtn.conformance.RuleViolation.must(RETRIED, "/ntfy/" + name,
                        "the Notification of the control created while the listener was down never arrived after it"
                                + " came back (within " + wait.toSeconds() + " s): not retried")));
            }
            SepReply still = c.get("GET Subscription after the failed delivery", sub);
            SepCases.check(ctx, still.status() == 200, SURVIVES, "GET " + sub, "the subscription answers "
                    + still.describe() + " after a failed delivery, expected 200");
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }
}
