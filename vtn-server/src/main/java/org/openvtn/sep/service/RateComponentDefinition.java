package org.openvtn.sep.service;

import java.util.Set;

/**
 * A RateComponent of a program's tariff (IEEE 2030.5-2018 §10.5, sep.xsd RateComponent), validated: which OpenADR
 * price signal of the program feeds its TimeTariffIntervals, and what it prices (its ReadingType). A bad field is an
 * {@link IllegalArgumentException} whose message starts with the field name.
 *
 * @param description   IdentifiedObject.description (String32), optional
 * @param signal        the core signal whose {@code price} intervals become this component's TimeTariffIntervals:
 *                      {@code ELECTRICITY_PRICE} or {@code ENERGY_PRICE}; one component per signal in a tariff
 * @param roleFlags     RoleFlagsType bits (UInt16; e.g. 0x0001 isMirror ... 0x0008 isPremisesAggregationPoint)
 * @param flowDirection ReadingType.flowDirection of what is priced: 1 forward (delivered to the customer, default),
 *                      19 reverse (received from the customer)
 */
public record RateComponentDefinition(String description, String signal, int roleFlags, int flowDirection) {
    /** The core signals a RateComponent can be fed by (type {@code price}). */
    public static final Set<String> SIGNALS = Set.of("ELECTRICITY_PRICE", "ENERGY_PRICE");

    public RateComponentDefinition {
        if (description != null && description.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 32) {
            throw new IllegalArgumentException("description: at most 32 bytes (sep.xsd String32)");
        }
        if (signal == null || !SIGNALS.contains(signal)) {
            throw new IllegalArgumentException("signal: one of " + new java.util.TreeSet<>(SIGNALS) + "; got " + signal);
        }
        if (roleFlags < 0 || roleFlags > 0xFFFF) {
            throw new IllegalArgumentException("roleFlags: UInt16 bits 0..65535; got " + roleFlags);
        }
        if (flowDirection != 1 && flowDirection != 19) {
            throw new IllegalArgumentException("flowDirection: 1 (forward) or 19 (reverse); got " + flowDirection);
        }
    }

    /** @return the stored text form */
    public String text() {
        return StoredJson.write(this);
    }

    /** @return the definition of a stored text form */
    public static RateComponentDefinition fromText(String text) {
        return StoredJson.read(text, RateComponentDefinition.class, "RateComponent");
    }
}
