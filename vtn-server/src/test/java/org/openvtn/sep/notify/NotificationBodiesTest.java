package org.openvtn.sep.notify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.schemas.SepCodec;
import org.openvtn.schemas.sep.Notification;
import org.openvtn.schemas.sep.Resource;
import org.openvtn.sep.service.ControlResources;
import org.openvtn.sep.service.ListQuery;
import org.openvtn.sep.service.SepControl;
import org.openvtn.sep.service.SepPaths;
import org.openvtn.sep.store.SepEndDevice;
import org.openvtn.sep.store.SepSubscription;

/**
 * Issue #18: Notifications (IEEE 2030.5-2018 §5.6, CSIP CORE-018/019) rendered once per resource version, with only
 * the device and subscription numbers per subscriber ({@link NotificationBodies}, {@link HrefTemplate}): every body
 * equals, byte for byte, the validating codec's direct encoding of that subscriber's Notification.
 */
class NotificationBodiesTest {
    private static final SepCodec CODEC = SepCodec.create(new PublishedSchemas());
    private static final ControlResources CONTROLS = new ControlResources(900, (short) 1);
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    private static Resource list(long device, long version, int n) {
        List<SepControl> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(SepControl.single(SepControl.Kind.DER_CONTROL, "p", "e", "e#" + i, version, T0,
                    T0.plusSeconds(600L * i), Duration.ofMinutes(10), (short) 0, T0,
                    SepControl.Mode.OP_MOD_MAX_LIM_W, 5000, 0, 0, -1));
        }
        ListQuery.Page<SepControl> page = ListQuery.parse(Map.of("l", "24")).page(all, null);
        return CONTROLS.derControlList(SepPaths.dercList(device, "p"),
                new SepEndDevice(device, "l", device, T0, null, null, null), page);
    }

    private static SepSubscription sub(long id, long device, long limit) {
        return new SepSubscription(id, device, SepPaths.dercList(device, "p"), (short) 0, "+S1", limit,
                "https://127.0.0.1:1/n", T0, 0, 0);
    }

    private static byte[] direct(SepSubscription s, Resource r, short status) throws Exception {
        Notification n = new Notification();
        n.setSubscribedResource(s.subscribedResource());
        n.setSubscriptionURI(SepPaths.sub(s.deviceId(), s.id()));
        n.setStatus(status);
        n.setResource(r);
        return CODEC.encode(n);
    }

    private static SepNotifier.Rendered shared(Object key, Resource r) {
        return new SepNotifier.Rendered() {
            @Override public Resource resource() { return r; }
            @Override public Object sharedKey() { return key; }
        };
    }

    /** Subscribers of other devices and subscriptions (ids of other lengths, prefixes of each other) get their own. */
    @Test
    void sharedNotificationsEqualTheCodecsOutput() throws Exception {
        NotificationBodies bodies = new NotificationBodies(CODEC);
        long[][] subs = {{7, 3}, {1, 1}, {70, 33}, {3, 7}, {123_456_789_012L, 9_876_543_210L}, {7, 3}};
        for (int version = 1; version <= 2; version++) {
            for (long[] x : subs) {
                SepSubscription s = sub(x[1], x[0], 24);
                Resource r = list(x[0], version, 5);
                assertArrayEquals(direct(s, r, (short) 0), bodies.encode(s, Optional.of(shared("v" + version, r))),
                        "device " + x[0] + " subscription " + x[1] + " version " + version);
            }
        }
    }

    /** Not shared, or gone (status 4, the subscription ends): encoded per subscriber as before. */
    @Test
    void unsharedAndGone() throws Exception {
        NotificationBodies bodies = new NotificationBodies(CODEC);
        SepSubscription s = sub(4, 8, 0);
        Resource r = list(8, 1, 2);
        assertArrayEquals(direct(s, r, (short) 0), bodies.encode(s, Optional.of(SepNotifier.Rendered.of(r))));
        assertArrayEquals(direct(s, null, (short) 4), bodies.encode(s, Optional.empty()));
    }

    /** The cuts: only whole {@code /edev/{id}/} and {@code /sub/{id}<} literals. */
    @Test
    void cutsOnlyWholeIds() {
        byte[] body = "<a href=\"/edev/1/x\" b=\"/edev/12/y\">/edev/1/sub/4</a><c>/sub/45</c>"
                .getBytes(StandardCharsets.US_ASCII);
        HrefTemplate t = HrefTemplate.cut(body, 1, 4);
        assertEquals(2, t.deviceCuts());
        assertEquals("<a href=\"/edev/90/x\" b=\"/edev/12/y\">/edev/90/sub/6</a><c>/sub/45</c>",
                new String(t.fill(90, 6), StandardCharsets.US_ASCII));
    }
}
