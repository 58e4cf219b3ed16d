package org.openvtn.core.service;

import org.openvtn.store.PostgresServer;

/** Every case of {@link ParticipantServiceTest} on PostgreSQL (issue #19: the same stores on both databases). */
class ParticipantServicePgTest extends ParticipantServiceTest {
    @Override
    CoreConfig.Builder storage(CoreConfig.Builder b) {
        return b.database(PostgresServer.require().database("participantservicetest"));
    }
}
