package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * One case per control mode of the CSIP-AUS server procedures: active controls (S-ALL-11 … S-ALL-18), default
 * controls (S-ALL-19 … S-ALL-23) and the same delivered by notification (S-ALL-27 … S-ALL-39). The driver
 * schedules the mode; the suite finds it by discovery (or receives it at its listener) and reads the value back.
 */
final class ModeCases {

    static final String VALUE = "sep.derc.mode-value";

    private ModeCases() {
    }

    private record Row(String id, DerMode mode, String what) {
    }

    private static final List<Row> ACTIVE = List.of(new Row("S-ALL-11", DerMode.EXP_LIM_W, "export limit"),
            new Row("S-ALL-12", DerMode.GEN_LIM_W, "generation limit"),
            new Row("S-ALL-13", DerMode.IMP_LIM_W, "import limit"),
            new Row("S-ALL-14", DerMode.LOAD_LIM_W, "load limit"),
            new Row("S-ALL-15", DerMode.ENERGIZE, "energise / de-energise"),
            new Row("S-ALL-16", DerMode.CONNECT, "disconnect"),
            new Row("S-ALL-18", DerMode.RAMP_TMS, "ramp rate (rampTms)"));
    private static final List<Row> DEFAULT = List.of(new Row("S-ALL-19", DerMode.EXP_LIM_W, "export limit"),
            new Row("S-ALL-20", DerMode.GEN_LIM_W, "generation limit"),
            new Row("S-ALL-21", DerMode.IMP_LIM_W, "import limit"),
            new Row("S-ALL-22", DerMode.LOAD_LIM_W, "load limit"),
            new Row("S-ALL-23", DerMode.RAMP_RATE, "ramp rate (setGradW)"));
    private static final List<Row> NOTIFIED_ACTIVE = List.of(new Row("S-ALL-27", DerMode.EXP_LIM_W, "export limit"),
            new Row("S-ALL-28", DerMode.GEN_LIM_W, "generation limit"),
            new Row("S-ALL-29", DerMode.IMP_LIM_W, "import limit"),
            new Row("S-ALL-30", DerMode.LOAD_LIM_W, "load limit"),
            new Row("S-ALL-31", DerMode.ENERGIZE, "energise"),
            new Row("S-ALL-32", DerMode.CONNECT, "disconnect"),
            new Row("S-ALL-34", DerMode.RAMP_TMS, "ramp rates"));
    private static final List<Row> NOTIFIED_DEFAULT = List.of(new Row("S-ALL-35", DerMode.EXP_LIM_W, "export limit"),
            new Row("S-ALL-36", DerMode.GEN_LIM_W, "generation limit"),
            new Row("S-ALL-37", DerMode.IMP_LIM_W, "import limit"),
            new Row("S-ALL-38", DerMode.LOAD_LIM_W, "load limit"),
            new Row("S-ALL-39", DerMode.RAMP_RATE, "ramp rate"));

    static List<SepCase> cases() {
        List<SepCase> out = new ArrayList<>();
        int hour = 70;
        for (Row r : ACTIVE) {
            int h = hour++;
            out.add(SepCase.must(List.of(r.id()), "Active control - " + r.what() + " (" + r.mode().element()
                    + ") published to the device with the requested value", "CSIP-AUS " + r.id() + "; IEEE 2030.5-2018"
                    + " DERControlBase", Set.of(SepServerSuite.CSIP_AUS), (ctx, s) -> active(ctx, s, r.mode(), h)));
        }
        for (Row r : DEFAULT) {
            out.add(SepCase.must(List.of(r.id()), "Default control - " + r.what() + " (" + r.mode().element()
                            + ") in the DefaultDERControl with the requested value", "CSIP-AUS " + r.id()
                            + "; IEEE 2030.5-2018 DefaultDERControl",
                    Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.DEFAULT_CONTROL),
                    (ctx, s) -> defaultControl(ctx, s, r.mode())));
        }
        for (Row r : NOTIFIED_ACTIVE) {
            int h = hour++;
            out.add(SepCase.must(List.of(r.id()), "Active control - " + r.what() + " delivered by notification to a"
                            + " DERControlList subscription", "CSIP-AUS " + r.id() + "; IEEE 2030.5-2018 Subscription",
                    Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.SUBSCRIPTIONS),
                    (ctx, s) -> SubscriptionCases.notifiedControl(ctx, s, r.mode(), h, r.id())));
        }
        for (Row r : NOTIFIED_DEFAULT) {
            out.add(SepCase.must(List.of(r.id()), "Default control - " + r.what() + " delivered by notification to a"
                            + " DefaultDERControl subscription", "CSIP-AUS " + r.id() + "; IEEE 2030.5-2018 Subscription",
                    Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.SUBSCRIPTIONS, SepServerSuite.DEFAULT_CONTROL),
                    (ctx, s) -> SubscriptionCases.notifiedDefault(ctx, s, r.mode(), r.id())));
        }
        return out;
    }

    static void active(CaseContext ctx, SepSession s, DerMode mode, int hoursAhead) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        DerControlSpec spec = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(hoursAhead)),
                Duration.ofMinutes(30));
        s.driver(ctx).createDerControl(ctx, spec);
        SepCases.awaitControl(ctx, c, spec);
    }

    static void defaultControl(CaseContext ctx, SepSession s, DerMode mode) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        double value = SepCases.spec(s.mainDevice(), mode, ctx.clock().instant(), Duration.ofMinutes(1)).value();
        s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), mode, value);
        boolean seen = false;
        for (Element p : c.derPrograms()) {
            var link = SepXml.link(p, "DefaultDERControlLink");
            if (link.isEmpty()) {
                continue;
            }
            SepReply r = c.get("GET DefaultDERControl", link.get());
            Element d = r.root("DefaultDERControl").orElse(null);
            if (r.status() == 200 && d != null) {
                Element base = mode == DerMode.RAMP_RATE ? d : SepXml.child(d, "DERControlBase").orElse(d);
                seen |= mode.read(base).map(v -> SepCases.close(v, value)).orElse(false);
            }
        }
        SepCases.check(ctx, seen, VALUE, "DefaultDERControl", "no DefaultDERControl reachable by the device carries "
                + mode.element() + " = " + value);
    }
}
