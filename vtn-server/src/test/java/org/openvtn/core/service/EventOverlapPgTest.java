package org.openvtn.core.service;

import org.openvtn.store.PostgresServer;

/** Every case of {@link EventOverlapTest} on PostgreSQL (issue #19: the same stores on both databases). */
class EventOverlapPgTest extends EventOverlapTest {
    @Override
    CoreConfig.Builder storage(CoreConfig.Builder b) {
        return b.database(PostgresServer.require().database("eventoverlaptest"));
    }
}
