package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * The pollRate/postRate store (V40, CSIP-AUS S-ALL-43 / S-OPT-05) and the program-group store (V41, CSIP
 * BASIC-002/003) on Derby (read through the cache) and on PostgreSQL: written, replaced, read back, removed; a second
 * store instance over the same database sees each write at once (the Derby cache is dropped by writes).
 */
class RateAndGroupStoresTest {
    private static final Instant T = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void derby() {
        run(Database.openMemory("rates" + UUID.randomUUID().toString().replace("-", "")));
    }

    @Test
    void postgres() {
        run(Database.open(PostgresServer.require().database("rates")));
    }

    private static void run(Database db) {
        JdbcVtnStore store = JdbcVtnStore.open(db);
        try {
            JdbcSepRateStore rates = JdbcSepRateStore.on(store);
            JdbcSepRateStore other = JdbcSepRateStore.on(store);
            assertEquals(List.of(), other.all());
            rates.put(new JdbcSepRateStore.Rate("poll", "*", "DERList", 60), T);
            rates.put(new JdbcSepRateStore.Rate("poll", "*", "DERList", 4_294_967_295L), T);
            rates.put(new JdbcSepRateStore.Rate("post", "0A".repeat(20), "MirrorUsagePoint", 300), T);
            assertEquals(List.of(new JdbcSepRateStore.Rate("poll", "*", "DERList", 4_294_967_295L),
                    new JdbcSepRateStore.Rate("post", "0A".repeat(20), "MirrorUsagePoint", 300)), other.all());
            assertTrue(rates.remove("poll", "*", "DERList"));
            assertFalse(rates.remove("poll", "*", "DERList"));
            assertEquals(1, other.all().size());

            JdbcProgramGroupStore groups = JdbcProgramGroupStore.on(store);
            JdbcProgramGroupStore read = JdbcProgramGroupStore.on(store);
            assertEquals(Map.of(), read.all());
            groups.put("p1", List.of("b", "a", "a"));
            assertEquals(Map.of("p1", Set.of("a", "b")), read.all());
            groups.put("p1", List.of());
            assertEquals(Map.of(), read.all());
        } finally {
            store.close();
        }
    }
}
