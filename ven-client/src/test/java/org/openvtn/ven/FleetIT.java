package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.schemas.OadrCodec;
import org.openvtn.schemas.PublishedSchemas;
import org.openvtn.ven.testing.FakeVtn;
import org.openvtn.ven.testing.VtnMessages.EventSpec;

/**
 * A fleet of 200 VENs in one JVM sharing one {@link VenRuntime} (one event loop group, one codec):
 * all register over mutual TLS, and all see one event. The real-VTN version of this test waits for
 * the vtn-server module.
 */
class FleetIT {

    static final int FLEET = 200;

    @Test
    void twoHundredVensRegisterAndAllSeeOneEvent() throws Exception {
        TestPki pki = TestPki.shared();
        var clientTls = pki.oadrClientConfig(pki.venEcc()).build();
        Set<String> saw = ConcurrentHashMap.newKeySet();
        CountDownLatch allSaw = new CountDownLatch(FLEET);
        List<VenClient> fleet = new ArrayList<>();
        try (FakeVtn vtn = new FakeVtn(OadrCodec.create(new PublishedSchemas()), pki.oadrServerConfig().build());
             VenRuntime runtime = VenRuntime.create(2, 2)) {
            RegistrationStore store = RegistrationStore.inMemory();
            for (int i = 0; i < FLEET; i++) {
                String name = "rack-" + i;
                fleet.add(VenClient.builder().vtnUrl(vtn.url()).venName(name).tlsConfig(clientTls)
                        .registrationStore(store).runtime(runtime).pollInterval(Duration.ofHours(1))
                        .retryPolicy(new RetryPolicy(5, Duration.ofMillis(50), Duration.ofSeconds(1), 2, 0.5))
                        .listener(new VenListener() {
                            @Override
                            public void onEvent(DrEvent event) {
                                if (saw.add(name)) {
                                    allSaw.countDown();
                                }
                            }
                        }).build());
            }
            CompletableFuture.allOf(fleet.stream().map(VenClient::startAsync).toArray(CompletableFuture[]::new))
                    .get(90, TimeUnit.SECONDS);
            assertEquals(FLEET, vtn.vensByName.size());
            assertTrue(fleet.stream().allMatch(c -> c.registration().isPresent()));

            vtn.putEvent(new EventSpec("fleet-event", 0, Instant.now().plusSeconds(600), Duration.ofMinutes(15),
                    Duration.ofMinutes(5), "SIMPLE", 1, false, false));
            CompletableFuture.allOf(fleet.stream().map(VenClient::pollAsync).toArray(CompletableFuture[]::new))
                    .get(60, TimeUnit.SECONDS);
            assertTrue(allSaw.await(30, TimeUnit.SECONDS), "VENs that saw the event: " + saw.size());
            // A few handshakes under load may be retried; every client otherwise keeps one connection.
            assertTrue(vtn.connections() <= FLEET + FLEET / 5, "connections are kept alive: " + vtn.connections());
        } finally {
            fleet.forEach(VenClient::close);
        }
    }
}
