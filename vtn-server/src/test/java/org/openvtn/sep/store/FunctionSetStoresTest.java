package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * The Pricing, Messaging and Flow Reservation stores (migrations V34, V35, V36) on Derby and on PostgreSQL (the
 * tests' PostgreSQL fixture): written, read back field by field, replaced, cancelled, deleted.
 */
class FunctionSetStoresTest {
    private static final Instant T = Instant.parse("2026-03-02T12:00:00Z");

    @Test
    void derby() {
        run(Database.openMemory("fsets" + UUID.randomUUID().toString().replace("-", "")));
    }

    @Test
    void postgres() {
        run(Database.open(PostgresServer.require().database("fsets")));
    }

    private static void run(Database db) {
        JdbcVtnStore store = JdbcVtnStore.open(db);
        try {
            exercise(store);
        } finally {
            store.close();
        }
    }

    private static void exercise(JdbcVtnStore store) {
        JdbcTariffStore tariffs = JdbcTariffStore.on(store);
        tariffs.putTariff("p1", "{\"currency\":36}", T);
        tariffs.putTariff("p1", "{\"currency\":840}", T.plusSeconds(1));
        assertEquals("{\"currency\":840}", tariffs.tariff("p1").orElseThrow().definition());
        assertEquals(T.plusSeconds(1), tariffs.tariff("p1").orElseThrow().createdAt());
        tariffs.putRate("p1", 2, "b", T);
        tariffs.putRate("p1", 1, "a", T);
        assertEquals(java.util.List.of(1, 2), tariffs.rates("p1").stream().map(JdbcTariffStore.Entry::id).toList());
        assertTrue(tariffs.deleteRate("p1", 2));
        assertFalse(tariffs.deleteRate("p1", 2));
        assertTrue(tariffs.deleteTariff("p1"));
        assertTrue(tariffs.rates("p1").isEmpty(), "components go with the tariff");

        JdbcMessageStore messages = JdbcMessageStore.on(store);
        JdbcMessageStore.Message m = messages.insert(new JdbcMessageStore.Message(0, "p1", "g1", null, "héllo ".repeat(100),
                "DNSP", 3, T, Duration.ofHours(2), T, null));
        JdbcMessageStore.Message read = messages.list("p1").get(0);
        assertEquals(m.id(), read.id());
        assertEquals("héllo ".repeat(100), read.text());
        assertEquals(3, read.priority());
        assertEquals(Duration.ofHours(2), read.duration());
        assertNull(read.cancelledAt());
        assertTrue(messages.cancel("p1", m.id(), T.plusSeconds(5)));
        assertFalse(messages.cancel("p1", m.id(), T.plusSeconds(6)));
        assertEquals(T.plusSeconds(5), messages.list("p1").get(0).cancelledAt());

        JdbcFlowReservationStore flows = JdbcFlowReservationStore.on(store);
        JdbcFlowReservationStore.Reservation r = flows.insert(new JdbcFlowReservationStore.Reservation(0, 7,
                "0A".repeat(16), null, 1L, T, Duration.ofHours(1), null, 20_000_000_000L, 7000, 0, T, "accepted",
                20_000_000_000L, 7000, T));
        assertNull(r.durationRequested());
        assertEquals(20_000_000_000L, r.energyWh());
        flows.decide(r.id(), "adjusted", 1000, 500, T.plusSeconds(9));
        flows.requestStatus(r.id(), 1, T.plusSeconds(10));
        JdbcFlowReservationStore.Reservation after = flows.ofDevice(7).get(0);
        assertEquals("adjusted", after.decision());
        assertEquals(500, after.powerAvailableW());
        assertEquals(1, after.requestStatus());
        assertEquals(T.plusSeconds(10), after.statusTime());
        assertEquals(1, flows.all().size());
    }
}
