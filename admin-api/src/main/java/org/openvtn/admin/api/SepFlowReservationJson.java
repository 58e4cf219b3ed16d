package org.openvtn.admin.api;

/**
 * A device's FlowReservationRequest and the server's answer ({@code /sep/flow-reservations}; IEEE 2030.5-2018 §10.9,
 * docs/ieee-2030.5.md "Flow Reservation").
 *
 * @param id                the {n} of the device's {@code /edev/{e}/frq/{n}} and {@code /edev/{e}/frp/{n}}
 * @param endDevice         the EndDevice's href
 * @param mrid              the request's mRID
 * @param start             intervalRequested start
 * @param intervalSeconds   intervalRequested duration
 * @param energyWh          energyRequested, Wh
 * @param powerW            powerRequested, W
 * @param requestStatus     0 requested, 1 cancelled by the device
 * @param decision          accepted, adjusted or rejected
 * @param energyAvailableWh energyAvailable of the response, Wh
 * @param powerAvailableW   powerAvailable of the response, W
 * @param decidedAt         when the answer was given
 */
@ApiSchema("SepFlowReservation")
public record SepFlowReservationJson(long id, String endDevice, String mrid, String start, long intervalSeconds,
                                     long energyWh, long powerW, int requestStatus, String decision,
                                     long energyAvailableWh, long powerAvailableW, String decidedAt) {
}
