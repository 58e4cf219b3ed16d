package org.openvtn.admin.api;

/**
 * A program's TariffProfile as stored ({@code /sep/programs/{id}/tariff}); devices read it at
 * {@code /edev/{e}/tp/{id}}.
 *
 * @param programId                 program
 * @param currency                  ISO 4217 numeric code
 * @param pricePowerOfTenMultiplier power of ten of the prices
 * @param rateCode                  rateCode or null
 * @param serviceCategoryKind       ServiceKind
 * @param rateComponents            how many RateComponents it has
 * @param createdAt                 last definition
 */
@ApiSchema("SepTariff")
public record SepTariffJson(String programId, int currency, int pricePowerOfTenMultiplier, String rateCode,
                            int serviceCategoryKind, int rateComponents, String createdAt) {
}
