package org.openvtn.sep.service;


/**
 * The operator's TariffProfile of a program (IEEE 2030.5-2018 §10.5 Pricing, sep.xsd TariffProfile), validated. The
 * primacy is the program's (per-program primacy, else the listener's). Every field is checked against its sep.xsd
 * type; a bad one is an {@link IllegalArgumentException} whose message starts with the field name.
 *
 * @param currency                  CurrencyCode: ISO 4217 numeric code (36 AUD, 840 USD, 978 EUR), 0..999
 * @param pricePowerOfTenMultiplier power of ten of every price of the tariff, -9..9 (e.g. -4: 2534 = 0.2534)
 * @param rateCode                  rateCode (String20), optional
 * @param serviceCategoryKind       ServiceKind: 0 electricity (default), 1 gas, 2 water, 3 time, 4 pressure, 5 heat,
 *                                  6 cooling
 */
public record TariffDefinition(int currency, int pricePowerOfTenMultiplier, String rateCode, int serviceCategoryKind) {
    public TariffDefinition {
        if (currency < 0 || currency > 999) {
            throw new IllegalArgumentException("currency: an ISO 4217 numeric code 0..999 (36 AUD, 840 USD); got "
                    + currency);
        }
        if (pricePowerOfTenMultiplier < -9 || pricePowerOfTenMultiplier > 9) {
            throw new IllegalArgumentException("pricePowerOfTenMultiplier: -9..9; got " + pricePowerOfTenMultiplier);
        }
        if (rateCode != null && (rateCode.isEmpty() || rateCode.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                .length > 20)) {
            throw new IllegalArgumentException("rateCode: 1..20 bytes (sep.xsd String20)");
        }
        if (serviceCategoryKind < 0 || serviceCategoryKind > 6) {
            throw new IllegalArgumentException("serviceCategoryKind: ServiceKind 0..6 (0 electricity); got "
                    + serviceCategoryKind);
        }
    }

    /** @return the stored text form */
    public String text() {
        return StoredJson.write(this);
    }

    /** @return the definition of a stored text form */
    public static TariffDefinition fromText(String text) {
        return StoredJson.read(text, TariffDefinition.class, "TariffProfile");
    }
}
