package org.openvtn.core;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who an event is for (OpenADR 2.0b {@code ei:eiTarget}: venID, groupID, resourceID, partyID).
 *
 * <p>Semantics (documented in docs/core-model.md): the lists are a union — a registration matches if
 * its participant ID (venID) is listed, OR its partyId is listed, OR it is member of a listed group, OR it has a
 * listed resource. An empty target set is rejected; to address every registered VEN the operator
 * must say {@code all = true} explicitly, so a forgotten target list never dispatches the whole
 * fleet.
 *
 * @param all         explicit "every registered party"
 * @param participantIds participant IDs (OpenADR venIDs; a 2030.5 device's LFDI)
 * @param groupIds    group IDs (assigned by the operator to registrations)
 * @param resourceIds resource IDs (announced by the VEN or assigned by the operator)
 * @param partyIds    party IDs
 */
public record Targets(boolean all, Set<String> participantIds, Set<String> groupIds, Set<String> resourceIds,
                      Set<String> partyIds) {

    public Targets {
        participantIds = sorted(participantIds);
        groupIds = sorted(groupIds);
        resourceIds = sorted(resourceIds);
        partyIds = sorted(partyIds);
    }

    /** @return targets addressing every registered party */
    public static Targets everyone() {
        return new Targets(true, Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** @return targets listing only participant IDs (OpenADR venIDs) */
    public static Targets vens(String... participantIds) {
        return new Targets(false, Set.of(participantIds), Set.of(), Set.of(), Set.of());
    }

    /** @return true when nothing is addressed (invalid for an event) */
    public boolean isEmpty() {
        return !all && participantIds.isEmpty() && groupIds.isEmpty() && resourceIds.isEmpty() && partyIds.isEmpty();
    }

    /**
     * @param r a registration
     * @return true when this target set addresses the registration
     */
    public boolean matches(Registration r) {
        if (all || participantIds.contains(r.participantId())) {
            return true;
        }
        if (r.partyId() != null && partyIds.contains(r.partyId())) {
            return true;
        }
        return intersects(groupIds, r.groupIds()) || intersects(resourceIds, r.resourceIds());
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        for (String s : a) {
            if (b.contains(s)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> sorted(Collection<String> in) {
        return in == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(in));
    }
}
