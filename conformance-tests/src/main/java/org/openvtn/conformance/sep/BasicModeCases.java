package org.openvtn.conformance.sep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;

/**
 * SunSpec CSIP BASIC-004 … 015: one DER control mode per ID (the mapping and its source are in
 * conformance-tests/README.md, "SunSpec CSIP (v1.3 catalogue)"). The server's part of each is to publish what the
 * utility scheduled: the driver schedules a control of the ID's mode for the device's LFDI and the device must find
 * a DERControl carrying that mode and value ({@link ModeCases#active}), a curve mode's DERCurveLink resolving to the
 * defined curve ({@link CurveCases#curveControl}), or, for the ramp rate that IEEE 2030.5-2018 carries only in
 * DefaultDERControl, the DefaultDERControl with it ({@link ModeCases#defaultControl}). BASIC-008 schedules
 * opModFixedPFInjectW under-excited (the excitation flag must come through), BASIC-013 a negative opModFixedW.
 */
final class BasicModeCases {

    /** How one ID's mode reaches the device. */
    private interface Publish {
        void run(CaseContext ctx, SepSession s, int hoursAhead) throws Exception;
    }

    private record Row(String id, String what, Set<String> requires, Publish publish) {
    }

    /** Hours ahead of the first row's control; each row its own hour, clear of the other cases' schedules. */
    private static final int FIRST_HOUR = 200;

    private BasicModeCases() {
    }

    private static Row curve(String id, String what, CurveCases.Curve c) {
        return new Row(id, what + " (" + c.mode() + ", curveType " + c.type() + ")", Set.of(SepServerSuite.CURVES),
                (ctx, s, h) -> CurveCases.curveControl(ctx, s, c, h));
    }

    private static Row active(String id, String what, DerMode mode) {
        return new Row(id, what + " (" + mode.element() + ")", Set.of(), (ctx, s, h) -> ModeCases.active(ctx, s,
                SepCases.mode(s.driver(ctx), mode), h));
    }

    private static final List<Row> ROWS = List.of(
            curve("BASIC-004", "voltage ride-through", new CurveCases.Curve(10, 4, List.of(new int[] {0, 45},
                    new int[] {1, 45}, new int[] {2, 65}, new int[] {10, 88}))),
            curve("BASIC-005", "frequency ride-through", new CurveCases.Curve(7, 0, List.of(new int[] {0, 56},
                    new int[] {10, 57}, new int[] {300, 58}))),
            curve("BASIC-006", "volt-var", CurveCases.VOLT_VAR_CURVE),
            new Row("BASIC-007", "ramp rate (DefaultDERControl setGradW)", Set.of(SepServerSuite.DEFAULT_CONTROL),
                    (ctx, s, h) -> ModeCases.defaultControl(ctx, s, DerMode.RAMP_RATE)),
            active("BASIC-008", "fixed power factor", DerMode.FIXED_PF_INJECT),
            active("BASIC-009", "connect / disconnect", DerMode.CONNECT),
            active("BASIC-010", "maximum active power", DerMode.MAX_LIM_W),
            curve("BASIC-011", "volt-watt", new CurveCases.Curve(12, 1, List.of(new int[] {106, 100},
                    new int[] {110, 20}))),
            curve("BASIC-012", "frequency-watt", new CurveCases.Curve(0, 1, List.of(new int[] {60, 100},
                    new int[] {61, 50}, new int[] {62, 0}))),
            active("BASIC-013", "set active power as a percentage", DerMode.FIXED_W),
            active("BASIC-014", "set active power in watts", DerMode.TARGET_W),
            curve("BASIC-015", "watt-power factor", new CurveCases.Curve(13, 0, List.of(new int[] {0, 100},
                    new int[] {50, 98}, new int[] {100, 95}))));

    static List<SepCase> cases() {
        List<SepCase> out = new ArrayList<>();
        int hour = FIRST_HOUR;
        for (Row r : ROWS) {
            int h = hour++;
            out.add(SepCase.must(List.of(r.id()), "DER control mode - " + r.what() + " scheduled for the device and"
                            + " published to it", "SunSpec CSIP " + r.id() + "; IEEE 2030.5-2018 §10.10 DERControlBase",
                    r.requires(), (ctx, s) -> r.publish().run(ctx, s, h)));
        }
        return out;
    }
}
