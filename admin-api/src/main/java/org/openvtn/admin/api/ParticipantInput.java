package org.openvtn.admin.api;

/**
 * {@code POST /participants}: exactly one of {@code fingerprint}, {@code lfdi} or {@code id}.
 *
 * @param id          {@code oadr:<fingerprint>} or {@code sep:<LFDI>}
 * @param fingerprint OpenADR VEN certificate fingerprint
 * @param lfdi        2030.5 device LFDI
 * @param label       operator's label
 */
@ApiSchema("ParticipantInput")
public record ParticipantInput(String id, String fingerprint, String lfdi, String label) {
}
