package org.openvtn.admin.api;

/**
 * Answer of a deletion by program ({@code DELETE /sep/programs/{id}/default-control}).
 *
 * @param programId program
 * @param deleted   always true
 */
public record DeletedJson(String programId, boolean deleted) {
}
