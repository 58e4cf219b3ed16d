package org.openvtn.sep.store;

import org.openvtn.store.Database;
import org.openvtn.store.PostgresServer;

/** {@link SepStoresContract} on PostgreSQL (issue #19). */
class SepStoresPgTest extends SepStoresContract {
    @Override
    Database open() {
        return Database.open(PostgresServer.require().database("sepstores"));
    }
}
