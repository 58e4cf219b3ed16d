package org.openvtn.device;

/**
 * What the device reports as its DERStatus (IEEE 2030.5-2018 §10.10.4.5; each field optional, null = not reported).
 *
 * @param genConnectStatus      sep.xsd ConnectStatusType bit field (one byte)
 * @param operationalModeStatus sep.xsd OperationalModeStatusType value
 * @param inverterStatus        sep.xsd InverterStatusType value
 * @param stateOfChargePercent  state of charge in hundredths of a percent (sep.xsd PerCent, 0..10000; storage DER)
 * @param storageModeStatus     sep.xsd StorageModeStatusType value: 0 charging, 1 discharging, 2 holding (storage DER)
 */
public record DerStatusReport(Integer genConnectStatus, Integer operationalModeStatus, Integer inverterStatus,
                              Integer stateOfChargePercent, Integer storageModeStatus) {

    /** A DERStatus without storageModeStatus (a DER that is not a storage DER, or does not say). */
    public DerStatusReport(Integer genConnectStatus, Integer operationalModeStatus, Integer inverterStatus,
                           Integer stateOfChargePercent) {
        this(genConnectStatus, operationalModeStatus, inverterStatus, stateOfChargePercent, null);
    }

    public DerStatusReport {
        if (stateOfChargePercent != null && (stateOfChargePercent < 0 || stateOfChargePercent > 10_000)) {
            throw new IllegalArgumentException("stateOfChargePercent: 0..10000 (hundredths of a percent), was "
                    + stateOfChargePercent);
        }
        if (storageModeStatus != null && (storageModeStatus < 0 || storageModeStatus > 2)) {
            throw new IllegalArgumentException("storageModeStatus: 0 charging, 1 discharging, 2 holding, was "
                    + storageModeStatus);
        }
    }
}
