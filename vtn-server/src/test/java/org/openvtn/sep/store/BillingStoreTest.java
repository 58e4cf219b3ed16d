package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * The Billing store (migration V46, IEEE 2030.5-2018 §10.7 Billing) on Derby and on PostgreSQL (the tests'
 * PostgreSQL fixture): accounts written, read back, replaced, listed per program in account order, deleted; a long
 * definition (the LOB column) survives unchanged.
 */
class BillingStoreTest {
    private static final Instant T = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void derby() {
        run(Database.openMemory("billing" + UUID.randomUUID().toString().replace("-", "")));
    }

    @Test
    void postgres() {
        run(Database.open(PostgresServer.require().database("billing")));
    }

    private static void run(Database db) {
        JdbcVtnStore store = JdbcVtnStore.open(db);
        try {
            JdbcBillingStore billing = JdbcBillingStore.on(store);
            String big = "{\"customerName\":\"" + "é".repeat(20_000) + "\"}";
            billing.put("p1", 7, "{\"currency\":36}", T);
            billing.put("p1", 2, big, T);
            billing.put("p2", 1, "{}", T);
            billing.put("p1", 7, "{\"currency\":840}", T.plusSeconds(5));
            assertEquals(List.of(2, 7), billing.list("p1").stream().map(JdbcBillingStore.Entry::accountId).toList());
            assertEquals(big, billing.get("p1", 2).orElseThrow().definition());
            JdbcBillingStore.Entry replaced = billing.get("p1", 7).orElseThrow();
            assertEquals("{\"currency\":840}", replaced.definition());
            assertEquals(T.plusSeconds(5), replaced.createdAt());
            assertTrue(billing.delete("p1", 7));
            assertFalse(billing.delete("p1", 7));
            assertTrue(billing.get("p1", 7).isEmpty());
            assertEquals(1, billing.list("p2").size(), "another program's accounts untouched");
        } finally {
            store.close();
        }
    }
}
