package org.openvtn.admin.api;

import java.util.Map;

/**
 * A program's DefaultDERControl ({@code /sep/programs/{id}/default-control}).
 *
 * @param programId program
 * @param version   version, raised on each change
 * @param updatedAt ISO-8601 instant
 * @param settings  DERControlBase settings: booleans and integers by name
 */
public record SepDefaultControlJson(String programId, long version, String updatedAt, Map<String, Object> settings) {
}
