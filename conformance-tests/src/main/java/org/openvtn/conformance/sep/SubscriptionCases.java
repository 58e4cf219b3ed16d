package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseContext;
import org.openvtn.conformance.RuleViolation;
import org.w3c.dom.Element;

/**
 * Subscription/Notification (IEEE 2030.5-2018 §5.5 and the Subscription function set; CSIP CORE-018/019; CSIP-AUS
 * S-ALL-25, S-ALL-26): the suite subscribes with its own listener's URI and checks what the server POSTs there.
 */
final class SubscriptionCases {

    static final String SUBSCRIBE = "sep.subscription.created";
    static final String NOTIFIED = "sep.notification.delivered";
    static final String CONTENT = "sep.notification.content";
    static final String UPDATE = "sep.subscription.update-delete";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private SubscriptionCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("CORE-018", "CORE-019", "S-ALL-25"), "Subscribe to a DERControlList; a new"
                                + " control is notified to the subscriber's URI over TLS, schema-valid",
                        "IEEE 2030.5-2018 Subscription/Notification; CSIP CORE-018, CORE-019; CSIP-AUS S-ALL-25",
                        Set.of(SepServerSuite.SUBSCRIPTIONS), SubscriptionCases::core018),
                SepCase.must(List.of("S-ALL-26"), "Update (PUT) and delete a subscription; a deleted subscription is"
                                + " gone (404)", "IEEE 2030.5-2018 Subscription; CSIP-AUS S-ALL-26",
                        Set.of(SepServerSuite.SUBSCRIPTIONS), SubscriptionCases::sAll26));
    }

    /** Creates a subscription to {@code resource}; returns its Location. */
    static String subscribe(CaseContext ctx, SepClientHarness c, String resource, String name) {
        return subscribe(ctx, c, resource, name, 10);
    }

    /** As {@link #subscribe(CaseContext, SepClientHarness, String, String)} with the given {@code limit}. */
    static String subscribe(CaseContext ctx, SepClientHarness c, String resource, String name, int limit) {
        Element edev = c.endDevice();
        String subList = c.link(edev, "SubscriptionListLink");
        String uri = c.session().listener().uri(name).toString();
        String body = subscriptionXml(resource, uri, limit);
        SepReply r = c.post("POST Subscription to " + resource, subList, body);
        SepCases.check(ctx, r.status() == 201, SUBSCRIBE, "POST " + subList, "expected 201, got " + r.describe());
        return r.header("Location").orElseThrow(() -> ctx.fail(SUBSCRIBE, "POST " + subList,
                "201 without a Location header"));
    }

    static String subscriptionXml(String resource, String notificationUri, int limit) {
        return "<Subscription xmlns=\"" + SepXml.NS + "\"><subscribedResource>" + resource + "</subscribedResource>"
                + "<encoding>0</encoding><level>+S1</level><limit>" + limit + "</limit><notificationURI>"
                + notificationUri + "</notificationURI></Subscription>";
    }

    /** Waits for a notification at the listener path, records it as evidence and checks it; FAIL when none. */
    static Element awaitNotification(CaseContext ctx, SepSession s, String name, java.util.function.Predicate<String>
            bodyMatch, String what) throws InterruptedException {
        Optional<NotificationListener.Received> got = s.listener().await(r -> r.path().equals("/ntfy/" + name)
                && bodyMatch.test(r.body()), ctx.patience());
        if (got.isEmpty()) {
            throw ctx.fail(NOTIFIED, "/ntfy/" + name, "no notification " + what + " arrived within " + ctx.patience());
        }
        NotificationListener.Received r = got.get();
        ctx.record(r.exchange());
        ctx.violations(SepRules.contentType(r.contentType(), true));
        SepRules.Checked checked = s.rules().check(r.body(), SepRules.Query.NONE, false);
        ctx.violations(checked.violations().stream().map(v -> new RuleViolation(v.rule(), v.level(),
                "Notification: " + v.element(), v.message())).toList());
        Element root = checked.root();
        if (root == null || !"Notification".equals(root.getLocalName())) {
            throw ctx.fail(CONTENT, "/ntfy/" + name, "the POST is not a Notification");
        }
        return root;
    }

    private static void core018(CaseContext ctx, SepSession s) throws Exception {
        notifiedControl(ctx, s, null, 90, "core018");
    }

    /** Subscribes to the device's DERControlList, has a control created, and awaits its notification. */
    static void notifiedControl(CaseContext ctx, SepSession s, DerMode wanted, int hoursAhead, String tag)
            throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = wanted != null ? wanted : SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        Element program = driverProgram(ctx, c, driver);
        String list = c.link(program, "DERControlListLink");
        Element listDoc = c.resource("GET DERControlList", list, "DERControlList");
        SepCases.should(ctx, !"0".equals(SepXml.attr(listDoc, "subscribable").orElse("0")), SepRules.SUBSCRIBABLE,
                SepXml.path(listDoc) + "/@subscribable", "the DERControlList does not say it is subscribable");
        String name = tag + "-" + SEQ.incrementAndGet();
        // A notification carries at most `limit` items of the list: ask for room beyond what the list holds now
        // (a server that kept controls of earlier runs lists them too), so the new control is among them.
        int limit = (int) Math.min(255, Math.max(10, SepXml.attr(listDoc, "all").map(Long::parseLong).orElse(0L) + 5));
        SepXml.attr(listDoc, "all").ifPresent(a -> ctx.note("DERControlList holds " + a + " controls; subscribing"
                + " with limit " + limit));
        String sub = subscribe(ctx, c, list, name, limit);
        try {
            awaitControlNotification(ctx, s, c, driver, mode, hoursAhead, name, list, sub);
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    private static void awaitControlNotification(CaseContext ctx, SepSession s, SepClientHarness c,
            SepServerDriver driver, DerMode mode, int hoursAhead, String name, String list, String sub)
            throws InterruptedException {
        c.resource("GET Subscription", sub, "Subscription");
        DerControlSpec spec = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(hoursAhead)),
                Duration.ofMinutes(30));
        driver.createDerControl(ctx, spec);
        String start = "<start>" + spec.startSeconds() + "</start>";
        Element n = awaitNotification(ctx, s, name, b -> b.contains(start), "for the new control");
        SepCases.check(ctx, SepXml.text(n, "subscribedResource").map(v -> s.resolve(v).equals(s.resolve(list)))
                        .orElse(false), CONTENT, SepXml.path(n) + "/subscribedResource",
                "subscribedResource " + SepXml.text(n, "subscribedResource").orElse("-") + ", subscribed " + list);
        SepCases.check(ctx, SepXml.text(n, "subscriptionURI").map(v -> s.resolve(v).equals(s.resolve(sub)))
                        .orElse(false), CONTENT, SepXml.path(n) + "/subscriptionURI",
                "subscriptionURI " + SepXml.text(n, "subscriptionURI").orElse("-") + ", subscription " + sub);
        SepCases.check(ctx, SepXml.number(n, "status").orElse(-1L) == 0, CONTENT, SepXml.path(n) + "/status",
                "status " + SepXml.text(n, "status").orElse("-") + ", expected 0 (default status)");
    }

    /**
     * The DERProgram the driver schedules into (by {@link SepServerDriver#programMarker}), else the device's first;
     * SKIPPED when the device has none.
     */
    static Element driverProgram(CaseContext ctx, SepClientHarness c, SepServerDriver driver) {
        List<Element> programs = c.derPrograms();
        if (programs.isEmpty()) {
            throw ctx.skip("no DERProgram is assigned to the device");
        }
        Optional<String> marker = driver.programMarker(ctx);
        if (marker.isEmpty()) {
            return programs.get(0);
        }
        return programs.stream().filter(p -> SepXml.attr(p, "href").orElse("").contains(marker.get())
                        || SepXml.text(p, "mRID").orElse("").contains(marker.get())).findFirst()
                .orElseThrow(() -> ctx.fail("sep.driver.program", "DERProgramList", "the program the driver uses ("
                        + marker.get() + ") is not among the device's " + programs.size() + " DERPrograms"));
    }

    /** Subscribes to a DefaultDERControl, has it set, and awaits the notification carrying the value. */
    static void notifiedDefault(CaseContext ctx, SepSession s, DerMode mode, String tag) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element program = driverProgram(ctx, c, s.driver(ctx));
        String dderc = c.link(program, "DefaultDERControlLink");
        String name = tag + "-" + SEQ.incrementAndGet();
        String sub = subscribe(ctx, c, dderc, name);
        try {
            double value = SepCases.spec(s.mainDevice(), mode, ctx.clock().instant(), Duration.ofMinutes(1)).value();
            s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), mode, value);
            awaitNotification(ctx, s, name, b -> b.contains(mode.element()), "with " + mode.element());
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    private static void sAll26(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element program = c.derPrograms().stream().findFirst().orElseThrow(() -> ctx.skip(
                "no DERProgram is assigned to the device"));
        String list = c.link(program, "DERControlListLink");
        String name = "sall26-" + SEQ.incrementAndGet();
        String sub = subscribe(ctx, c, list, name);
        SepReply put = c.put("PUT Subscription (limit 5)", sub, subscriptionXml(list,
                s.listener().uri(name).toString(), 5));
        SepCases.check(ctx, put.status() == 200 || put.status() == 204, UPDATE, "PUT " + sub,
                "updating a subscription: expected 200 or 204, got " + put.describe());
        Element after = c.resource("GET Subscription after update", sub, "Subscription");
        SepCases.check(ctx, SepXml.number(after, "limit").orElse(-1L) == 5, UPDATE, SepXml.path(after) + "/limit",
                "limit " + SepXml.text(after, "limit").orElse("-") + " after the update to 5");
        SepReply del = c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        SepCases.check(ctx, del.status() == 200 || del.status() == 204, UPDATE, "DELETE " + sub,
                "deleting a subscription: expected 200 or 204, got " + del.describe());
        SepReply gone = c.get("GET deleted Subscription", sub);
        SepCases.check(ctx, gone.status() == 404, UPDATE, "GET " + sub, "a deleted subscription answers "
                + gone.describe() + ", expected 404");
    }
}
