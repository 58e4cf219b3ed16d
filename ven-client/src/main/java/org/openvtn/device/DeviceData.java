package org.openvtn.device;

import java.time.Instant;
import java.util.Objects;

/**
 * The device's self-description a DER client reports to the server (IEEE 2030.5-2018 §10.10.4 DER: DERCapability,
 * DERSettings, DERAvailability; §10.2 DeviceInformation; §10.4 PowerStatus; CSIP §5.2.1 requires nameplate ratings
 * and settings). Each part is optional; the client PUTs the parts given to the links the server advertises and skips
 * (logs) a part whose link the server does not offer. Power values are in W, var, VA (the client picks a
 * power-of-ten multiplier so that the schema's 16-bit value holds them). Immutable; build with {@link #builder()}.
 */
public final class DeviceData {
    private final Information information;
    private final Ratings ratings;
    private final Settings settings;
    private final Availability availability;
    private final Power powerStatus;
    private final Storage storage;

    private DeviceData(Builder b) {
        this.storage = b.storage;
        this.information = b.information;
        this.ratings = b.ratings;
        this.settings = b.settings;
        this.availability = b.availability;
        this.powerStatus = b.powerStatus;
    }

    /** A new builder (every part optional). */
    public static Builder builder() {
        return new Builder();
    }

    /** DeviceInformation (§10.2), or null. */
    public Information information() {
        return information;
    }

    /** DERCapability (nameplate ratings, §10.10.4.2), or null. */
    public Ratings ratings() {
        return ratings;
    }

    /** DERSettings (§10.10.4.3), or null. */
    public Settings settings() {
        return settings;
    }

    /** DERAvailability (§10.10.4.4), or null. */
    public Availability availability() {
        return availability;
    }

    /** PowerStatus (§10.4), or null. */
    public Power powerStatus() {
        return powerStatus;
    }

    /** The storage part of DERCapability and DERSettings (a storage DER), or null. */
    public Storage storage() {
        return storage;
    }

    /**
     * DeviceInformation (§10.2.4; lFDI is the client's own).
     *
     * @param mfId           manufacturer's IANA Private Enterprise Number
     * @param mfModel        model (up to 32 characters)
     * @param mfSerNum       serial number (up to 32 characters)
     * @param mfHwVer        hardware version (up to 32 characters)
     * @param swVer          software version (up to 32 characters)
     * @param mfDate         manufacture date
     * @param swActTime      when the running software was activated
     * @param primaryPower   PowerSourceType (0 none, 1 mains, 2 battery, ...)
     * @param secondaryPower PowerSourceType
     */
    public record Information(long mfId, String mfModel, String mfSerNum, String mfHwVer, String swVer, Instant mfDate,
                              Instant swActTime, int primaryPower, int secondaryPower) {
        public Information {
            Objects.requireNonNull(mfModel, "mfModel");
            Objects.requireNonNull(mfSerNum, "mfSerNum");
            Objects.requireNonNull(mfHwVer, "mfHwVer");
            Objects.requireNonNull(swVer, "swVer");
            Objects.requireNonNull(mfDate, "mfDate");
            Objects.requireNonNull(swActTime, "swActTime");
        }
    }

    /**
     * DERCapability (§10.10.4.2): the nameplate.
     *
     * @param derType               DERType (0 n/a, 4 PV, 80 PV + storage, ...)
     * @param modesSupported        DERControlType bitmap (bit 0 charge mode, ... see Table B.x of the schema)
     * @param rtgMaxW               rtgMaxW, W (required)
     * @param rtgMaxVA              rtgMaxVA, VA, or null
     * @param rtgMaxVar             rtgMaxVar, var, or null
     * @param rtgMaxVarNeg          rtgMaxVarNeg, var, or null
     * @param rtgMaxChargeRateW     rtgMaxChargeRateW, W, or null (storage)
     * @param rtgMaxDischargeRateW  rtgMaxDischargeRateW, W, or null (storage)
     */
    public record Ratings(int derType, int modesSupported, long rtgMaxW, Long rtgMaxVA, Long rtgMaxVar,
                          Long rtgMaxVarNeg, Long rtgMaxChargeRateW, Long rtgMaxDischargeRateW) {
    }

    /**
     * DERSettings (§10.10.4.3): what the device is set to now (updatedTime = the client's corrected clock).
     *
     * @param modesEnabled  DERControlType bitmap of enabled modes
     * @param setMaxW       setMaxW, W (required)
     * @param setMaxVA      setMaxVA, VA, or null
     * @param setMaxVar     setMaxVar, var, or null
     * @param setGradW      setGradW, hundredths of a percent of setMaxW per second (required)
     */
    public record Settings(int modesEnabled, long setMaxW, Long setMaxVA, Long setMaxVar, int setGradW) {
    }

    /**
     * DERAvailability (§10.10.4.4; readingTime = the client's corrected clock).
     *
     * @param availabilityDuration seconds the DER could sustain statWAvail, or null
     * @param maxChargeDuration    seconds it could charge at its maximum rate, or null
     * @param statWAvail           active power it could deliver now, W, or null
     * @param statVarAvail         reactive power it could deliver now, var, or null
     */
    public record Availability(Long availabilityDuration, Long maxChargeDuration, Long statWAvail, Long statVarAvail) {
    }

    /**
     * PowerStatus (§10.4.4; changedTime = the client's corrected clock).
     *
     * @param batteryStatus            0 unknown, 1 normal, 2 low, 3 depleted, 4 not applicable
     * @param currentPowerSource       PowerSourceType
     * @param estimatedChargeRemaining hundredths of a percent, or null
     */
    public record Power(int batteryStatus, int currentPowerSource, Integer estimatedChargeRemaining) {
    }

    /**
     * The storage fields of a storage DER (DERType 80 other storage, 83 combined PV and storage; IEEE 2030.5-2018
     * §10.10.4.2 DERCapability, §10.10.4.3 DERSettings; CSIP-AUS STO-02): sent inside the DERCapability and DERSettings
     * of {@link #ratings()} and {@link #settings()}, which a storage DER must therefore give too. Its rates replace
     * {@link Ratings#rtgMaxChargeRateW()} / {@link Ratings#rtgMaxDischargeRateW()}.
     *
     * @param rtgMaxWh             DERCapability rtgMaxWh: maximum energy storage capacity, Wh (required)
     * @param rtgMaxChargeRateW    DERCapability rtgMaxChargeRateW, W (required)
     * @param rtgMaxDischargeRateW DERCapability rtgMaxDischargeRateW, W (required)
     * @param setMaxWh             DERSettings setMaxWh: the capacity it is set to use, Wh, or null (defaults to rtgMaxWh)
     * @param setMaxChargeRateW    DERSettings setMaxChargeRateW, W, or null (defaults to rtgMaxChargeRateW)
     * @param setMaxDischargeRateW DERSettings setMaxDischargeRateW, W, or null (defaults to rtgMaxDischargeRateW)
     */
    public record Storage(long rtgMaxWh, long rtgMaxChargeRateW, long rtgMaxDischargeRateW, Long setMaxWh,
                          Long setMaxChargeRateW, Long setMaxDischargeRateW) {
        public Storage {
            if (rtgMaxWh < 0 || rtgMaxChargeRateW < 0 || rtgMaxDischargeRateW < 0 || (setMaxWh != null && setMaxWh < 0)
                    || (setMaxChargeRateW != null && setMaxChargeRateW < 0)
                    || (setMaxDischargeRateW != null && setMaxDischargeRateW < 0)) {
                throw new IllegalArgumentException("storage: capacities and rates must not be negative");
            }
        }
    }

    /** Builds a {@link DeviceData}. */
    public static final class Builder {
        private Information information;
        private Ratings ratings;
        private Settings settings;
        private Availability availability;
        private Power powerStatus;
        private Storage storage;

        private Builder() {
        }

        public Builder information(Information v) {
            this.information = v;
            return this;
        }

        public Builder ratings(Ratings v) {
            this.ratings = v;
            return this;
        }

        public Builder settings(Settings v) {
            this.settings = v;
            return this;
        }

        public Builder availability(Availability v) {
            this.availability = v;
            return this;
        }

        public Builder powerStatus(Power v) {
            this.powerStatus = v;
            return this;
        }

        /** A storage DER's capacity and rates (needs {@link #ratings} and {@link #settings} too). */
        public Builder storage(Storage v) {
            this.storage = v;
            return this;
        }

        /** @throws IllegalArgumentException naming the field when a value is out of the schema's range */
        public DeviceData build() {
            if (ratings != null && ratings.rtgMaxW() < 0) {
                throw new IllegalArgumentException("ratings.rtgMaxW must not be negative");
            }
            if (settings != null && (settings.setGradW() < 0 || settings.setGradW() > 65535)) {
                throw new IllegalArgumentException("settings.setGradW must be 0..65535");
            }
            if (powerStatus != null && (powerStatus.batteryStatus() < 0 || powerStatus.batteryStatus() > 255)) {
                throw new IllegalArgumentException("powerStatus.batteryStatus must be 0..255");
            }
            if (information != null && (information.mfModel().length() > 32 || information.mfSerNum().length() > 32
                    || information.mfHwVer().length() > 32 || information.swVer().length() > 32)) {
                throw new IllegalArgumentException("information: mfModel, mfSerNum, mfHwVer, swVer hold up to 32 "
                        + "characters");
            }
            if (storage != null && (ratings == null || settings == null)) {
                throw new IllegalArgumentException("storage: a storage DER reports it inside its ratings"
                        + " (DERCapability) and settings (DERSettings); give both");
            }
            return new DeviceData(this);
        }
    }
}
