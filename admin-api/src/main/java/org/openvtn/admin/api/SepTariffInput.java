package org.openvtn.admin.api;

/**
 * {@code PUT /sep/programs/{id}/tariff}: defines (or replaces) the program's IEEE 2030.5 TariffProfile (Pricing
 * function set, IEEE 2030.5-2018 §10.5; docs/ieee-2030.5.md "Pricing").
 *
 * @param currency                  ISO 4217 numeric currency code (36 AUD, 840 USD, 978 EUR), required
 * @param pricePowerOfTenMultiplier power of ten of the prices devices read, -9..9, default 0
 * @param rateCode                  rateCode (at most 20 bytes), optional
 * @param serviceCategoryKind       ServiceKind 0..6, default 0 (electricity)
 */
@ApiSchema("SepTariffInput")
public record SepTariffInput(Integer currency, Integer pricePowerOfTenMultiplier, String rateCode,
                             Integer serviceCategoryKind) {
}
