package org.openvtn.sep.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Persistence of IEEE 2030.5-specific state that the protocol-neutral core has no place for:
 * EndDevices keyed by LFDI, their registration PIN and group membership (migration
 * {@code V2__sep.sql}).
 */
public interface SepStore {

    /**
     * Inserts a new EndDevice.
     *
     * @return the stored device with its assigned id
     * @throws org.openvtn.store.StoreException on a duplicate LFDI
     */
    SepEndDevice insert(String lfdi, long sfdi, Instant changedTime);

    Optional<SepEndDevice> find(long id);

    Optional<SepEndDevice> findByLfdi(String lfdi);

    /** @return all devices, by id */
    List<SepEndDevice> list();

    /** Sets (or replaces) the registration PIN. */
    void updatePin(long id, int pin, Instant registeredAt);

    /** Removes the registration PIN (the EndDevice then has no Registration). */
    void clearPin(long id, Instant changedTime);

    /** Replaces the group membership. */
    void updateGroups(long id, Set<String> groupIds);

    /** Runs {@code work} atomically. */
    <T> T inTransaction(java.util.function.Supplier<T> work);
}
