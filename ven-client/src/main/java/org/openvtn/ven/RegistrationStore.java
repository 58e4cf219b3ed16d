package org.openvtn.ven;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a VEN keeps its registration between restarts, so a restarted client queries the VTN
 * (N1_0015) and reuses its venID and registrationID instead of registering again. Keyed by the
 * client's {@code venName} and VTN URL. The default is {@link FileRegistrationStore}.
 */
public interface RegistrationStore {

    /** The stored registration of this VEN with this VTN. */
    Optional<RegistrationInfo> load(String venName, String vtnUrl);

    /** Stores (replaces) the registration. */
    void save(String venName, RegistrationInfo registration);

    /** Forgets the registration (after a cancel). */
    void clear(String venName, String vtnUrl);

    /** A store that lives as long as the JVM. */
    static RegistrationStore inMemory() {
        Map<String, RegistrationInfo> map = new ConcurrentHashMap<>();
        return new RegistrationStore() {
            @Override
            public Optional<RegistrationInfo> load(String venName, String vtnUrl) {
                return Optional.ofNullable(map.get(venName + "|" + vtnUrl));
            }

            @Override
            public void save(String venName, RegistrationInfo registration) {
                map.put(venName + "|" + registration.vtnUrl(), registration);
            }

            @Override
            public void clear(String venName, String vtnUrl) {
                map.remove(venName + "|" + vtnUrl);
            }
        };
    }
}
