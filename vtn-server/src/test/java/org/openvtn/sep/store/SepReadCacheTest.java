package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * Issue #18: the EndDevice-by-LFDI and aggregator look-ups that every IEEE 2030.5 request makes (§6.3.4 LFDI as the
 * client's identity; CSIP AGG-* aggregator visibility) are answered from memory on Derby, and never serve a device or
 * an aggregator another writer has deleted or changed: on Derby through any store instance over the same database, on
 * PostgreSQL through another node (another pool on the same database), where nothing is cached.
 */
class SepReadCacheTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");
    private static final String DEVICE = "AB".repeat(20);
    private static final String OTHER = "CD".repeat(20);
    private static final String AGGREGATOR = "EF".repeat(20);

    @Test
    void derbyServesRepeatedLookUpsFromMemoryAndForgetsEveryWrite() {
        try (JdbcVtnStore store = JdbcVtnStore.open(Database.openMemory("rc" + UUID.randomUUID().toString()
                .replace("-", "")))) {
            writesAreSeenByTheOtherWriter(store, store);
            JdbcSepStore devices = JdbcSepStore.on(store);
            JdbcAggregatorStore aggregators = JdbcAggregatorStore.on(store);
            devices.insert(OTHER, 2L, T0);
            devices.findByLfdi(OTHER);
            aggregators.find(OTHER);
            aggregators.aggregatorOf(OTHER);
            long before = store.database().transactions();
            for (int i = 0; i < 10; i++) {
                assertTrue(devices.findByLfdi(OTHER).isPresent());
                assertTrue(aggregators.find(OTHER).isEmpty());
                assertTrue(aggregators.aggregatorOf(OTHER).isEmpty());
            }
            assertEquals(0, store.database().transactions() - before, "round trips of 10 × 3 cached look-ups");

            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                devices.insert(DEVICE, 3L, T0);
                assertTrue(devices.findByLfdi(DEVICE).isPresent()); // may fill the cache with the uncommitted row...
                throw new IllegalStateException("roll back");
            }));
            assertTrue(devices.findByLfdi(DEVICE).isEmpty(), "...which the rollback forgets");
        }
    }

    @Test
    void postgresNeverServesWhatAnotherNodeDeleted() {
        DatabaseConfig config = PostgresServer.require().database("sepreadcache");
        try (JdbcVtnStore nodeA = JdbcVtnStore.open(Database.open(config));
             JdbcVtnStore nodeB = JdbcVtnStore.open(Database.open(config))) {
            writesAreSeenByTheOtherWriter(nodeA, nodeB);
        }
    }

    /** Each look-up through {@code reader} is made once before the write through {@code writer}, to fill any cache. */
    private static void writesAreSeenByTheOtherWriter(JdbcVtnStore writer, JdbcVtnStore reader) {
        JdbcSepStore devices = JdbcSepStore.on(reader);
        JdbcAggregatorStore aggregators = JdbcAggregatorStore.on(reader);
        JdbcAggregatorStore aggregatorWriter = JdbcAggregatorStore.on(writer);

        assertTrue(devices.findByLfdi(DEVICE).isEmpty());
        SepEndDevice d = JdbcSepStore.on(writer).insert(DEVICE, 1L, T0);
        assertEquals(d.id(), devices.findByLfdi(DEVICE).orElseThrow().id(), "a new device is seen at once");
        JdbcSepStore.on(writer).updateGroups(d.id(), Set.of("g1"));
        assertEquals(Set.of("g1"), devices.findByLfdi(DEVICE).orElseThrow().groupIds(), "a changed device too");

        assertTrue(aggregators.find(AGGREGATOR).isEmpty());
        assertTrue(aggregators.aggregatorOf(DEVICE).isEmpty());
        aggregatorWriter.put(AGGREGATOR, false, Set.of(DEVICE), T0);
        assertEquals(Set.of(DEVICE), aggregators.find(AGGREGATOR).orElseThrow().sites(), "a new aggregator is seen");
        assertEquals(Optional.of(AGGREGATOR), aggregators.aggregatorOf(DEVICE));
        aggregatorWriter.put(AGGREGATOR, true, Set.of(), T0);
        assertTrue(aggregators.find(AGGREGATOR).orElseThrow().selfRegister(), "a changed aggregator is seen");
        assertTrue(aggregators.aggregatorOf(DEVICE).isEmpty(), "a site it no longer manages is seen");
        aggregatorWriter.delete(AGGREGATOR);
        assertTrue(aggregators.find(AGGREGATOR).isEmpty(), "a deleted aggregator is never served");

        assertTrue(JdbcSepDeletions.on(writer).deleteEndDevice(d.id()));
        assertTrue(devices.findByLfdi(DEVICE).isEmpty(), "a deleted device is never served");
    }
}
