package org.openvtn.admin.api;

/**
 * A program's 2030.5 primacy ({@code /sep/programs/{id}/primacy}; IEEE 2030.5-2018 DERProgram.primacy and
 * DemandResponseProgram.primacy).
 *
 * @param programId program
 * @param primacy   0..255, lower value = higher priority
 */
public record SepProgramPrimacyJson(String programId, int primacy) {
}
