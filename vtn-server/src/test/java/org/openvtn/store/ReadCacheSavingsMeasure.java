package org.openvtn.store;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openvtn.core.PollQueue;
import org.openvtn.core.RegistrationRequest;
import org.openvtn.core.service.CoreConfig;
import org.openvtn.core.service.VtnCore;
import org.openvtn.sep.store.JdbcSepStore;

/**
 * Issue #19 (docs/deployment.md "Read caches on PostgreSQL"): what a read cache on PostgreSQL could save at most. Runs
 * the two look-ups the Derby caches answer from memory, an idle oadrPoll's queue check ({@link PollQueue#pending}) and
 * the 2030.5 EndDevice-by-LFDI look-up, on Derby (cached) and on the tests' PostgreSQL (read through), and prints round
 * trips, this thread's CPU and allocation per call; and an idle oadrPoll on PostgreSQL with its reads apart and in one
 * statement ({@link OadrRequestReads}). A measurement, not a test: it asserts nothing and runs only with
 * {@code -Dopenvtn.measure=true}; figures go to BENCHMARKS.md with the load average.
 */
@EnabledIfSystemProperty(named = "openvtn.measure", matches = "true")
class ReadCacheSavingsMeasure {
    private static final int CALLS = 20_000;
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void derbyCachedAgainstPostgresReadThrough() {
        try (VtnCore derby = VtnCore.open(CoreConfig.builder()
                .inMemory("measure" + UUID.randomUUID().toString().replace("-", "")).build());
             VtnCore pg = VtnCore.open(CoreConfig.builder()
                     .database(PostgresServer.require().database("measure")).build())) {
            int n = 0;
            for (VtnCore core : new VtnCore[] {derby, pg, derby, pg}) { // the second round is the warm one
                n++;
                String name = core.store().database().dialect().name();
                String venId = core.registrations().register(RegistrationRequest.simple(
                        "AA:00:00:00:00:00:00:00:00:0" + n, null,
                        "ven")).participantId();
                measure(name + " pollQueue.pending (idle poll)", core.store().database(),
                        () -> core.pollQueue().pending(venId));
                JdbcSepStore devices = JdbcSepStore.on(core.store());
                String lfdi = UUID.randomUUID().toString().replace("-", "").toUpperCase() + "00000000";
                devices.insert(lfdi, 1L, T0);
                measure(name + " sep findByLfdi", core.store().database(), () -> devices.findByLfdi(lfdi));
            }
        }
    }

    /**
     * Issue #19: an idle oadrPoll as the OpenADR listener serves it on PostgreSQL (admission, then the poll service),
     * its reads apart (as before {@link OadrRequestReads}) and in one statement (inside a request scope).
     */
    @Test
    void idlePollOnPostgresReadApartAndInOneStatement() {
        try (VtnCore pg = VtnCore.open(CoreConfig.builder().database(PostgresServer.require().database("measure"))
                .build())) {
            String fp = "AC:00:00:00:00:00:00:00:00:19";
            String venId = pg.registrations().register(RegistrationRequest.simple(fp, null, "ven")).participantId();
            pg.pollQueue().pending(venId).forEach(p -> pg.pollQueue().acknowledge(p.seq()));
            org.openvtn.oadr20b.service.PollService polls = org.openvtn.oadr20b.service.OadrServices.of(pg).poll();
            org.openvtn.oadr20b.service.OadrCaller caller = new org.openvtn.oadr20b.service.OadrCaller(fp, "CN=ven");
            org.openvtn.schemas.oadr20b.OadrPollType request = new org.openvtn.schemas.oadr20b.OadrPollType();
            request.setSchemaVersion("2.0b");
            request.setVenID(venId);
            Runnable poll = () -> {
                pg.participants().admit(org.openvtn.core.ParticipantId.oadr(fp),
                        org.openvtn.core.EnrolmentPolicy.OPEN);
                polls.poll(caller, request);
            };
            for (int round = 0; round < 2; round++) { // the second round is the warm one
                measure("postgresql idle oadrPoll, reads apart", pg.store().database(), poll);
                measure("postgresql idle oadrPoll, one statement", pg.store().database(), () -> {
                    try (OadrRequestReads.Scope s = OadrRequestReads.scope()) {
                        poll.run();
                    }
                });
            }
        }
    }

    private static void measure(String what, Database db, Runnable call) {
        com.sun.management.ThreadMXBean t = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < 1000; i++) {
            call.run();
        }
        long trips = db.transactions();
        long cpu = t.getCurrentThreadCpuTime();
        long bytes = t.getThreadAllocatedBytes(id);
        long wall = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        System.out.printf("MEASURE %-40s round trips/call %.2f  thread CPU %.1f us/call  alloc %d B/call  wall %.1f"
                + " us/call%n", what, (db.transactions() - trips) / (double) CALLS,
                (t.getCurrentThreadCpuTime() - cpu) / 1000.0 / CALLS, (t.getThreadAllocatedBytes(id) - bytes) / CALLS,
                (System.nanoTime() - wall) / 1000.0 / CALLS);
    }
}
