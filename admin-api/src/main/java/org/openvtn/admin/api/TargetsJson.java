package org.openvtn.admin.api;

import java.util.List;

/**
 * Who an event is for (a union; {@code all} must be said explicitly), in requests and responses.
 *
 * @param all         every registered party
 * @param venIds      VEN IDs
 * @param groupIds    group IDs
 * @param resourceIds resource IDs
 * @param partyIds    party IDs
 */
@ApiSchema("Targets")
public record TargetsJson(Boolean all, List<String> venIds, List<String> groupIds, List<String> resourceIds,
                          List<String> partyIds) {
}
