package org.openvtn.admin.api;

/**
 * A RateComponent of a program's tariff as stored ({@code /sep/programs/{id}/tariff/rates/{n}}); devices read it at
 * {@code /edev/{e}/tp/{id}/rc/{n}}.
 *
 * @param programId     program
 * @param rateId        the {n}
 * @param description   description or null
 * @param signal        ELECTRICITY_PRICE or ENERGY_PRICE
 * @param roleFlags     RoleFlagsType bits
 * @param flowDirection ReadingType.flowDirection
 * @param createdAt     last definition
 */
@ApiSchema("SepRateComponent")
public record SepRateComponentJson(String programId, int rateId, String description, String signal, int roleFlags,
                                   int flowDirection, String createdAt) {
}
