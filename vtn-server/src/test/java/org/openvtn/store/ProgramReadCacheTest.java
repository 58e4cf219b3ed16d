package org.openvtn.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.core.OverlapPolicy;
import org.openvtn.core.Program;

/**
 * Issue #18: the program look-up by id that every IEEE 2030.5 program-scoped GET makes ({@code /edev/{e}/derp/{p}/...})
 * is answered from memory on Derby and never serves a program another writer has created or deleted: on Derby through
 * any store over the same database (and not after a rollback), on PostgreSQL through another node, where nothing is
 * cached.
 */
class ProgramReadCacheTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void derbyServesRepeatedLookUpsFromMemoryAndForgetsEveryWrite() {
        try (JdbcVtnStore store = JdbcVtnStore.open(Database.openMemory("prc" + UUID.randomUUID().toString()
                .replace("-", "")))) {
            writesAreSeenByTheOtherWriter(store, store);
            store.programs().insert(program("kept"));
            store.programs().find("kept");
            long before = store.database().transactions();
            for (int i = 0; i < 10; i++) {
                assertTrue(store.programs().find("kept").isPresent());
            }
            assertEquals(0, store.database().transactions() - before, "round trips of 10 cached look-ups");

            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                store.programs().insert(program("rolled-back"));
                assertTrue(store.programs().find("rolled-back").isPresent()); // may cache the uncommitted row...
                throw new IllegalStateException("roll back");
            }));
            assertTrue(store.programs().find("rolled-back").isEmpty(), "...which the rollback forgets");
        }
    }

    /** The whole list, read once a second by the 2030.5 notifier's clock tick (issue #18), follows every write too. */
    @Test
    void derbyServesTheListFromMemoryAndForgetsEveryWrite() {
        try (JdbcVtnStore store = JdbcVtnStore.open(Database.openMemory("prl" + UUID.randomUUID().toString()
                .replace("-", "")))) {
            listFollowsWrites(store, store);
            store.programs().insert(program("listed"));
            store.programs().list();
            long before = store.database().transactions();
            for (int i = 0; i < 10; i++) {
                assertEquals(1, store.programs().list().size());
            }
            assertEquals(0, store.database().transactions() - before, "round trips of 10 cached lists");
            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                store.programs().insert(program("rolled-back"));
                assertEquals(2, store.programs().list().size()); // may cache the uncommitted row...
                throw new IllegalStateException("roll back");
            }));
            assertEquals(1, store.programs().list().size(), "...which the rollback forgets");
        }
    }

    @Test
    void postgresListsWhatAnotherNodeWrote() {
        DatabaseConfig config = PostgresServer.require().database("programlistcache");
        try (JdbcVtnStore nodeA = JdbcVtnStore.open(Database.open(config));
             JdbcVtnStore nodeB = JdbcVtnStore.open(Database.open(config))) {
            listFollowsWrites(nodeA, nodeB);
        }
    }

    private static void listFollowsWrites(JdbcVtnStore writer, JdbcVtnStore reader) {
        String id = "l-" + UUID.randomUUID();
        int before = reader.programs().list().size();
        writer.programs().insert(program(id));
        assertTrue(reader.programs().list().stream().anyMatch(p -> p.id().equals(id)), "a new program is listed");
        assertEquals(before + 1, reader.programs().list().size());
        assertTrue(writer.programs().delete(id));
        assertTrue(reader.programs().list().stream().noneMatch(p -> p.id().equals(id)), "a deleted one is not");
    }

    @Test
    void postgresNeverServesWhatAnotherNodeDeleted() {
        DatabaseConfig config = PostgresServer.require().database("programreadcache");
        try (JdbcVtnStore nodeA = JdbcVtnStore.open(Database.open(config));
             JdbcVtnStore nodeB = JdbcVtnStore.open(Database.open(config))) {
            writesAreSeenByTheOtherWriter(nodeA, nodeB);
        }
    }

    /** Each look-up through {@code reader} is made once before the write through {@code writer}, to fill any cache. */
    private static void writesAreSeenByTheOtherWriter(JdbcVtnStore writer, JdbcVtnStore reader) {
        String id = "p-" + UUID.randomUUID();
        assertTrue(reader.programs().find(id).isEmpty());
        writer.programs().insert(program(id));
        assertEquals("name-" + id, reader.programs().find(id).orElseThrow().name(), "a new program is seen at once");
        assertTrue(writer.programs().delete(id));
        assertTrue(reader.programs().find(id).isEmpty(), "a deleted one is gone at once");
    }

    private static Program program(String id) {
        return new Program(id, "name-" + id, "http://mc/" + id, T0, OverlapPolicy.SUPERSEDE);
    }
}
