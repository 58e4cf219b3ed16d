package org.openvtn.admin.api;

/**
 * One entry of {@code GET /events/{id}/history}.
 *
 * @param modificationNumber modification number after the change
 * @param change             created, updated or cancelled
 * @param at                 ISO-8601 instant
 * @param event              the event as it was then
 */
public record EventHistoryJson(long modificationNumber, String change, String at, EventJson event) {
}
