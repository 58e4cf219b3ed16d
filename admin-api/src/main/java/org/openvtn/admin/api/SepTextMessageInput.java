package org.openvtn.admin.api;

/**
 * {@code POST /sep/programs/{id}/messages}: posts a TextMessage to the program's MessagingProgram (IEEE 2030.5-2018
 * §10.6; docs/ieee-2030.5.md "Messaging").
 *
 * @param text       the message, 1..1024 bytes, required
 * @param priority   0 low, 1 normal (default), 2 high, 3 critical
 * @param originator at most 20 bytes, optional
 * @param start      ISO-8601 instant, default now
 * @param duration   ISO-8601 duration, 1 s .. 366 days, required
 * @param groupId    only the devices of this group, optional
 * @param lfdi       only this device, optional (not with groupId)
 */
@ApiSchema("SepTextMessageInput")
public record SepTextMessageInput(String text, Integer priority, String originator, String start, String duration,
                                  String groupId, String lfdi) {
}
