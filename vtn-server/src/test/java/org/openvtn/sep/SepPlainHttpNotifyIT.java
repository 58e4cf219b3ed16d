package org.openvtn.sep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.schemas.sep.EndDevice;
import org.openvtn.schemas.sep.Error;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.sep.notify.DeliveryPolicy;
import org.openvtn.sep.notify.NotificationTargets;

/**
 * Issue #17: plain-http notificationURIs on loopback only where the operator allowed them
 * ({@code openvtn dev --allow-http-notify-loopback}, {@link NotificationTargets#withPlainHttpOnLoopback()}) — a test
 * harness's plain-http sink then receives the Notification; by default (and always in {@code serve}) an http URI is
 * refused with 400 reasonCode 1 (IEEE 2030.5-2018 §5.6 Subscription, notifications over TLS per §6.11).
 */
class SepPlainHttpNotifyIT {

    private static final DeliveryPolicy LOOPBACK = DeliveryPolicy.defaults().withTargets(
            NotificationTargets.publicOnly(List.of("127.0.0.0/8")));

    /** With the option: a plain-http sink on 127.0.0.1 gets the EndDevice notification. */
    @Test
    void plainHttpSinkOnLoopbackReceivesNotifications() throws Exception {
        BlockingQueue<byte[]> got = new LinkedBlockingQueue<>();
        Server sink = new Server();
        ServerConnector c = new ServerConnector(sink);
        c.setHost("127.0.0.1");
        c.setPort(0);
        sink.addConnector(c);
        sink.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                try (InputStream in = Content.Source.asInputStream(request)) {
                    got.add(in.readAllBytes());
                }
                response.setStatus(204);
                callback.succeeded();
                return true;
            }
        });
        sink.start();
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(LOOPBACK.withTargets(LOOPBACK.targets().withPlainHttpOnLoopback()), null,
                true); SepFixture.Client device = fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            String uri = "http://127.0.0.1:" + c.getLocalPort() + "/ntfy";
            SepFixture.Reply r = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev, uri, 1));
            assertEquals(201, r.status(), r.text());
            SepFixture.Reply foreign = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev,
                    "http://192.0.2.10/ntfy", 1));
            assertEquals(400, foreign.status(), "plain http only on loopback");
            int pin = java.util.stream.IntStream.range(222220, 222230).filter(SepIdentity::isValidPin).findFirst()
                    .orElseThrow();
            fx.server.endDevices().provision(SepIdentity.lfdi(cred.certificate()), pin);
            fx.server.processChanges();
            byte[] body = got.poll(20, TimeUnit.SECONDS);
            assertNotNull(body, "no notification reached the plain-http sink");
            Notification n = SepFixture.CODEC.decode(body, Notification.class);
            assertEquals(edev, n.getSubscribedResource());
            assertTrue(n.getResource() instanceof EndDevice, new String(body, StandardCharsets.UTF_8));
        } finally {
            sink.stop();
        }
    }

    /** Without the option (the default, and serve): an http notificationURI is refused, loopback or not. */
    @Test
    void plainHttpIsRefusedByDefault() throws Exception {
        Credential cred = SepFixture.PKI.device();
        try (SepFixture fx = new SepFixture(LOOPBACK, null, true); SepFixture.Client device = fx.client(cred)) {
            String edev = SepServerIT.register(device, cred);
            SepFixture.Reply r = device.post(edev + "/sub", SepSubscriptionIT.subscription(edev,
                    "http://127.0.0.1:9/ntfy", 1));
            assertEquals(400, r.status());
            assertEquals(1, r.resource(Error.class).getReasonCode());
        }
    }
}
