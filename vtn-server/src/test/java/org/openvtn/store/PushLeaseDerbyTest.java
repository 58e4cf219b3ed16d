package org.openvtn.store;

import org.junit.jupiter.api.Test;

/**
 * Issue #19 delivery leases (migration V12) on the embedded Derby database: the same lease and take-over rules as
 * on PostgreSQL ({@link PushLeaseTwoNodesPgTest}), so a single-process VTN keeps the claim semantics of the OpenADR
 * 2.0b push outbox (profile 8.1/8.2 push exchange model, per-VEN order).
 */
class PushLeaseDerbyTest {

    @Test
    void leaseRulesHoldOnDerby() {
        try (JdbcVtnStore s = JdbcVtnStore.open(Database.openMemory("pushlease-" + System.nanoTime()))) {
            JdbcPushStore push = JdbcPushStore.on(s);
            PushLeaseTwoNodesPgTest.LeaseTakeover.check(push, push);
        }
    }
}
