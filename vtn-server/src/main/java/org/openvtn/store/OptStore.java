package org.openvtn.store;

import java.util.List;
import java.util.Optional;
import org.openvtn.core.OptRecord;

/** Persistence of EiOpt records. */
public interface OptStore {
    /** Inserts or replaces (venId, optId). */
    void save(OptRecord opt);

    Optional<OptRecord> find(String venId, String optId);

    List<OptRecord> listByVen(String venId);

    void deleteByVen(String venId);
}
