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

    /** @return how many opts (cancelled included) the VEN has (quota, issue #12 item 8) */
    int count(String venId);

    /**
     * Deletes the VEN's oldest cancelled opts until at most {@code keep} opts remain, or no cancelled one is left.
     *
     * @return how many were deleted
     */
    int trimCancelled(String venId, int keep);
}
