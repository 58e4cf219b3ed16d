package org.openvtn.conformance.oadr3;

import static org.openvtn.conformance.oadr3.Oadr3Role.BL;
import static org.openvtn.conformance.oadr3.Oadr3Role.VEN_A;
import static org.openvtn.conformance.oadr3.PrivacyCases.id;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.openvtn.conformance.CaseFailure;
import org.openvtn.conformance.ConformanceCase;
import org.openvtn.conformance.RuleViolation;
import org.openvtn.conformance.oadr3.WebhookReceiver.Mode;
import org.openvtn.conformance.oadr3.WebhookReceiver.Received;

/** Notifier discovery and webhooks (3.1 Definition "Subscriptions", "Notifications via Additional Protocols", "Webhooks"). */
final class NotifierCases {
    static final String WEBHOOKS = "3.1 Definition \"Webhooks\"";
    static final String SUBSCRIPTIONS = "3.1 Definition \"Subscriptions\"";

    private NotifierCases() {
    }

    static List<ConformanceCase> cases() {
        List<ConformanceCase> all = new java.util.ArrayList<>(webhooks());
        all.addAll(MqttCheck.cases());
        return List.copyOf(all);
    }

    private static List<ConformanceCase> webhooks() {
        return List.of(
                Oadr3Case.must("OADR3-HOOK-01", "GET /notifiers answers a notifiersResponse with WEBHOOK true",
                        "3.1 Definition \"Notifications via Additional Protocols\"; openadr3.yaml notifiersResponse"
                                + " (WEBHOOK: currently MUST be true)", api -> {
                            Oadr3Answer a = api.get(VEN_A, "/notifiers");
                            if (api.status(a, "oadr3.notifiers", "GET /notifiers", 200)) {
                                api.schema(a, "notifiersResponse");
                                api.ctx().check(a.json() != null && a.json().path("WEBHOOK").asBoolean(false),
                                        () -> RuleViolation.must("oadr3.notifiers", a.where(), "WEBHOOK is not true"));
                            }
                        }),
                Oadr3Case.must("OADR3-HOOK-02", "The echo challenge: a subscription is created only after the"
                                + " callback answered the challenge; a wrong answer or an http callback is refused",
                        WEBHOOKS + " (HTTPS callback validated; GET with 'echo'; on failure the VTN MUST NOT allow"
                                + " creation)", NotifierCases::echo),
                Oadr3Case.must("OADR3-HOOK-03", "CREATE, UPDATE and DELETE of an event are delivered to the"
                                + " subscribed callback as notifications",
                        SUBSCRIPTIONS + " (a VTN SHALL make a request to the callback URL; body: notification)",
                        NotifierCases::delivery),
                Oadr3Case.must("OADR3-HOOK-04", "A VEN's subscription is notified of events targeted at it, not of"
                                + " events targeted only at another VEN",
                        "3.1 Definition \"program and event objects - targeting\" (notifications use the"
                                + " subscription's clientID and the granted targets)", NotifierCases::targeted));
    }

    private static void echo(Oadr3Api api) throws InterruptedException {
        WebhookReceiver rx = api.harness().receiver();
        String client = api.fixture().targetA();
        String good = rx.callback(api.harness().unique("echo"), Mode.ECHO);
        Oadr3Answer ok = api.post(VEN_A, "/subscriptions", Oadr3Fixture.subscription(client, good, List.of("EVENT"),
                List.of("CREATE"), null));
        api.status(ok, "oadr3.webhook.create", "a callback answering the challenge", 201);
        Received challenge = rx.await(good, r -> "GET".equals(r.method()) && r.query().containsKey("echo"),
                api.ctx().patience());
        if (challenge == null) {
            api.ctx().violations(List.of(RuleViolation.must("oadr3.webhook.echo", good, "the VTN never sent GET ?echo="
                    + " to the callback (" + rx.all(good).size() + " other requests)")));
        } else {
            api.ctx().record(WebhookReceiver.evidence("echo challenge", good, challenge));
            api.ctx().check(challenge.query().get("echo").length() >= 8, () -> RuleViolation.should(
                    "oadr3.webhook.echo", good, "the challenge '" + challenge.query().get("echo")
                            + "' is too short to be a random string"));
        }
        String wrong = rx.callback(api.harness().unique("wrong-echo"), Mode.WRONG_ECHO);
        Oadr3Answer refused = api.post(VEN_A, "/subscriptions", Oadr3Fixture.subscription(client, wrong,
                List.of("EVENT"), List.of("CREATE"), null));
        api.ctx().check(refused.status() >= 400 && refused.status() < 500, () -> RuleViolation.must(
                "oadr3.webhook.echo", refused.where(), "a callback that answered the wrong echo was accepted: HTTP "
                        + refused.status()));
        String http = good.replaceFirst("^https:", "http:");
        Oadr3Answer plain = api.post(VEN_A, "/subscriptions", Oadr3Fixture.subscription(client, http,
                List.of("EVENT"), List.of("CREATE"), null));
        api.ctx().check(plain.status() == 400, () -> RuleViolation.must("oadr3.webhook.https", plain.where(),
                "an http:// callback URL must be refused (400); got " + plain.status()));
        for (Oadr3Answer a : List.of(ok, refused, plain)) {
            if (a.status() == 201 && a.id() != null) {
                api.delete(VEN_A, "/subscriptions/" + a.id());
            }
        }
    }

    private static void delivery(Oadr3Api api) throws InterruptedException {
        WebhookReceiver rx = api.harness().receiver();
        Oadr3Fixture f = api.fixture();
        String cb = rx.callback(api.harness().unique("events"), Mode.ECHO);
        String bearer = api.harness().unique("bearer");
        ObjectNode sub = Oadr3Fixture.subscription("oadr3-suite-bl", cb, List.of("EVENT"),
                List.of("CREATE", "UPDATE", "DELETE"), bearer);
        sub.put("programID", id(f.program()));
        Oadr3Answer s = api.require(api.post(BL, "/subscriptions", sub), "oadr3.webhook.create", SUBSCRIPTIONS, 201);
        try {
            Oadr3Answer e = api.require(api.post(BL, "/events", Oadr3Fixture.event(id(f.program()),
                    List.of(f.targetA()))), "oadr3.crud", "createEvent", 201);
            Received created = notified(api, rx, cb, "CREATE", e.id());
            ObjectNode u = e.json().deepCopy();
            u.remove(List.of("id", "createdDateTime", "modificationDateTime", "objectType"));
            u.put("eventName", "updated for the notification");
            api.require(api.put(BL, "/events/" + e.id(), u), "oadr3.crud", "updateEvent", 200);
            notified(api, rx, cb, "UPDATE", e.id());
            api.require(api.delete(BL, "/events/" + e.id()), "oadr3.crud", "deleteEvent", 200);
            notified(api, rx, cb, "DELETE", e.id());
            if (created != null) {
                api.ctx().check(("Bearer " + bearer).equals(created.authorization()), () -> RuleViolation.should(
                        "oadr3.webhook.bearer", cb, "the subscription's bearerToken was not sent as"
                                + " 'Authorization: Bearer ...' (got " + created.authorization() + ")"));
            }
        } finally {
            api.delete(BL, "/subscriptions/" + s.id());
        }
    }

    private static void targeted(Oadr3Api api) throws InterruptedException {
        WebhookReceiver rx = api.harness().receiver();
        Oadr3Fixture f = api.fixture();
        String cb = rx.callback(api.harness().unique("ven-a-events"), Mode.ECHO);
        Oadr3Answer s = api.require(api.post(VEN_A, "/subscriptions", Oadr3Fixture.subscription(f.targetA(), cb,
                List.of("EVENT"), List.of("CREATE"), null)), "oadr3.webhook.create", SUBSCRIPTIONS, 201);
        try {
            Oadr3Answer forB = api.require(api.post(BL, "/events", Oadr3Fixture.event(id(f.program()),
                    List.of(f.targetB()))), "oadr3.crud", "createEvent", 201);
            Oadr3Answer forA = api.require(api.post(BL, "/events", Oadr3Fixture.event(id(f.program()),
                    List.of(f.targetA()))), "oadr3.crud", "createEvent", 201);
            notified(api, rx, cb, "CREATE", forA.id());
            for (Received r : rx.all(cb)) {
                JsonNode n = Oadr3Api.parse(r.body());
                api.ctx().check(n == null || !forB.id().equals(n.path("object").path("id").asText()),
                        () -> RuleViolation.must("oadr3.webhook.privacy", cb, "VEN A was notified of event "
                                + forB.id() + ", targeted only at VEN B"));
            }
        } finally {
            api.delete(VEN_A, "/subscriptions/" + s.id());
        }
    }

    /** Awaits the notification of {@code operation} on event {@code id}; MUST violation if none arrives. */
    static Received notified(Oadr3Api api, WebhookReceiver rx, String cb, String operation, String id)
            throws InterruptedException {
        Received r = rx.await(cb, x -> "POST".equals(x.method()) && matches(x.body(), operation, id),
                api.ctx().patience());
        if (r == null) {
            throw new CaseFailure(RuleViolation.must("oadr3.webhook.delivery", cb, "no " + operation
                    + " notification for event " + id + " within " + api.ctx().patience() + " ("
                    + rx.all(cb).size() + " requests received)"));
        }
        api.ctx().record(WebhookReceiver.evidence(operation + " notification", cb, r));
        List<String> errors = api.harness().schemas().notificationErrors(Oadr3Api.parse(r.body()));
        api.ctx().check(errors.isEmpty(), () -> RuleViolation.must("oadr3.schema", cb, "not a valid notification: "
                + errors));
        return r;
    }

    static boolean matches(String body, String operation, String id) {
        JsonNode n = Oadr3Api.parse(body);
        return n != null && operation.equals(n.path("operation").asText()) && "EVENT".equals(n.path("objectType")
                .asText()) && id.equals(n.path("object").path("id").asText());
    }
}
