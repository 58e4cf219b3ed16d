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
 * DERCurve of that mode's curveType). SunSpec CSIP BASIC-004 … 015 test one DER control mode each, but the catalogue
 * the suite holds does not say which ID is which mode, so the row is named after the function: the driver defines a
 * volt-var curve and schedules a control that uses it; the device finds the DERControl by discovery, its opModVoltVar
 * link resolves to a DERCurve of curveType 11 (volt-var) with the points the driver defined.
 */
final class CurveCases {

    /** A DERControl with the scheduled start carries an opModVoltVar DERCurveLink. */
    static final String LINKED = "sep.curve.control-linked";
    /** The link resolves (200) to a DERCurve of the mode's curveType. */
    static final String RESOLVES = "sep.curve.link-resolves";
    /** The DERCurve's CurveData are the points the driver defined. */
    static final String POINTS = "sep.curve.points";

    /** DERCurveType opModVoltVar (sep.xsd). */
    static final int VOLT_VAR = 11;
    /** A volt-var curve: x % of setEffectiveV, y % of setMaxVar (yRefType 2). */
    static final List<int[]> VOLT_VAR_POINTS = List.of(new int[] {92, 30}, new int[] {98, 0}, new int[] {102, 0},
            new int[] {108, -30});

    private CurveCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("DER-CURVE-LINK"), "A control in a curve mode links the program's DERCurve:"
                        + " the DERControl's opModVoltVar DERCurveLink resolves to a DERCurve of curveType 11 with the"
                        + " defined points", "IEEE 2030.5-2018 §10.10 DERControlBase (DERCurveLink), DERCurve",
                Set.of(SepServerSuite.CURVES), CurveCases::voltVar));
    }

    private static void voltVar(CaseContext ctx, SepSession s) throws InterruptedException {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Instant start = SepCases.at(ctx, Duration.ofHours(150));
        s.driver(ctx).scheduleCurveControl(ctx, s.mainDevice(), VOLT_VAR, 2, VOLT_VAR_POINTS, start,
                Duration.ofMinutes(30));
        Element derc = await(ctx, c, start).orElseThrow(() -> ctx.fail(LINKED, "DERControlList", "no DERControl"
                + " starting at " + start.getEpochSecond() + " with DERControlBase/opModVoltVar reached the device"
                + " within " + ctx.patience()));
        String href = SepXml.child(derc, "DERControlBase").flatMap(b -> SepXml.link(b, "opModVoltVar")).orElseThrow(
                () -> ctx.fail(LINKED, SepXml.path(derc) + "/DERControlBase/opModVoltVar", "the link has no href"));
        SepReply r = c.get("GET DERCurve (opModVoltVar)", href);
        Element curve = r.root("DERCurve").orElse(null);
        SepCases.check(ctx, r.status() == 200 && curve != null, RESOLVES, href, "GET answered " + r.status()
                + (curve == null ? " without a DERCurve" : ""));
        if (curve == null) {
            return;
        }
        long type = SepXml.number(curve, "curveType").orElse(-1L);
        SepCases.check(ctx, type == VOLT_VAR, RESOLVES, SepXml.path(curve) + "/curveType", "curveType " + type
                + " but opModVoltVar must link a volt-var curve (" + VOLT_VAR + ")");
        List<Element> data = SepXml.children(curve, "CurveData");
        boolean same = data.size() == VOLT_VAR_POINTS.size();
        for (int i = 0; same && i < data.size(); i++) {
            same = SepXml.number(data.get(i), "xvalue").orElse(Long.MIN_VALUE) == VOLT_VAR_POINTS.get(i)[0]
                    && SepXml.number(data.get(i), "yvalue").orElse(Long.MIN_VALUE) == VOLT_VAR_POINTS.get(i)[1];
        }
        SepCases.check(ctx, same, POINTS, SepXml.path(curve) + "/CurveData", data.size() + " point(s), not the "
                + VOLT_VAR_POINTS.size() + " defined ones in order");
    }

    /** Polls the device's DERControls as a device would until one starting at {@code start} has an opModVoltVar. */
    private static Optional<Element> await(CaseContext ctx, SepClientHarness c, Instant start)
            throws InterruptedException {
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        while (true) {
            Optional<Element> hit = c.derControls().stream()
                    .filter(d -> SepXml.number(d, "interval", "start").orElse(-1L) == start.getEpochSecond())
                    .filter(d -> SepXml.child(d, "DERControlBase").flatMap(b -> SepXml.child(b, "opModVoltVar"))
                            .isPresent()).findFirst();
            if (hit.isPresent() || System.nanoTime() > deadline) {
                return hit;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }
}
