package org.openvtn.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.certs.pki.Credential;
import org.openvtn.core.Program;

/**
 * A notification makes the device re-read only what it names (IEEE 2030.5-2018 §5.6.2: a Notification carries its
 * subscribedResource), counted on OpenVTN's own server over real sockets (CCM_8, TestPki): a new DERControl reaches
 * the device with GETs of the resources the notifications named only (the program's control lists; program lists
 * compared with the walk's) — no DeviceCapability, Time or EndDevice read, which a full re-walk would do.
 */
class SepTargetedRefetchIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Credential DEVICE = SepTestServer.PKI.device();

    /**
     * §5.6.2 Notification (status 0, subscribedResource = the DERControlList) -> one re-fetch of that list, the new
     * control effective, no walk; the server's request record holds no GET of the DeviceCapability or EndDevice.
     */
    @Test
    void aControlNotificationReReadsOnlyTheControlList() throws Exception {
        String lfdi = SepIdentity.lfdi(DEVICE.certificate());
        try (SepTestServer s = new SepTestServer(null, 900)) {
            Program p = s.program("der");
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = started(s, p, lfdi, rec)) {
                int walks = c.walks();
                List<String> walkGets = gets(s);
                assertTrue(walkGets.contains("GET /dcap"), "the first walk read the DeviceCapability: " + walkGets);
                s.requests.clear();

                List<String> gets = getsUntilEffective(s, rec, p, lfdi, 2.5);
                assertEquals(walks, c.walks(), "no walk: " + gets);
                assertTrue(c.refetches() >= 1, "served by a re-fetch");
                assertFalse(gets.isEmpty(), "the control list was read");
                assertFalse(gets.contains("GET /dcap"), "no DeviceCapability read: " + gets);
                assertFalse(gets.contains("GET " + c.endDeviceHref().orElseThrow()), "no EndDevice read: " + gets);
                assertTrue(walkGets.containsAll(gets), "only resources the walk had read: " + gets);
                assertTrue(gets.size() < walkGets.size(), "fewer GETs than a walk: " + gets + " vs " + walkGets);
            }
        }
    }

    /**
     * The bench defect (BENCHMARKS.md §8, quiet 10,000-device run): a program created after the devices walked makes
     * the server notify each device's EndDevice and FunctionSetAssignmentsList (§5.6.2), and each device walked
     * everything again. Now the EndDevice notification's links are compared with the walk's (unchanged: nothing to
     * read, the FSA list has its own subscription) and the FSA notification re-walks from the FunctionSetAssignmentsList
     * only, reading the new program's lists and keeping the known one's: no DeviceCapability, Time, EndDeviceList or
     * EndDevice GET, no GET of the known program's DERControlList, and no walk.
     */
    @Test
    void aNewProgramIsReadFromTheFunctionSetAssignmentsDown() throws Exception {
        String lfdi = SepIdentity.lfdi(DEVICE.certificate());
        try (SepTestServer s = new SepTestServer(null, 900)) {
            EffectiveRecorder rec = new EffectiveRecorder();
            try (SepDeviceClient c = started(s, s.program("der-known"), lfdi, rec)) {
                int walks = c.walks();
                List<String> walkGets = gets(s);
                String knownControls = walkGets.stream().filter(g -> g.contains("/derc")).findFirst().orElseThrow();
                s.requests.clear();

                List<String> gets = getsUntilEffective(s, rec, s.program("der-added"), lfdi, 3.5);
                assertEquals(walks, c.walks(), "no full walk: " + gets);
                assertTrue(c.refetches() >= 1, "served from the notifications: " + gets);
                assertFalse(gets.contains("GET /dcap"), "no DeviceCapability read: " + gets);
                assertFalse(gets.stream().anyMatch(g -> g.startsWith("GET /tm")), "no Time read: " + gets);
                assertFalse(gets.contains("GET /edev"), "no EndDeviceList read: " + gets);
                assertFalse(gets.contains("GET " + c.endDeviceHref().orElseThrow()), "no EndDevice read: " + gets);
                assertFalse(gets.contains(knownControls), "the known program's controls kept: " + gets);
                assertTrue(gets.size() < walkGets.size(), "fewer GETs than a walk: " + gets + " vs " + walkGets);
                assertFalse(c.polling(), "subscribed to the new program's lists too");
            }
        }
    }

    /**
     * A device with a notification listener, started against {@code s} after a later event made {@code known} (and
     * its DERControlList) part of its first walk; subscribed to everything it watches, deliveries settled.
     */
    private static SepDeviceClient started(SepTestServer s, Program known, String lfdi, EffectiveRecorder rec)
            throws Exception {
        s.targetW(known, lfdi, Instant.now().plus(Duration.ofHours(6)), Duration.ofHours(1), 0.5);
        SepDeviceClient c = SepDeviceClient.builder().server(s.dcapUrl())
                .tlsConfig(SepTestServer.PKI.sepClientConfig(DEVICE).build()).listener(rec)
                .maxRetryDelay(Duration.ofMillis(500)).notificationListener("127.0.0.1", 0).build();
        try {
            c.start();
            assertFalse(c.polling(), "subscribed to everything it watches");
            assertTrue(s.server.awaitDeliveries(WAIT));
            return c;
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
    }

    /** An active event of {@code kW} in {@code p}: the GETs the server saw until it was effective and delivered. */
    private static List<String> getsUntilEffective(SepTestServer s, EffectiveRecorder rec, Program p, String lfdi,
                                                   double kW) throws Exception {
        s.targetW(p, lfdi, Instant.now().minusSeconds(10), Duration.ofHours(1), kW);
        rec.await(m -> m.containsKey("opModTargetW")
                && EffectiveRecorder.watts(m.get("opModTargetW")) == kW * 1000, WAIT);
        assertTrue(s.server.awaitDeliveries(WAIT));
        return gets(s);
    }

    private static List<String> gets(SepTestServer s) {
        return s.requests.stream().filter(r -> r.startsWith("GET ")).toList();
    }
}
