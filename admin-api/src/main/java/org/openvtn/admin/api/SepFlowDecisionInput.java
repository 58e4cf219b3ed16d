package org.openvtn.admin.api;

/**
 * {@code PUT /sep/flow-reservations/{n}}: the operator's answer to a flow reservation (docs/ieee-2030.5.md "Flow
 * Reservation").
 *
 * @param decision          accepted (as requested), adjusted (with the two values below) or rejected (the
 *                          response becomes Cancelled, nothing available)
 * @param energyAvailableWh for adjusted: the energy available, Wh
 * @param powerAvailableW   for adjusted: the power available, W
 */
@ApiSchema("SepFlowDecisionInput")
public record SepFlowDecisionInput(String decision, Long energyAvailableWh, Long powerAvailableW) {
}
