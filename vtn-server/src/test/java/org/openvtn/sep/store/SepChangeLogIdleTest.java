package org.openvtn.sep.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;
import org.openvtn.store.DatabaseConfig;
import org.openvtn.store.JdbcVtnStore;
import org.openvtn.store.PostgresServer;

/**
 * Issue #18: the 2030.5 notifier reads the operator change log four times a second. On Derby an empty read is
 * remembered until the next {@code recordChange} or rollback, so an idle server makes no query; this checks that the
 * shortcut never hides a change: written by another store instance, inside the reader's own transaction, after a
 * rolled-back write, and on PostgreSQL (where nothing is remembered) from another node.
 */
class SepChangeLogIdleTest {
    private static final Instant T0 = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void derbyIdleReadsMakeNoQueryAndEveryNewChangeIsSeen() {
        try (JdbcVtnStore store = JdbcVtnStore.open(Database.openMemory("cl" + UUID.randomUUID().toString()
                .replace("-", "")))) {
            JdbcSepRecordStore reader = JdbcSepRecordStore.on(store);
            JdbcSepRecordStore writer = JdbcSepRecordStore.on(store);
            long last = reader.lastChangeId();
            assertTrue(reader.changesAfter(last).isEmpty());
            long before = store.database().transactions();
            for (int i = 0; i < 10; i++) {
                assertTrue(reader.changesAfter(last).isEmpty());
            }
            assertEquals(0, store.database().transactions() - before, "round trips of 10 idle reads");

            writer.recordChange("dderc", null, "p1", T0);
            List<SepRecords.Change> seen = reader.changesAfter(last);
            assertEquals(1, seen.size(), "a change recorded through another instance is seen at once");
            assertEquals("dderc", seen.get(0).kind());
            last = seen.get(0).id();
            assertTrue(reader.changesAfter(last).isEmpty());

            long cursor = last;
            int inside = store.inTransaction(() -> {
                assertTrue(reader.changesAfter(cursor).isEmpty());
                writer.recordChange("fsa", null, "p1", T0);
                return reader.changesAfter(cursor).size(); // same transaction: its own row
            });
            assertEquals(1, inside);
            List<SepRecords.Change> committed = reader.changesAfter(cursor);
            assertEquals(1, committed.size());
            last = committed.get(0).id();

            assertTrue(reader.changesAfter(last).isEmpty());
            long at = last;
            assertThrows(IllegalStateException.class, () -> store.inTransaction(() -> {
                writer.recordChange("bill", null, "p1", T0);
                assertEquals(1, reader.changesAfter(at).size());
                throw new IllegalStateException("roll back");
            }));
            assertTrue(reader.changesAfter(at).isEmpty(), "the rolled-back change is not served");
            writer.recordChange("primacy", null, "p1", T0);
            assertEquals("primacy", reader.changesAfter(at).get(0).kind(), "and the next one is");
        }
    }

    @Test
    void postgresReadsEveryTimeAndSeesAnotherNodesChange() {
        DatabaseConfig config = PostgresServer.require().database("sepchangelogidle");
        try (JdbcVtnStore nodeA = JdbcVtnStore.open(Database.open(config));
             JdbcVtnStore nodeB = JdbcVtnStore.open(Database.open(config))) {
            JdbcSepRecordStore reader = JdbcSepRecordStore.on(nodeA);
            long last = reader.lastChangeId();
            assertTrue(reader.changesAfter(last).isEmpty());
            JdbcSepRecordStore.on(nodeB).recordChange("dderc", null, "p1", T0);
            assertEquals(1, reader.changesAfter(last).size(), "another node's change is seen at the next read");
        }
    }
}
