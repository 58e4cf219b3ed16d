package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.core.Registration;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RealVtn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 5 fleet test against the real VTN: 200 VENs in one JVM sharing one {@link VenRuntime}, each with its own
 * certificate (the VTN's identity of a VEN), register over mutual TLS (N1_0020) and all see one event the operator
 * creates through the admin API for every VEN ({@code "targets": {"all": true}}, E1_1020). The phase times are
 * logged; the bounds below are generous timeouts, not performance assertions.
 */
class RealVtnFleetIT {
    private static final Logger LOG = LoggerFactory.getLogger(RealVtnFleetIT.class);
    static final int FLEET = 200;

    @Test
    void twoHundredVensRegisterWithTheRealVtnAndAllSeeOneEvent() throws Exception {
        TestPki pki = TestPki.shared();
        Set<String> saw = ConcurrentHashMap.newKeySet();
        CountDownLatch allSaw = new CountDownLatch(FLEET);
        List<VenClient> fleet = new ArrayList<>();
        try (VtnServer vtn = RealVtn.startInMemory(pki, "ven-fleet");
             VenRuntime runtime = VenRuntime.create(2, 2)) {
            try {
                run(pki, vtn, runtime, fleet, saw, allSaw);
            } finally {
                fleet.forEach(VenClient::close);
            }
        }
    }

    private static void run(TestPki pki, VtnServer vtn, VenRuntime runtime, List<VenClient> fleet, Set<String> saw,
                            CountDownLatch allSaw) throws Exception {
        long t0 = System.nanoTime();
        for (int i = 0; i < FLEET; i++) {
            Credential cred = RealVtn.credential(pki, "fleet-" + i + "-" + System.nanoTime());
            String name = cred.name();
            fleet.add(RealVtn.client(pki, vtn, cred, new VenListener() {
                @Override
                public void onEvent(DrEvent event) {
                    if (saw.add(name)) {
                        allSaw.countDown();
                    }
                }
            }).runtime(runtime).retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(1), 2,
                    0.5)).build());
        }
        long t1 = System.nanoTime();
        CompletableFuture.allOf(fleet.stream().map(VenClient::startAsync).toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        long t2 = System.nanoTime();
        Set<String> registered = vtn.core().registrations().list().stream().filter(Registration::active)
                .map(Registration::participantId).collect(Collectors.toSet());
        assertEquals(FLEET, registered.size());
        assertEquals(registered, fleet.stream().map(c -> c.registration().orElseThrow().venId())
                .collect(Collectors.toSet()));

        RealVtn.Admin admin = new RealVtn.Admin(vtn);
        String program = admin.post("/programs", Map.of("name", "fleet", "marketContext",
                "http://market.example/fleet")).ok().get("id").asText();
        String eventId = admin.post("/events", Map.of("programId", program,
                "start", Instant.now().plus(Duration.ofHours(1)).toString(),
                "signals", List.of(Map.of("name", "SIMPLE", "type", "level",
                        "intervals", List.of(Map.of("duration", "PT15M", "value", 1)))),
                "targets", Map.of("all", true))).ok().get("id").asText();
        CompletableFuture.allOf(fleet.stream().map(VenClient::pollAsync).toArray(CompletableFuture[]::new))
                .get(120, TimeUnit.SECONDS);
        assertTrue(allSaw.await(60, TimeUnit.SECONDS), "VENs that saw the event: " + saw.size());
        long t3 = System.nanoTime();
        assertTrue(fleet.stream().allMatch(c -> c.events().stream().anyMatch(e -> e.eventId().equals(eventId))));
        LOG.info("fleet of {}: certificates and clients {} ms, registration {} ms, event to all {} ms", FLEET,
                (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    }
}
