package org.openvtn.sep.store;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored IEEE 2030.5 EndDevice (IEEE 2030.5-2018 §8.3 device identification): one row per LFDI.
 *
 * @param id           server-assigned index used in the URL {@code /edev/{id}}
 * @param lfdi         40 lower-case hex digits (§6.3.4 LFDI)
 * @param sfdi         SFDI with check digit (§6.3.3)
 * @param changedTime  last change of the EndDevice resource
 * @param pin          out-of-band registration PIN (6 digits incl. check digit, §8.3.1), null when none
 * @param registeredAt when the PIN was provisioned, null when none
 * @param groupIds     operator-assigned groups (core event targets -> FunctionSetAssignments membership)
 */
public record SepEndDevice(long id, String lfdi, long sfdi, Instant changedTime, Integer pin, Instant registeredAt,
                           Set<String> groupIds) {
    public SepEndDevice {
        Objects.requireNonNull(lfdi, "lfdi");
        Objects.requireNonNull(changedTime, "changedTime");
        groupIds = groupIds == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(groupIds));
    }

    /** @return true when a registration (PIN) exists */
    public boolean registered() {
        return pin != null;
    }
}
