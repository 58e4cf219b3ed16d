package org.openvtn.ven;

/** The item base of a reported data point (EMIX {@code power:powerReal}, {@code power:energyReal}, ...). */
public enum Measurement {
    /** Real power, W ({@code power:powerReal}). */
    POWER_REAL("RealPower", "W"),
    /** Real energy, Wh ({@code power:energyReal}). */
    ENERGY_REAL("RealEnergy", "Wh"),
    /** Voltage, V ({@code power:voltage}). */
    VOLTAGE("Voltage", "V"),
    /** No item base (status reports). */
    NONE("", "");

    private final String description;
    private final String unit;

    Measurement(String description, String unit) {
        this.description = description;
        this.unit = unit;
    }

    public String description() {
        return description;
    }

    public String unit() {
        return unit;
    }
}
