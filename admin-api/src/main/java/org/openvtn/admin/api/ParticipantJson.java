package org.openvtn.admin.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An enrolled participant (issue #12); {@code fingerprint} for an OpenADR VEN, {@code lfdi} for a 2030.5 device.
 *
 * @param id          {@code oadr:...} or {@code sep:...}
 * @param protocol    openadr20b or ieee2030.5
 * @param fingerprint OpenADR fingerprint, absent for 2030.5
 * @param lfdi        2030.5 LFDI, absent for OpenADR
 * @param state       pending, approved or revoked
 * @param label       label, absent when none
 * @param changedAt   ISO-8601 instant
 */
@ApiSchema("Participant")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParticipantJson(String id, String protocol, String fingerprint, String lfdi, String state,
                              String label, String changedAt) {
}
