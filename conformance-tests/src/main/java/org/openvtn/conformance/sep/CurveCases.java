package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Curve references (IEEE 2030.5-2018 §10.10: a DERControlBase curve mode such as opModVoltVar is a DERCurveLink to a
 * DERCurve of that mode's curveType). The driver defines a curve and schedules a control that uses it; the device
 * finds the DERControl by discovery, and its curve-mode link resolves to a DERCurve of that curveType with the points
 * the driver defined. DER-CURVE-LINK does it for volt-var; {@link BasicModeCases} for the curve modes of SunSpec CSIP
 * BASIC-004 … 015.
 */
final class CurveCases {

    /** A DERControl with the scheduled start carries the curve mode's DERCurveLink. */
    static final String LINKED = "sep.curve.control-linked";
    /** The link resolves (200) to a DERCurve of the mode's curveType. */
    static final String RESOLVES = "sep.curve.link-resolves";
    /** The DERCurve's CurveData are the points the driver defined. */
    static final String POINTS = "sep.curve.points";

    /** DERCurveType (sep.xsd, its index here) -> DERControlBase element of that curve mode. */
    static final List<String> CURVE_MODES = List.of("opModFreqWatt", "opModHFRTMayTrip", "opModHFRTMustTrip",
            "opModHVRTMayTrip", "opModHVRTMomentaryCessation", "opModHVRTMustTrip", "opModLFRTMayTrip",
            "opModLFRTMustTrip", "opModLVRTMayTrip", "opModLVRTMomentaryCessation", "opModLVRTMustTrip",
            "opModVoltVar", "opModVoltWatt", "opModWattPF", "opModWattVar");

    /** DERCurveType opModVoltVar (sep.xsd). */
    static final int VOLT_VAR = 11;
    /** A volt-var curve: x % of setEffectiveV, y % of setMaxVar (yRefType 2). */
    static final List<int[]> VOLT_VAR_POINTS = List.of(new int[] {92, 30}, new int[] {98, 0}, new int[] {102, 0},
            new int[] {108, -30});

    /**
     * A curve a case asks the driver to define (multipliers 0).
     *
     * @param type     DERCurveType
     * @param yRefType DERUnitRefType of the y values
     * @param points   (x, y) points, x strictly increasing
     */
    record Curve(int type, int yRefType, List<int[]> points) {
        /** The DERControlBase element of this curve's mode. */
        String mode() {
            return CURVE_MODES.get(type);
        }
    }

    /** The volt-var curve of DER-CURVE-LINK and BASIC-006. */
    static final Curve VOLT_VAR_CURVE = new Curve(VOLT_VAR, 2, VOLT_VAR_POINTS);

    private CurveCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("DER-CURVE-LINK"), "A control in a curve mode links the program's DERCurve:"
                        + " the DERControl's opModVoltVar DERCurveLink resolves to a DERCurve of curveType 11 with the"
                        + " defined points", "IEEE 2030.5-2018 §10.10 DERControlBase (DERCurveLink), DERCurve",
                Set.of(SepServerSuite.CURVES), (ctx, s) -> curveControl(ctx, s, VOLT_VAR_CURVE, 150)));
    }

    /**
     * Has the driver define {@code curve} and schedule a control linking it {@code hoursAhead} from now, then checks
     * what the device finds: the DERControl, its link, the DERCurve's curveType and points.
     */
    static void curveControl(CaseContext ctx, SepSession s, Curve curve, int hoursAhead) throws InterruptedException {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Instant start = SepCases.at(ctx, Duration.ofHours(hoursAhead));
        s.driver(ctx).scheduleCurveControl(ctx, s.mainDevice(), curve.type(), curve.yRefType(), curve.points(), start,
                Duration.ofMinutes(30));
        Element derc = await(ctx, c, start, curve.mode()).orElseThrow(() -> ctx.fail(LINKED, "DERControlList", "no"
                + " DERControl starting at " + start.getEpochSecond() + " with DERControlBase/" + curve.mode()
                + " reached the device within " + ctx.patience()));
        String href = SepXml.child(derc, "DERControlBase").flatMap(b -> SepXml.link(b, curve.mode())).orElseThrow(
                () -> ctx.fail(LINKED, SepXml.path(derc) + "/DERControlBase/" + curve.mode(), "the link has no href"));
        SepReply r = c.get("GET DERCurve (" + curve.mode() + ")", href);
        Element dc = r.root("DERCurve").orElse(null);
        SepCases.check(ctx, r.status() == 200 && dc != null, RESOLVES, href, "GET answered " + r.status()
                + (dc == null ? " without a DERCurve" : ""));
        if (dc == null) {
            return;
        }
        long type = SepXml.number(dc, "curveType").orElse(-1L);
        SepCases.check(ctx, type == curve.type(), RESOLVES, SepXml.path(dc) + "/curveType", "curveType " + type
                + " but " + curve.mode() + " must link a curve of curveType " + curve.type());
        List<Element> data = SepXml.children(dc, "CurveData");
        boolean same = data.size() == curve.points().size();
        for (int i = 0; same && i < data.size(); i++) {
            same = SepXml.number(data.get(i), "xvalue").orElse(Long.MIN_VALUE) == curve.points().get(i)[0]
                    && SepXml.number(data.get(i), "yvalue").orElse(Long.MIN_VALUE) == curve.points().get(i)[1];
        }
        SepCases.check(ctx, same, POINTS, SepXml.path(dc) + "/CurveData", data.size() + " point(s), not the "
                + curve.points().size() + " defined ones in order");
    }

    /** Polls the device's DERControls as a device would until one starting at {@code start} carries {@code mode}. */
    private static Optional<Element> await(CaseContext ctx, SepClientHarness c, Instant start, String mode)
            throws InterruptedException {
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        while (true) {
            Optional<Element> hit = c.derControls().stream()
                    .filter(d -> SepXml.number(d, "interval", "start").orElse(-1L) == start.getEpochSecond())
                    .filter(d -> SepXml.child(d, "DERControlBase").flatMap(b -> SepXml.child(b, mode)).isPresent())
                    .findFirst();
            if (hit.isPresent() || System.nanoTime() > deadline) {
                return hit;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }
}
