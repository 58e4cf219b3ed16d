package org.openvtn.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openvtn.store.Database;

/** Issue #18: the guard that keeps blocking work off a selector thread. */
class SelectorSafeTest {

    @Test
    void blockingWorkIsRefusedInsideASectionOnly() {
        assertDoesNotThrow(SelectorSafe::mayBlock);
        try (SelectorSafe.Section s = SelectorSafe.enter()) {
            assertTrue(SelectorSafe.inSection());
            assertThrows(SelectorSafe.WouldBlock.class, SelectorSafe::mayBlock);
            assertThrows(IllegalStateException.class, SelectorSafe::enter, "sections do not nest");
        }
        assertFalse(SelectorSafe.inSection());
        assertDoesNotThrow(SelectorSafe::mayBlock);
    }

    @Test
    void deferredEffectsApplyOnlyWhenTheSectionSucceeds() {
        AtomicInteger count = new AtomicInteger();
        try (SelectorSafe.Section s = SelectorSafe.enter()) {
            SelectorSafe.afterSuccess(count::incrementAndGet);
            assertEquals(0, count.get(), "applied before the section succeeded");
        } // abandoned: dropped
        assertEquals(0, count.get(), "an abandoned section's effect was applied");
        try (SelectorSafe.Section s = SelectorSafe.enter()) {
            SelectorSafe.afterSuccess(count::incrementAndGet);
            s.succeeded();
        }
        assertEquals(1, count.get());
        SelectorSafe.afterSuccess(count::incrementAndGet); // outside a section: at once
        assertEquals(2, count.get());
    }

    @Test
    void aDatabaseTransactionInsideASectionWouldBlockAndDoesNotRun() {
        try (Database db = Database.openMemory("selsafe" + UUID.randomUUID().toString().replace("-", ""))) {
            AtomicInteger ran = new AtomicInteger();
            try (SelectorSafe.Section s = SelectorSafe.enter()) {
                assertThrows(SelectorSafe.WouldBlock.class, () -> db.inTransaction(c -> ran.incrementAndGet()));
            }
            assertEquals(0, ran.get(), "the transaction ran inside the section");
            assertEquals(1, (int) db.inTransaction(c -> ran.incrementAndGet()), "outside a section it runs");
        }
    }
}
