package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An IEEE 2030.5 EndDevice ({@code /sep/devices}).
 *
 * @param id            EndDevice id (its {@code /edev/{id}})
 * @param href          its href
 * @param lfdi          LFDI (40 hex digits)
 * @param sfdi          SFDI
 * @param registered    pre-registered with a PIN
 * @param pin           six-digit registration PIN, absent when none
 * @param registeredAt  ISO-8601 instant, absent when no PIN
 * @param changedTime   ISO-8601 instant
 * @param lastSeen      ISO-8601 instant or null
 * @param groupIds      groups
 * @param subscriptions active subscriptions
 */
public record SepDeviceJson(long id, String href, String lfdi, long sfdi, boolean registered,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String pin,
                            @JsonInclude(JsonInclude.Include.NON_NULL) String registeredAt, String changedTime,
                            String lastSeen, List<String> groupIds, long subscriptions) {
}
