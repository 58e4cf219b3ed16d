package org.openvtn.admin.api;

import java.util.List;

/**
 * {@code PUT /sep/programs/{id}/curves/{n}}: defines (or replaces) a DERCurve of the program (IEEE 2030.5-2018
 * DERCurve; docs/ieee-2030.5.md "DER curves" for the validation rules).
 *
 * @param curveType   DERCurveType 0..14 (11 volt-var, 12 volt-watt, 0 freq-watt, 13 watt-PF, 14 watt-var, ...)
 * @param xMultiplier power of ten of the x values, -9..9
 * @param yMultiplier power of ten of the y values, -9..9
 * @param yRefType    DERUnitRefType of the y values, fitting the curve type
 * @param points      1..10 points, x strictly increasing
 */
@ApiSchema("SepDerCurveInput")
public record SepDerCurveInput(Integer curveType, Integer xMultiplier, Integer yMultiplier, Integer yRefType,
                               List<SepCurvePointJson> points) {
}
