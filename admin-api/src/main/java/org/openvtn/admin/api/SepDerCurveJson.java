package org.openvtn.admin.api;

import java.util.List;

/**
 * A program's DERCurve as stored ({@code /sep/programs/{id}/curves/{n}}); devices read it at
 * {@code /edev/{e}/derp/{id}/dc/{n}}.
 *
 * @param programId   program
 * @param curveId     the {n}
 * @param curveType   DERCurveType
 * @param mode        the DERCurveType's name (opModVoltVar, ...)
 * @param xMultiplier power of ten of x
 * @param yMultiplier power of ten of y
 * @param yRefType    DERUnitRefType of y
 * @param points      the points
 * @param createdAt   last definition (DERCurve.creationTime)
 */
@ApiSchema("SepDerCurve")
public record SepDerCurveJson(String programId, int curveId, int curveType, String mode, int xMultiplier,
                              int yMultiplier, int yRefType, List<SepCurvePointJson> points, String createdAt) {
}
