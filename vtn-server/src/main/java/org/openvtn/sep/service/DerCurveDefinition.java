package org.openvtn.sep.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An operator-defined DERCurve (IEEE 2030.5-2018 DER function set, sep.xsd {@code DERCurve}: CurveData 1..10 points,
 * curveType, xMultiplier, yMultiplier, yRefType). Validated on construction; a bad value is an
 * {@link IllegalArgumentException} whose message starts with the field name.
 *
 * <p>Rules (docs/ieee-2030.5.md "DER curves"): {@code curveType} one of the DERCurveType values 0..14; 1 to 10 points
 * (the schema's CurveData bounds); x values strictly increasing (a curve is a function of x; ride-through curves are
 * in time order); x and y within Int32; multipliers -9..9 (PowerOfTenMultiplierType, the range of SI prefixes the
 * standard's examples use); {@code yRefType} one that fits the curve's y axis: var curves (volt-var, watt-var)
 * %setMaxVar or %statVarAvail; watt curves (volt-watt, freq-watt) %setMaxW, %setMaxChargeRateW,
 * %setMaxDischargeRateW or %statWAvail; voltage ride-through %setEffectiveV; frequency ride-through and watt-PF
 * (whose y is Hz or a power factor, not a percentage) N/A. {@code excitation} only on watt-PF curves (the sign of the
 * power factor, sep.xsd CurveData).
 *
 * @param curveType   DERCurveType (0 freq-watt ... 11 volt-var, 12 volt-watt, 13 watt-PF, 14 watt-var)
 * @param xMultiplier power of ten of the x values
 * @param yMultiplier power of ten of the y values
 * @param yRefType    DERUnitRefType of the y values
 * @param points      the curve, x strictly increasing
 */
public record DerCurveDefinition(int curveType, int xMultiplier, int yMultiplier, int yRefType, List<Point> points) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Names of the DERCurveType values (sep.xsd). */
    public static final List<String> CURVE_TYPES = List.of("opModFreqWatt", "opModHFRTMayTrip", "opModHFRTMustTrip",
            "opModHVRTMayTrip", "opModHVRTMomentaryCessation", "opModHVRTMustTrip", "opModLFRTMayTrip",
            "opModLFRTMustTrip", "opModLVRTMayTrip", "opModLVRTMomentaryCessation", "opModLVRTMustTrip",
            "opModVoltVar", "opModVoltWatt", "opModWattPF", "opModWattVar");
    private static final Set<Integer> VAR = Set.of(2, 3);
    private static final Set<Integer> WATT = Set.of(1, 5, 6, 7);
    private static final Map<Integer, Set<Integer>> Y_REF = Map.ofEntries(Map.entry(0, WATT), Map.entry(1, Set.of(0)),
            Map.entry(2, Set.of(0)), Map.entry(3, Set.of(4)), Map.entry(4, Set.of(4)), Map.entry(5, Set.of(4)),
            Map.entry(6, Set.of(0)), Map.entry(7, Set.of(0)), Map.entry(8, Set.of(4)), Map.entry(9, Set.of(4)),
            Map.entry(10, Set.of(4)), Map.entry(11, VAR), Map.entry(12, WATT), Map.entry(13, Set.of(0)),
            Map.entry(14, VAR));

    /**
     * One CurveData point.
     *
     * @param x          xvalue (Int32)
     * @param y          yvalue (Int32)
     * @param excitation CurveData.excitation (watt-PF only), null when absent
     */
    public record Point(long x, long y, Boolean excitation) {
    }

    public DerCurveDefinition {
        if (curveType < 0 || curveType >= CURVE_TYPES.size()) {
            throw new IllegalArgumentException("curveType: a DERCurveType 0..14 is required (11 volt-var, 12 volt-watt,"
                    + " 0 freq-watt, 13 watt-PF, 14 watt-var, 1..10 ride-through); got " + curveType);
        }
        multiplier("xMultiplier", xMultiplier);
        multiplier("yMultiplier", yMultiplier);
        if (!Y_REF.get(curveType).contains(yRefType)) {
            throw new IllegalArgumentException("yRefType: " + yRefType + " does not fit a " + CURVE_TYPES.get(curveType)
                    + " curve; allowed DERUnitRefType values: " + new java.util.TreeSet<>(Y_REF.get(curveType)));
        }
        if (points == null || points.isEmpty() || points.size() > 10) {
            throw new IllegalArgumentException("points: 1 to 10 points are required (sep.xsd CurveData); got "
                    + (points == null ? 0 : points.size()));
        }
        points = List.copyOf(points);
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            int32("points[" + i + "].x", p.x());
            int32("points[" + i + "].y", p.y());
            if (i > 0 && p.x() <= points.get(i - 1).x()) {
                throw new IllegalArgumentException("points: x values must be strictly increasing; points[" + i
                        + "].x " + p.x() + " follows " + points.get(i - 1).x());
            }
            if (p.excitation() != null && curveType != 13) {
                throw new IllegalArgumentException("points: excitation is only defined on watt-PF curves (curveType 13)");
            }
        }
    }

    private static void multiplier(String field, int v) {
        if (v < -9 || v > 9) {
            throw new IllegalArgumentException(field + ": a power of ten -9..9 is required; got " + v);
        }
    }

    private static void int32(String field, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("points: " + field + " " + v + " is outside Int32");
        }
    }

    /** @return the stored text form */
    public String text() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the definition of a stored text form */
    public static DerCurveDefinition fromText(String text) {
        try {
            return JSON.readValue(text, DerCurveDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored DERCurve unreadable: " + e.getMessage(), e);
        }
    }
}
