package org.openvtn.conformance;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One row of a suite's catalogue.
 *
 * @param id           the case's ID: the official test-case ID it realises (e.g. {@code N1_0010},
 *                     {@code CORE-009}); when one case realises several official IDs, the first of them
 * @param officialIds  every official ID the case realises (includes {@code id})
 * @param title        short description in our own words
 * @param specRef      the clause, conformance rule or official procedure the case checks
 * @param level        MUST for a mandatory requirement, SHOULD for a recommendation
 * @param role         the role the suite plays, e.g. {@code VEN} (target is a VTN) or {@code client}
 * @param transport    e.g. {@code simpleHttp-pull}, {@code https}
 * @param requires     capabilities the target must declare for the case to apply (empty: always applies)
 */
public record CaseInfo(String id, List<String> officialIds, String title, String specRef, Requirement level,
                       String role, String transport, Set<String> requires) {

    public CaseInfo {
        Objects.requireNonNull(id, "id");
        officialIds = officialIds == null || officialIds.isEmpty() ? List.of(id) : List.copyOf(officialIds);
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(specRef, "specRef");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(transport, "transport");
        requires = requires == null ? Set.of() : Set.copyOf(requires);
    }

    /** A MUST case that realises exactly one official ID and needs no capability. */
    public static CaseInfo of(String id, String title, String specRef, String role, String transport) {
        return new CaseInfo(id, List.of(id), title, specRef, Requirement.MUST, role, transport, Set.of());
    }
}
