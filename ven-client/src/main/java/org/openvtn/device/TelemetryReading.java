package org.openvtn.device;

/**
 * One metered value the device mirrors to the server (IEEE 2030.5-2018 §10.11 Metering Mirror; sep.xsd ReadingType
 * enumerations): value x 10^powerOfTenMultiplier in {@code uom}.
 *
 * @param mrid                 the MirrorMeterReading's mRID, 32 hex digits chosen by the device (stable per point)
 * @param description          what the point is, e.g. "site active power"
 * @param value                the reading
 * @param powerOfTenMultiplier ReadingType.powerOfTenMultiplier
 * @param uom                  ReadingType.uom (e.g. 38 = W, 72 = Wh, 29 = V)
 * @param flowDirection        ReadingType.flowDirection (1 forward / delivered, 19 reverse / received)
 * @param accumulation         ReadingType.accumulationBehaviour (12 instantaneous, 4 cumulative, ...)
 */
public record TelemetryReading(String mrid, String description, long value, int powerOfTenMultiplier, int uom,
                               int flowDirection, int accumulation) {
}
