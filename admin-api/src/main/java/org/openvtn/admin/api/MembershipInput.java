package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code PUT /vens/{venId}/membership}: targeting attributes the operator assigns.
 *
 * @param partyId     party ID, may be null
 * @param groupIds    groups
 * @param resourceIds resources
 */
public record MembershipInput(String partyId, List<String> groupIds, List<String> resourceIds) {
}
