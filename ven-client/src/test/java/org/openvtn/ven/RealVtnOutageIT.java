package org.openvtn.ven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openvtn.certs.pki.Credential;
import org.openvtn.certs.testing.TestPki;
import org.openvtn.server.VtnConfig;
import org.openvtn.server.VtnServer;
import org.openvtn.ven.testing.RealVtn;

/**
 * Issue 5 "VTN down and back up" against the real VTN: the VtnServer stops while the client polls; the client reports
 * transport errors through {@link VenListener#onError}, spaces its polls by the {@link RetryPolicy} curve (never a
 * busy loop), and when a new VtnServer starts on the same port and the same Derby data directory it resumes polling
 * with its registration (no oadrCreatePartyRegistration, N1_0015 semantics) and receives an event created after the
 * restart through the admin API (E1_1020).
 */
class RealVtnOutageIT {

    /** Poll-loop failures observed before the VTN comes back. */
    private static final int FAILURES = 4;

    @Test
    void clientBacksOffWhileTheVtnIsDownAndResumesWithItsRegistration(@TempDir Path data) throws Exception {
        TestPki pki = TestPki.shared();
        Credential cred = RealVtn.credential(pki, "outage-ven-" + System.nanoTime());
        RetryPolicy retry = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofMillis(800), 2, 0);

        List<Long> failureTimes = new CopyOnWriteArrayList<>();
        CountDownLatch failures = new CountDownLatch(FAILURES);
        AtomicInteger registrations = new AtomicInteger();
        CompletableFuture<DrEvent> event = new CompletableFuture<>();
        VenListener listener = new VenListener() {
            @Override
            public void onError(VenException error) {
                if (error.kind() == VenException.Kind.TRANSPORT) {
                    failureTimes.add(System.nanoTime());
                    failures.countDown();
                }
            }

            @Override
            public void onRegistrationChanged(RegistrationInfo registration) {
                registrations.incrementAndGet();
            }

            @Override
            public void onEvent(DrEvent e) {
                event.complete(e);
            }
        };

        VtnConfig.Builder config = RealVtn.config(pki).dataDir(data).stopTimeout(Duration.ofMillis(500));
        VtnServer first = VtnServer.start(config.build());
        int port = first.oadrPort();
        VtnServer second = null;
        boolean firstStopped = false;
        // Callbacks run directly on the client's protocol thread, so a failure is timestamped in the same task that
        // schedules the next poll: the gap to the next failure is at least the backoff delay.
        try (VenClient client = RealVtn.client(pki, first, cred, listener).pollInterval(Duration.ofMillis(150))
                .honourVtnPollFrequency(false).retryPolicy(retry).callbackExecutor(Runnable::run).build()) {
            RegistrationInfo r = client.start();
            assertEquals(1, registrations.get());

            first.close();
            firstStopped = true;
            assertTrue(failures.await(60, TimeUnit.SECONDS), "transport failures reported: " + failureTimes.size());
            assertTrue(client.registration().isPresent(), "the registration is kept while the VTN is down");
            Random noJitter = new Random(1);
            for (int n = 1; n < FAILURES; n++) {
                long gap = failureTimes.get(n) - failureTimes.get(n - 1);
                long backoff = retry.delay(n, noJitter).toNanos();
                assertTrue(gap >= backoff, "poll failure " + n + " -> " + (n + 1) + " after " + gap / 1_000_000
                        + " ms, backoff is " + backoff / 1_000_000 + " ms");
            }

            second = VtnServer.start(config.oadrPort(port).build());
            assertEquals(port, second.oadrPort());
            RealVtn.Admin admin = new RealVtn.Admin(second);
            String program = admin.post("/programs", Map.of("name", "outage", "marketContext",
                    "http://market.example/outage")).ok().get("id").asText();
            String eventId = admin.post("/events", Map.of("programId", program,
                    "start", Instant.now().plus(Duration.ofHours(2)).toString(),
                    "signals", List.of(Map.of("name", "SIMPLE", "type", "level",
                            "intervals", List.of(Map.of("duration", "PT30M", "value", 2)))),
                    "targets", Map.of("venIds", List.of(r.venId())))).ok().get("id").asText();

            DrEvent seen = event.get(60, TimeUnit.SECONDS);
            assertEquals(eventId, seen.eventId());
            assertEquals(r, client.registration().orElseThrow());
            assertEquals(1, registrations.get(), "no registration change across the outage");
            assertEquals(r.registrationId(), second.core().registrations().byVenId(r.venId()).orElseThrow()
                    .registrationId(), "the restarted VTN kept the registration; the client did not register again");
        } finally {
            if (!firstStopped) {
                first.close();
            }
            if (second != null) {
                second.close();
            }
        }
    }
}
