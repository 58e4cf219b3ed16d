package org.openvtn.admin.api;

/**
 * One point of a DERCurve (sep.xsd CurveData).
 *
 * @param x          xvalue (Int32), in the curve type's x unit times 10^xMultiplier
 * @param y          yvalue (Int32), in the yRefType's unit times 10^yMultiplier
 * @param excitation true when absorbing reactive power (watt-PF curves only), optional
 */
public record SepCurvePointJson(Long x, Long y, Boolean excitation) {
}
