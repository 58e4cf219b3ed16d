package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DefaultDERControl;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.Subscription;
import org.openvtn.schemas.sep.SubscriptionList;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.service.DefaultControlSettings;
import org.openvtn.sep.service.SepAdmin;

/**
 * Subscription/Notification over real mutual TLS (IEEE 2030.5-2018 §5.6; CSIP CORE-018/019): a
 * device subscribes, the server POSTs Notifications (validated against sep.xsd) to the device's
 * CCM_8 listener, retries with backoff, counts what it gives up, and refuses bad subscriptions with
 * 400 + Error.
 */
class SepSubscriptionIT {
    private SepFixture fx;
    private Credential cred;
    private SepFixture.Client device;
    private NotificationListener listener;
    private String edev;
    private Program program;

    @BeforeEach
    void start() throws Exception {
        fx = new SepFixture(DeliveryPolicy.builder().initialBackoff(Duration.ofMillis(20))
                .maxBackoff(Duration.ofMillis(100)).maxAttempts(3).build(), null);
        cred = SepFixture.PKI.device();
        device = fx.client(cred);
        listener = new NotificationListener(cred);
        edev = SepServerIT.register(device, cred);
        program = fx.core.programs().create("sub", "http://example.com/sub");
    }

    @AfterEach
    void stop() throws Exception {
        listener.close();
        device.close();
        fx.close();
    }

    static Subscription subscription(String resource, String uri, long limit) {
        Subscription s = new Subscription();
        s.setSubscribedResource(resource);
        s.setEncoding((short) 0);
        s.setLevel("+S1");
        s.setLimit(limit);
        s.setNotificationURI(uri);
        return s;
    }

    private String subscribe(String resource, long limit) throws Exception {
        SepFixture.Reply r = device.post(edev + "/sub", subscription(resource, listener.uri(), limit));
        assertEquals(201, r.status(), r.text());
        return r.header("Location");
    }

    private Event event(String lfdi) {
        return fx.core.events().create(EventSpec.builder().programId(program.id()).start(SepFixture.T0.plusSeconds(600))
                .targets(Targets.vens(lfdi)).responseRequired(ResponseRequired.NEVER)
                .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 4.0))).build());
    }

    /** §5.6: a DERControlList subscription gets a Notification (status 0, the list, its limit) per change; cancel too. */
    @Test
    void derControlListNotifications() throws Exception {
        String derc = edev + "/derp/" + program.id() + "/derc";
        String sub = subscribe(derc, 10);
        assertTrue(sub.matches(edev + "/sub/\\d+"), sub);

        Event e = event(SepIdentity.lfdi(cred.certificate()));
        NotificationListener.Received n = listener.next();
        assertEquals(derc, n.notification().getSubscribedResource());
        assertEquals(sub, n.notification().getSubscriptionURI());
        assertEquals(0, n.notification().getStatus());
        assertEquals(SepIdentity.lfdi(SepFixture.PKI.sepServer().certificate()), n.senderLfdi(),
                "the server authenticates with its own 2030.5 certificate");
        DERControlList l = assertInstanceOf(DERControlList.class, n.notification().getResource());
        assertEquals(1, l.getAll());
        assertEquals(0, l.getDERControl().get(0).getEventStatus().getCurrentStatus(), "scheduled");

        fx.core.events().cancel(e.id());
        DERControlList cancelled = assertInstanceOf(DERControlList.class, listener.next().notification().getResource());
        assertEquals(2, cancelled.getDERControl().get(0).getEventStatus().getCurrentStatus(), "cancelled");

        SubscriptionList subs = device.get(edev + "/sub?l=10").resource(SubscriptionList.class);
        assertEquals(1, subs.getAll());
        assertEquals(sub, subs.getSubscription().get(0).getHref());
        assertEquals(listener.uri(), subs.getSubscription().get(0).getNotificationURI());
        assertEquals(edev + "/sub", device.get(edev).resource(EndDevice.class).getSubscriptionListLink().getHref());

        assertEquals(204, device.send("DELETE", sub, null).status());
        assertEquals(404, device.get(sub).status());
        assertEquals(0, device.get(edev + "/sub").resource(SubscriptionList.class).getAll());
    }

    /**
     * Subscription PUT (IEEE 2030.5-2018 Subscription resource GET/HEAD/PUT/DELETE; CSIP-AUS S-ALL-26): new limit,
     * level and notificationURI apply to the next notification; the href stays; a changed subscribedResource, an
     * unknown id and another device's path are refused.
     */
    @Test
    void updateSubscription() throws Exception {
        String derc = edev + "/derp/" + program.id() + "/derc";
        String sub = subscribe(derc, 10);
        String moved = listener.uri() + "/moved";
        Subscription put = subscription(derc, moved, 0);
        put.setLevel("+S2");
        assertEquals(204, device.put(sub, SepFixture.CODEC.encode(put)).status());
        Subscription after = device.get(sub).resource(Subscription.class);
        assertEquals(sub, after.getHref());
        assertEquals(0, after.getLimit());
        assertEquals("+S2", after.getLevel());
        assertEquals(moved, after.getNotificationURI());
        assertEquals(1, device.get(edev + "/sub").resource(SubscriptionList.class).getAll(), "updated, not added");

        event(SepIdentity.lfdi(cred.certificate()));
        NotificationListener.Received n = listener.next();
        assertEquals("/notify/moved", n.path(), "delivered to the new notificationURI");
        assertEquals(sub, n.notification().getSubscriptionURI());
        DERControlList l = assertInstanceOf(DERControlList.class, n.notification().getResource(),
                () -> new String(n.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(1, l.getAll());
        assertEquals(0, l.getResults(), "the new limit 0");

        assertError(device.put(sub, SepFixture.CODEC.encode(subscription(edev + "/fsa", moved, 1))), 1);
        assertError(device.put(sub, SepFixture.CODEC.encode(subscription(derc, "http://127.0.0.1:1/n", 1))), 1);
        assertEquals(404, device.put(edev + "/sub/999", SepFixture.CODEC.encode(put)).status());
        assertEquals(404, device.put("/edev/999/sub/1", SepFixture.CODEC.encode(put)).status());
        assertEquals(moved, device.get(sub).resource(Subscription.class).getNotificationURI(), "refused PUTs change nothing");
    }

    /** Delivery: a listener answering 503 is retried with backoff until it accepts; nothing is dropped. */
    @Test
    void retriedUntilAccepted() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        listener.answer(() -> calls.incrementAndGet() <= 2 ? 503 : 204);
        subscribe(edev + "/derp/" + program.id() + "/derc", 1);
        event(SepIdentity.lfdi(cred.certificate()));
        listener.next();
        assertTrue(fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        assertEquals(3, listener.posts());
        assertEquals(1, fx.server.deliveryStats().delivered());
        assertEquals(0, fx.server.deliveryStats().dropped());
        assertEquals(2, fx.server.deliveryStats().retries());
    }

    /** A notification refused maxAttempts times is given up and counted as dropped (never silently). */
    @Test
    void givenUpAfterMaxAttemptsIsCounted() throws Exception {
        java.util.concurrent.CountDownLatch three = new java.util.concurrent.CountDownLatch(3);
        listener.answer(() -> {
            three.countDown();
            return 500;
        });
        subscribe(edev + "/derp/" + program.id() + "/derc", 1);
        event(SepIdentity.lfdi(cred.certificate()));
        assertTrue(three.await(20, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(fx.server.awaitDeliveries(Duration.ofSeconds(20)));
        SepAdmin admin = SepAdmin.of(fx.server.services());
        assertEquals(1, fx.server.deliveryStats().dropped());
        assertEquals(1, admin.delivery().dropped(), "persisted for the admin API");
        assertEquals(0, admin.delivery().pending());
    }

    /** DefaultDERControl (§10.10): set by the operator, readable by the device, its subscribers notified. */
    @Test
    void defaultDerControl() throws Exception {
        String dderc = edev + "/derp/" + program.id() + "/dderc";
        assertEquals(404, device.get(dderc).status());
        SepAdmin admin = SepAdmin.of(fx.server.services());
        admin.defaultControls().set(program.id(), DefaultControlSettings.of(Map.of("opModMaxLimW", 5000,
                "opModConnect", true, "setGradW", 100)));
        DefaultDERControl d = device.get(dderc).resource(DefaultDERControl.class);
        assertEquals(5000, d.getDERControlBase().getOpModMaxLimW().getValue());
        assertEquals(Boolean.TRUE, d.getDERControlBase().isOpModConnect());
        assertEquals(1, d.getVersion().getValue());

        fx.server.processChanges(); // the first change is handled before anyone subscribes
        subscribe(dderc, 1);
        admin.defaultControls().set(program.id(), DefaultControlSettings.of(Map.of("opModMaxLimW", 2500)));
        fx.server.processChanges();
        DefaultDERControl pushed = assertInstanceOf(DefaultDERControl.class, listener.next().notification().getResource());
        assertEquals(2500, pushed.getDERControlBase().getOpModMaxLimW().getValue());
        assertEquals(2, pushed.getVersion().getValue());
        assertNull(pushed.getDERControlBase().isOpModConnect());
    }

    /** §5.6 / §5.5: invalid subscriptions are refused with 400 + Error and create nothing. */
    @Test
    void badSubscriptions() throws Exception {
        String derc = edev + "/derp/" + program.id() + "/derc";
        Subscription exi = subscription(derc, listener.uri(), 1);
        exi.setEncoding((short) 1);
        assertError(device.post(edev + "/sub", exi), 1);
        assertError(device.post(edev + "/sub", subscription(derc, "http://127.0.0.1:1/n", 1)), 1);
        assertError(device.post(edev + "/sub", subscription("/edev/999/fsa", listener.uri(), 1)), 1);
        assertError(device.post(edev + "/sub", subscription(edev + "/derp/nope/derc", listener.uri(), 1)), 1);
        assertError(device.post(edev + "/sub", subscription("/tm", listener.uri(), 1)), 1);
        // a Condition on a resource that is subscribable="1" (non-conditional only): §5.6 Subscription.Condition
        Subscription conditional = subscription(derc, listener.uri(), 1);
        org.openvtn.schemas.sep.Condition cond = new org.openvtn.schemas.sep.Condition();
        cond.setAttributeIdentifier((short) 0);
        cond.setLowerThreshold(0);
        cond.setUpperThreshold(100);
        conditional.setCondition(cond);
        assertError(device.post(edev + "/sub", conditional), 1);
        byte[] good = SepFixture.CODEC.encode(subscription(derc, listener.uri(), 1));
        String invalid = new String(good, java.nio.charset.StandardCharsets.UTF_8).replace("<limit>1</limit>",
                "<limit>-1</limit>");
        assertError(device.post(edev + "/sub", invalid.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 1);
        assertEquals(0, device.get(edev + "/sub").resource(SubscriptionList.class).getAll(), "nothing created");
        assertEquals(404, device.post("/edev/999/sub", subscription(derc, listener.uri(), 1)).status());
    }

    private static void assertError(SepFixture.Reply r, int reason) throws Exception {
        assertEquals(400, r.status(), r.text());
        assertEquals(reason, r.resource(Error.class).getReasonCode());
    }
}
