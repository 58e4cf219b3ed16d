package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.EventSpec;
import org.openvtn.core.Program;
import org.openvtn.core.ResponseRequired;
import org.openvtn.core.Targets;
import org.openvtn.schemas.sep.DERControl;
import org.openvtn.schemas.sep.DERControlList;
import org.openvtn.schemas.sep.DERControlResponse;
import org.openvtn.schemas.sep.MRIDType;
import org.openvtn.schemas.sep.ResponseList;
import org.openvtn.schemas.sep.SubscriptionList;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.service.SepAdmin;

/**
 * Durability (issue 6: subscriptions survive a restart; IEEE 2030.5-2018 §5.6): EndDevices,
 * subscriptions, responses and notifications queued while the listener was unreachable survive a
 * stop/start on the same Derby data directory, and the queued notification is delivered after it.
 */
class SepRestartIT {

    @Test
    void stateSurvivesRestart(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("db"));
        Credential cred = SepFixture.PKI.device();
        String lfdi = SepIdentity.lfdi(cred.certificate());
        DeliveryPolicy slow = DeliveryPolicy.builder().initialBackoff(Duration.ofMinutes(5))
                .maxBackoff(Duration.ofMinutes(5)).build();
        String edev;
        String sub;
        String replyTo;
        Program program;
        try (NotificationListener listener = new NotificationListener(cred)) {
            try (SepFixture fx = new SepFixture(slow, data); SepFixture.Client device = fx.client(cred)) {
                edev = SepServerIT.register(device, cred);
                program = fx.core.programs().create("restart", "http://example.com/restart");
                String derc = edev + "/derp/" + program.id() + "/derc";
                SepFixture.Reply s = device.post(edev + "/sub", SepSubscriptionIT.subscription(derc, listener.uri(), 5));
                assertEquals(201, s.status(), s.text());
                sub = s.header("Location");
                listener.answer(() -> 503);
                Event e = fx.core.events().create(EventSpec.builder().programId(program.id())
                        .start(SepFixture.T0.plusSeconds(600)).targets(Targets.vens(lfdi))
                        .responseRequired(ResponseRequired.ALWAYS)
                        .signal("LOAD_DISPATCH", "setpoint", "kW", List.of(Map.entry(Duration.ofMinutes(30), 2.0)))
                        .build());
                DERControl c = device.get(derc).resource(DERControlList.class).getDERControl().get(0);
                replyTo = c.getReplyTo();
                DERControlResponse r = new DERControlResponse();
                r.setEndDeviceLFDI(HexFormat.of().parseHex(lfdi));
                r.setStatus((short) 1);
                MRIDType m = new MRIDType();
                m.setValue(c.getMRID().getValue());
                r.setSubject(m);
                assertEquals(201, device.post(replyTo, r).status());
                assertEquals(1, fx.core.events().responses(e.id()).size());
                // the notifier's producer queues asynchronously after the event change: await it (flake seen once)
                java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
                long accepted = SepAdmin.of(fx.server.services()).delivery().pending() + fx.server.deliveryStats().delivered();
                while (accepted < 1 && java.time.Instant.now().isBefore(deadline)) {
                    java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll, bounded by the deadline
                    accepted = SepAdmin.of(fx.server.services()).delivery().pending() + fx.server.deliveryStats().delivered();
                }
                assertEquals(1, accepted, "the notification was accepted");
            }
            listener.answer(() -> 204);
            try (SepFixture fx = new SepFixture(slow, data); SepFixture.Client device = fx.client(cred)) {
                assertEquals(edev, SepServerIT.register(device, cred), "the EndDevice survived");
                SubscriptionList subs = device.get(edev + "/sub").resource(SubscriptionList.class);
                assertEquals(1, subs.getAll());
                assertEquals(sub, subs.getSubscription().get(0).getHref());
                assertEquals(1, device.get(replyTo).resource(ResponseList.class).getAll());
                NotificationListener.Received n = listener.next();
                assertEquals(sub, n.notification().getSubscriptionURI());
                assertInstanceOf(DERControlList.class, n.notification().getResource());
                assertTrue(fx.server.awaitDeliveries(Duration.ofSeconds(20)));
                assertEquals(0, SepAdmin.of(fx.server.services()).delivery().pending());
                assertEquals(1, SepAdmin.of(fx.server.services()).delivery().delivered());
                assertEquals(1, SepAdmin.of(fx.server.services()).devices().size());
            }
        }
    }
}
