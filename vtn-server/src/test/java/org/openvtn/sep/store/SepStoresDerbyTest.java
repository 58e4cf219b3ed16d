package org.openvtn.sep.store;

import java.util.UUID;
import org.openvtn.store.Database;

/** {@link SepStoresContract} on embedded Derby. */
class SepStoresDerbyTest extends SepStoresContract {
    @Override
    Database open() {
        return Database.openMemory("st" + UUID.randomUUID().toString().replace("-", ""));
    }
}
