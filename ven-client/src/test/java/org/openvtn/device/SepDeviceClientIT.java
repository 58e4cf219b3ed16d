package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Event;
import org.openvtn.core.Program;
import org.openvtn.device.engine.EffectiveControl;

/**
 * The device client against OpenVTN's own IEEE 2030.5 server over real sockets: mutual TLS 1.2 with
 * TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8 and certificates generated at test time, real Derby, every document validated
 * against sep.xsd on both sides (issue #16 items 1-4 and 8).
 */
class SepDeviceClientIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential DEVICE = SepTestServer.PKI.device();

    @TempDir
    Path tmp;

    private static SepDeviceClientBuilder client(SepTestServer s, EffectiveRecorder rec) {
        return SepDeviceClient.builder().server(s.dcapUrl())
                .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build()).listener(rec)
                .maxRetryDelay(Duration.ofMillis(500));
    }

    private static String lfdi() {
        return SepIdentity.lfdi(DEVICE.certificate());
    }

    private static boolean targetW(Map<String, EffectiveControl> m, double watts) {
        EffectiveControl c = m.get("opModTargetW");
        return c != null && Math.abs(EffectiveRecorder.watts(c) - watts) < 0.5;
    }

    /**
     * Discovery walk (IEEE 2030.5-2018 §6.1.2 -> §6.3 Time -> §8.2 EndDevice self-registration -> §6.4 FSA ->
     * §10.10 DERProgram -> DERControlList): a DERControl created through the server's event model becomes the
     * effective control, and the engine's Response (Table 27 "event received", responseRequired bit 0) is recorded
     * by the server as the event's response.
     */
    @Test
    void walkRegistersAndTheActiveDerControlBecomesEffective() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("der");
            Event e = s.targetW(p, lfdi(), Instant.now().minusSeconds(60), Duration.ofHours(1), 5.0);
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).build()) {
                assertTrue(s.server.endDevices().byLfdi(lfdi()).isEmpty(), "not registered before the walk");
                c.start();
                assertTrue(s.server.endDevices().byLfdi(lfdi()).isPresent(), "self-registered by POST EndDevice");
                assertTrue(c.endDeviceHref().isPresent());
                assertTrue(c.polling(), "no notification listener: polled at pollRate");
                EffectiveControl ctl = rec.await(m -> targetW(m, 5000), WAIT).get("opModTargetW");
                assertTrue(ctl.source().contains("/derc/"), "the source is the DERControl's href: " + ctl.source());
                assertEquals(ctl, c.effective().get("opModTargetW"), "the query agrees with the callback");
                assertFalse(s.core.events().responses(e.id()).isEmpty(), "the server recorded the device's Response");
            }
        }
    }

    /**
     * Subscription/Notification (§5.6): the client subscribes to the subscribable lists it read; a control created
     * afterwards reaches it by notification although the server's pollRate is 15 minutes.
     */
    @Test
    void aNewControlArrivesByNotification() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("der");
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).notificationListener("127.0.0.1", 0).build()) {
                c.start();
                assertFalse(c.polling(), "every watched resource is subscribed");
                assertTrue(c.effective().isEmpty());
                Event e = s.targetW(p, lfdi(), Instant.now().minusSeconds(10), Duration.ofHours(1), 3.0);
                rec.await(m -> targetW(m, 3000), WAIT);
                assertTrue(c.walks() + c.refetches() >= 2, "the notification triggered a re-fetch or a walk");
                c.refresh(); // runs after the notification's walk and its Responses on the client's worker
                assertFalse(s.core.events().responses(e.id()).isEmpty(), "the server recorded the device's Response");
            }
        }
    }

    /**
     * Restart of the server (§5.6 subscriptions are durable on OpenVTN; the client re-walks on reconnect): after a
     * stop/start on the same Derby directory and port, a new control still reaches the device by notification and
     * the device's next request opens a new TLS connection.
     */
    @Test
    void serverRestartIsRecovered() throws Exception {
        try (SepTestServer s = new SepTestServer(tmp.resolve("db"), 900)) {
            Program p = s.program("der");
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).notificationListener("127.0.0.1", 0).build()) {
                c.start();
                s.restart();
                s.targetW(p, lfdi(), Instant.now().minusSeconds(10), Duration.ofHours(1), 2.0);
                rec.await(m -> targetW(m, 2000), WAIT);
                c.refresh();
                assertTrue(targetW(c.effective(), 2000));
            }
        }
    }

    /**
     * List paging (§5.5.3 s/a/l; CSIP CORE-004): with one item per page the client still reads every DERControl of
     * the list to its {@code all} (each answered with its "received" Response) and the one in force wins.
     */
    @Test
    void everyPageOfAListIsRead() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("der");
            Instant now = Instant.now();
            Event later1 = s.targetW(p, lfdi(), now.plusSeconds(7200), Duration.ofMinutes(30), 1.0);
            Event later2 = s.targetW(p, lfdi(), now.plusSeconds(9000), Duration.ofMinutes(30), 2.0);
            Event active = s.targetW(p, lfdi(), now.minusSeconds(60), Duration.ofMinutes(30), 6.0);
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = client(s, rec).listPageSize(1).build()) {
                c.start();
                rec.await(m -> targetW(m, 6000), WAIT);
                for (Event e : List.of(later1, later2, active)) {
                    assertFalse(s.core.events().responses(e.id()).isEmpty(), "read and answered: " + e.id());
                }
            }
        }
    }

    /** §6.11 / CSIP COMM-003: a server whose certificate does not chain to the configured SERCA is refused. */
    @Test
    void aServerOutsideTheSercaIsRefused() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            try (SepDeviceClient wrong = SepDeviceClient.builder().server(s.dcapUrl())
                    .keyStore(keyStore(DEVICE), "pw".toCharArray())
                    .trustAnchors(List.of(SepTestServer.PKI.venEcc().certificate())).maxRetryDelay(Duration.ofSeconds(5))
                    .build()) {
                SepDeviceException e = assertThrows(SepDeviceException.class, wrong::start);
                assertEquals(0, e.httpStatus());
                assertTrue(s.server.endDevices().byLfdi(lfdi()).isEmpty(), "nothing reached the server");
            }
        }
    }

    /** §8.3 Registration / CSIP-AUS ALL-05: the PIN the server holds must be the configured one. */
    @Test
    void registrationPinIsChecked() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            int pin = SepIdentity.pinWithCheckDigit(12345);
            int other = SepIdentity.pinWithCheckDigit(54321);
            s.server.endDevices().provision(lfdi(), pin);
            try (SepDeviceClient bad = client(s, new EffectiveRecorder()).pin(other).build()) {
                SepDeviceException e = assertThrows(SepDeviceException.class, bad::start);
                assertTrue(e.getMessage().contains("PIN"), e.getMessage());
            }
            try (SepDeviceClient good = client(s, new EffectiveRecorder()).pin(pin).build()) {
                good.start();
                assertEquals(1, good.walks());
            }
        }
    }

    /**
     * CSIP-AUS S-ALL-51: the server answers a second registration of an LFDI with 409 and the existing EndDevice's
     * Location. A device whose list read missed its EndDevice (registered meanwhile, here by the operator) POSTs,
     * gets the 409 and follows the Location instead of failing.
     */
    @Test
    void alreadyRegisteredAnswerIsFollowed() throws Exception {
        try (SepTestServer s = new SepTestServer(null, 900)) {
            long id = s.server.endDevices().provision(lfdi(), SepIdentity.pinWithCheckDigit(11223)).id();
            s.staleEndDeviceListOnce.set(true);
            try (SepDeviceClient c = client(s, new EffectiveRecorder()).build()) {
                c.start();
                assertEquals(1, c.walks());
                assertTrue(s.requests.contains("POST /edev"), "the walk registered: " + s.requests);
                assertTrue(s.requests.contains("GET /edev/" + id), "and followed the 409 Location: " + s.requests);
            }
        }
    }

    private static java.security.KeyStore keyStore(Credential c) throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("device", c.key(), "pw".toCharArray(), c.chain().toArray(new java.security.cert.Certificate[0]));
        return ks;
    }
}
