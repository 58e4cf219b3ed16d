package org.openvtn.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code POST /sep/devices}: pre-register an IEEE 2030.5 EndDevice.
 *
 * @param lfdi     40 hex digits (required)
 * @param pin      six-digit registration PIN, last digit the check digit (required; kept as JSON until checked)
 * @param groupIds groups, optional
 */
public record SepDeviceInput(String lfdi, JsonNode pin, List<String> groupIds) {
}
