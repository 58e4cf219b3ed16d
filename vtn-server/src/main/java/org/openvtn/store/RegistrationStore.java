package org.openvtn.store;

import java.util.List;
import java.util.Optional;
import org.openvtn.core.Registration;

/** Persistence of registrations, keyed by venId (one row per VEN, latest registration). */
public interface RegistrationStore {
    /** Inserts or replaces the row of {@code registration.venId()}. */
    void save(Registration registration);

    Optional<Registration> findByVenId(String venId);

    Optional<Registration> findByFingerprint(String fingerprint);

    Optional<Registration> findByRegistrationId(String registrationId);

    List<Registration> list();

    /**
     * Records that the VEN reached the VTN at {@code at} (migration V28, {@code last_contact_at}), unless a later
     * contact is recorded already (another node may have written one).
     */
    default void touch(String venId, java.time.Instant at) {
    }

    /** @return the last recorded contact of each VEN that has one, by VEN ID */
    default java.util.Map<String, java.time.Instant> lastContacts() {
        return java.util.Map.of();
    }

    /** @return the last recorded contact of one VEN */
    default Optional<java.time.Instant> lastContact(String venId) {
        return Optional.ofNullable(lastContacts().get(venId));
    }
}
