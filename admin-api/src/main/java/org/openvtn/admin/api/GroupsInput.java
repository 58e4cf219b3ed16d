package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code PUT /sep/devices/{lfdi}/groups}.
 *
 * @param groupIds the device's groups (replaces them)
 */
public record GroupsInput(List<String> groupIds) {
}
