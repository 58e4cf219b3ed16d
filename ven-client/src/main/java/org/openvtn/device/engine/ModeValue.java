package org.openvtn.device.engine;

/**
 * A control value as IEEE 2030.5 carries it: {@code value x 10^multiplier} (ActivePower, ReactivePower,
 * PowerFactor, ...) or a boolean encoded as 0/1 with multiplier 0 (opModConnect, opModEnergize).
 *
 * @param value      the integer value as transmitted
 * @param multiplier the power-of-ten multiplier (sep.xsd PowerOfTenMultiplierType, -9..9)
 */
public record ModeValue(long value, int multiplier) {

    /** A boolean control (opModConnect, opModEnergize): 1 = true, 0 = false. */
    public static ModeValue of(boolean on) {
        return new ModeValue(on ? 1 : 0, 0);
    }

    /** An integer control without multiplier. */
    public static ModeValue of(long value) {
        return new ModeValue(value, 0);
    }
}
