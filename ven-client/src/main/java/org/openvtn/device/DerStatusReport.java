package org.openvtn.device;

/**
 * What the device reports as its DERStatus (IEEE 2030.5-2018 §10.10.4.5; each field optional, null = not reported).
 *
 * @param genConnectStatus      sep.xsd ConnectStatusType bit field (one byte)
 * @param operationalModeStatus sep.xsd OperationalModeStatusType value
 * @param inverterStatus        sep.xsd InverterStatusType value
 * @param stateOfChargePercent  state of charge in hundredths of a percent (sep.xsd PerCent)
 */
public record DerStatusReport(Integer genConnectStatus, Integer operationalModeStatus, Integer inverterStatus,
                              Integer stateOfChargePercent) {
}
