package org.openvtn.core.service;

import org.openvtn.store.PostgresServer;

/** Every case of {@link RegistrationServiceTest} on PostgreSQL (issue #19: the same stores on both databases). */
class RegistrationServicePgTest extends RegistrationServiceTest {
    @Override
    CoreConfig.Builder storage(CoreConfig.Builder b) {
        return b.database(PostgresServer.require().database("registrationservicetest"));
    }
}
