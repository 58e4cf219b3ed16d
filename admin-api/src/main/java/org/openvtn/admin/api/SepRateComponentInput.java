package org.openvtn.admin.api;

/**
 * {@code PUT /sep/programs/{id}/tariff/rates/{n}}: defines (or replaces) RateComponent n of the program's tariff
 * (IEEE 2030.5-2018 §10.5; docs/ieee-2030.5.md "Pricing").
 *
 * @param description   at most 32 bytes, optional (default: the signal name)
 * @param signal        the program's OpenADR price signal feeding its TimeTariffIntervals: ELECTRICITY_PRICE or
 *                      ENERGY_PRICE (type price), one component per signal; required
 * @param roleFlags     RoleFlagsType bits 0..65535, default 0
 * @param flowDirection 1 forward (default) or 19 reverse: the ReadingType of what is priced
 */
@ApiSchema("SepRateComponentInput")
public record SepRateComponentInput(String description, String signal, Integer roleFlags, Integer flowDirection) {
}
