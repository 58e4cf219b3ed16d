package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;
import org.openvtn.device.engine.EffectiveControl;

/**
 * A fleet in one process (issue #16 "fleets that scale") against OpenVTN's 2030.5 server over mutual TLS: two
 * devices, each with its own certificate and EndDevice, share one runtime (worker threads, timers, codec) and one
 * notification listener; each subscribes with its own notificationURI (§5.6.2) and a control created later for each
 * reaches the right device by notification although the server's pollRate is 15 minutes.
 */
class SepNotificationHubIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void twoDevicesShareOneListenerAndEachGetsItsOwnControl() throws Exception {
        Credential a = SepTestServer.PKI.device();
        Credential b = SepTestServer.PKI.credential("device-0002");
        try (SepTestServer s = new SepTestServer(null, 900);
             SepDeviceRuntime runtime = SepDeviceRuntime.create(1, 2);
             SepNotificationHub hub = SepNotificationHub.bind(runtime, SepTestServer.PKI.sepClientConfig(a).build(),
                     "127.0.0.1", 0, null)) {
            Program p = s.program("der");
            EffectiveRecorder recA = new EffectiveRecorder();
            EffectiveRecorder recB = new EffectiveRecorder();
            try (SepDeviceClient ca = device(s, runtime, hub, a, recA);
                 SepDeviceClient cb = device(s, runtime, hub, b, recB)) {
                ca.start();
                cb.start();
                assertEquals(2, hub.devices());
                assertFalse(ca.polling(), "device A subscribed through the hub");
                assertFalse(cb.polling(), "device B subscribed through the hub");
                s.targetW(p, SepIdentity.lfdi(a.certificate()), Instant.now().minusSeconds(10), Duration.ofHours(1),
                        3.0);
                s.targetW(p, SepIdentity.lfdi(b.certificate()), Instant.now().minusSeconds(10), Duration.ofHours(1),
                        4.0);
                recA.await(m -> has(m, 3000), WAIT);
                recB.await(m -> has(m, 4000), WAIT);
                assertTrue(ca.walks() + ca.refetches() >= 2 && cb.walks() + cb.refetches() >= 2,
                        "notifications triggered re-fetches or walks");
                assertFalse(has(ca.effective(), 4000), "B's control did not reach A");
            }
            assertEquals(0, hub.devices(), "closed clients leave the hub");
        }
    }

    /** A client uses either the fleet's hub or a listener of its own. */
    @Test
    void hubAndOwnListenerExcludeEachOther() {
        try (SepDeviceRuntime runtime = SepDeviceRuntime.create(1, 1);
             SepNotificationHub hub = SepNotificationHub.bind(runtime,
                     SepTestServer.PKI.sepClientConfig(SepTestServer.PKI.device()).build(), "127.0.0.1", 0, null)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SepDeviceClient.builder()
                    .server("https://127.0.0.1:1/dcap")
                    .tlsConfig(SepTestServer.PKI.sepClientConfig(SepTestServer.PKI.device()).build())
                    .listener(m -> { }).notificationHub(hub).notificationListener("127.0.0.1", 0).build());
            assertEquals("notificationHub excludes notificationListener: choose one", e.getMessage());
        }
    }

    private static boolean has(Map<String, EffectiveControl> m, double watts) {
        EffectiveControl c = m.get("opModTargetW");
        return c != null && Math.abs(EffectiveRecorder.watts(c) - watts) < 0.5;
    }

    private static SepDeviceClient device(SepTestServer s, SepDeviceRuntime runtime, SepNotificationHub hub,
                                          Credential cred, EffectiveRecorder rec) {
        return SepDeviceClient.builder().server(s.dcapUrl())
                .tlsConfig(SepTestServer.PKI.sepClientConfig(cred).build()).listener(rec)
                .runtime(runtime).notificationHub(hub).maxRetryDelay(Duration.ofMillis(500)).build();
    }
}
