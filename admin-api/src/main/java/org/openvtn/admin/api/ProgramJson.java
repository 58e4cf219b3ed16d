package org.openvtn.admin.api;

/**
 * A program.
 *
 * @param id            program id
 * @param name          name
 * @param marketContext market context URI
 * @param createdAt     ISO-8601 instant
 * @param overlap       overlap policy
 */
@ApiSchema("Program")
public record ProgramJson(String id, String name, String marketContext, String createdAt, String overlap) {
}
