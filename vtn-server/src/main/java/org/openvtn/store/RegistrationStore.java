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
}
