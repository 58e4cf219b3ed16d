package org.openvtn.sep.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.sep.store.JdbcSepRecordStore;
import org.openvtn.sep.store.JdbcSepStore;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * Issue #19, concurrent writes of the same key on two nodes: two {@link Database} pools on one PostgreSQL database
 * (two {@code openvtn serve} processes) and two threads on each write the same EndDevice (the LFDI of IEEE 2030.5-2018
 * §8.3 registration, here through {@link EndDeviceService#provision}) and the same MirrorUsagePoint mRID (§10.10
 * Metering Mirror, CSIP-AUS S-ALL-07: the same mRID again replaces the representation) at the same instant. The
 * loser of each race meets the unique key (SQLState 23505); it must re-read and answer with the winner's row, as if
 * the other node's write had come first, never fail (which would be HTTP 500).
 */
class UpsertRaceTwoNodesPgTest {
    private static final int ROUNDS = 20;
    private static final int THREADS = 4;

    @Test
    void sameLfdiProvisionedOnTwoNodesAtOnceGivesOneEndDevice() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepupsert");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            EndDeviceService[] nodes = {new EndDeviceService(JdbcSepStore.on(a), Clock.systemUTC()),
                new EndDeviceService(JdbcSepStore.on(b), Clock.systemUTC())};
            int pin = 12345 * 10 + SepIdentity.checkDigit(12345);
            race(round -> {
                String lfdi = String.format(Locale.ROOT, "%040X", 0xABC000L + round);
                return t -> nodes[t % 2].provision(lfdi, pin).id();
            });
        }
    }

    @Test
    void sameMirrorUsagePointMridPostedOnTwoNodesAtOnceGivesOneResource() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepupsert");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            JdbcSepRecordStore[] nodes = {JdbcSepRecordStore.on(a), JdbcSepRecordStore.on(b)};
            long device = JdbcSepStore.on(a).insert("00000000000000000000000000000000000000AA", 1, Instant.EPOCH).id();
            byte[] body = "<MirrorUsagePoint/>".getBytes(StandardCharsets.UTF_8);
            race(round -> {
                String mrid = String.format(Locale.ROOT, "%032X", 0xDEF000L + round);
                return t -> nodes[t % 2].mirrorUsagePoint(device, mrid, body, Instant.now()).id();
            });
        }
    }

    /**
     * The same TariffProfile, RateComponent (IEEE 2030.5-2018 Pricing) and DERCurve (DER function set), replaced by the
     * operator's PUT, written on two nodes at once: a writer that meets the key another inserted first must re-read.
     */
    @Test
    void sameTariffAndRatePutOnTwoNodesAtOnceGivesOneRow() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepupsert");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            org.openvtn.sep.store.JdbcTariffStore[] nodes = {
                org.openvtn.sep.store.JdbcTariffStore.on(a), org.openvtn.sep.store.JdbcTariffStore.on(b)};
            org.openvtn.sep.store.JdbcCurveStore[] curves = {
                org.openvtn.sep.store.JdbcCurveStore.on(a), org.openvtn.sep.store.JdbcCurveStore.on(b)};
            race(round -> t -> {
                String program = "tariff-race-" + round;
                nodes[t % 2].putTariff(program, "currency=36", Instant.now());
                curves[t % 2].put(program, 1, 0, "points=" + t, Instant.now());
                return (long) nodes[t % 2].putRate(program, 1, "signal=" + t, Instant.now()).id();
            });
            assertEquals(1, nodes[0].rates("tariff-race-0").size());
        }
    }

    /**
     * A per-device quota (here: subscriptions per EndDevice, {@link SubscriptionService#subscribe}) counted by two nodes
     * at once: the EndDevice row lock makes the second node count the first node's row, so the quota holds.
     */
    @Test
    void perDeviceQuotaCountedOnTwoNodesAtOnceHolds() throws Exception {
        DatabaseConfig db = PostgresServer.require().database("sepupsert");
        try (JdbcVtnStore a = JdbcVtnStore.open(Database.open(db));
             JdbcVtnStore b = JdbcVtnStore.open(Database.open(db))) {
            org.openvtn.sep.store.JdbcSubscriptionStore[] nodes = {
                org.openvtn.sep.store.JdbcSubscriptionStore.on(a), org.openvtn.sep.store.JdbcSubscriptionStore.on(b)};
            JdbcSepStore devices = JdbcSepStore.on(a);
            int quota = 1; // one place per round on a fresh EndDevice: any two writers counting at once overfill it
            List<Long> ids = new ArrayList<>();
            race(round -> {
                long device = devices.insert(String.format(Locale.ROOT, "%040X", 0xB0000L + round), round,
                        Instant.EPOCH).id();
                ids.add(device);
                return t -> nodes[t % 2].inTransaction(() -> {
                    nodes[t % 2].lockDevice(device);
                    if (nodes[t % 2].byDevice(device).size() < quota) {
                        nodes[t % 2].insert(device, "/edev/" + device, (short) 0, "+S1", 1, "https://d.example/" + t,
                                Instant.now());
                    }
                    return 0L;
                });
            });
            for (long device : ids) {
                assertEquals(quota, nodes[0].byDevice(device).size(), "the quota held across both nodes");
            }
        }
    }

    /** Runs {@link #ROUNDS} rounds; in each, {@link #THREADS} threads over both nodes write one key at once. */
    private static void race(Function<Integer, Function<Integer, Long>> rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            for (int r = 0; r < ROUNDS; r++) {
                Function<Integer, Long> write = rounds.apply(r);
                CyclicBarrier start = new CyclicBarrier(THREADS);
                List<Future<Long>> ids = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    int thread = t;
                    ids.add(pool.submit((Callable<Long>) () -> {
                        start.await(30, TimeUnit.SECONDS);
                        return write.apply(thread);
                    }));
                }
                Set<Long> distinct = new HashSet<>();
                for (Future<Long> f : ids) {
                    distinct.add(f.get(60, TimeUnit.SECONDS)); // a 23505 surfacing would throw here
                }
                assertEquals(1, distinct.size(), "round " + r + ": one row for the key, every writer answered with it");
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
