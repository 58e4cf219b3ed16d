package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Control combinations of the CSIP-AUS server procedures: ONE DERControl (S-ALL-17) and ONE DefaultDERControl
 * (S-ALL-24) carrying several modes at once (IEEE 2030.5-2018 DERControlBase holds every mode of a control), found by
 * discovery, and the same delivered by notification to a DERControlList (S-ALL-33) or DefaultDERControl (S-ALL-40)
 * subscription.
 */
final class CombinationCases {

    /** One control (or default control) carries every mode the driver asked for, with its value. */
    static final String COMBINED = "sep.derc.combined";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** The active control of S-ALL-17 / S-ALL-33 (the procedures' 50 % of a 5 kW rating for the limits; no rampTms). */
    static final Map<DerMode, Double> ACTIVE = values(DerMode.EXP_LIM_W, 2500, DerMode.GEN_LIM_W, 0,
            DerMode.IMP_LIM_W, 2500, DerMode.LOAD_LIM_W, 0, DerMode.ENERGIZE, 0, DerMode.CONNECT, 0);
    /** The default control of S-ALL-24 / S-ALL-40. */
    static final Map<DerMode, Double> DEFAULT = values(DerMode.EXP_LIM_W, 2500, DerMode.GEN_LIM_W, 0,
            DerMode.IMP_LIM_W, 2500, DerMode.LOAD_LIM_W, 0);

    private CombinationCases() {
    }

    static List<SepCase> cases() {
        Set<String> aus = Set.of(SepServerSuite.CSIP_AUS);
        Set<String> ausDefault = Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.DEFAULT_CONTROL);
        return List.of(
                SepCase.must(List.of("S-ALL-17"), "Active control - control combinations: ONE active DERControl carries"
                        + " opModExpLimW, opModGenLimW, opModImpLimW, opModLoadLimW, opModEnergize and opModConnect,"
                        + " without rampTms", "CSIP-AUS S-ALL-17; IEEE 2030.5-2018 DERControlBase", aus,
                        CombinationCases::sAll17),
                SepCase.must(List.of("S-ALL-24"), "Default control - control combinations: ONE DefaultDERControl"
                        + " carries opModExpLimW, opModGenLimW, opModImpLimW and opModLoadLimW", "CSIP-AUS S-ALL-24;"
                        + " IEEE 2030.5-2018 DefaultDERControl", ausDefault, CombinationCases::sAll24),
                SepCase.must(List.of("S-ALL-33"), "Active controls - control combinations delivered by notification to"
                        + " a DERControlList subscription as ONE active DERControl", "CSIP-AUS S-ALL-33; IEEE"
                        + " 2030.5-2018 Subscription", Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.SUBSCRIPTIONS),
                        CombinationCases::sAll33),
                SepCase.must(List.of("S-ALL-40"), "Default controls - control combinations delivered by notification"
                        + " to a DefaultDERControl subscription", "CSIP-AUS S-ALL-40; IEEE 2030.5-2018 Subscription",
                        Set.of(SepServerSuite.CSIP_AUS, SepServerSuite.DEFAULT_CONTROL, SepServerSuite.SUBSCRIPTIONS),
                        CombinationCases::sAll40));
    }

    private static Map<DerMode, Double> values(Object... pairs) {
        Map<DerMode, Double> m = new EnumMap<>(DerMode.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((DerMode) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        }
        return m;
    }

    private static void sAll17(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Instant start = SepCases.at(ctx, Duration.ZERO);
        Duration duration = Duration.ofMinutes(17);
        s.driver(ctx).createCombinedControl(ctx, s.mainDevice(), ACTIVE, start, duration);
        List<Element> at = awaitInterval(ctx, c, start, duration);
        Element derc = single(ctx, at, "DERControlList", "DERControls");
        checkActive(ctx, derc);
    }

    private static void sAll24(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), DEFAULT);
        Element program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        Element d = c.resource("GET DefaultDERControl", c.link(program, "DefaultDERControlLink"), "DefaultDERControl");
        carries(ctx, d, DEFAULT);
    }

    private static void sAll33(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        String list = c.link(program, "DERControlListLink");
        Element listDoc = c.resource("GET DERControlList", list, "DERControlList");
        // room for every listed control plus the new one (a notification carries at most `limit` items)
        int limit = (int) Math.min(255, Math.max(10, SepXml.attr(listDoc, "all").map(Long::parseLong).orElse(0L) + 5));
        String name = "sall33-" + SEQ.incrementAndGet();
        String sub = SubscriptionCases.subscribe(ctx, c, list, name, limit);
        try {
            Instant start = SepCases.at(ctx, Duration.ZERO);
            Duration duration = Duration.ofMinutes(33);
            s.driver(ctx).createCombinedControl(ctx, s.mainDevice(), ACTIVE, start, duration);
            String tag = "<start>" + start.getEpochSecond() + "</start>";
            Element n = SubscriptionCases.awaitNotification(ctx, s, name, b -> b.contains(tag),
                    "with the combined control");
            List<Element> at = new ArrayList<>();
            for (Element d : descendants(n, "DERControl")) {
                if (inInterval(d, start, duration)) {
                    at.add(d);
                }
            }
            Element derc = single(ctx, at, "Notification", "DERControls in the notification");
            checkActive(ctx, derc);
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    private static void sAll40(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        if (SepXml.link(program, "DefaultDERControlLink").isEmpty()) {
            // a server may offer the link only once a default control exists: have one set, then subscribe to it
            s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), DerMode.RAMP_RATE, 40);
            program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        }
        String dderc = c.link(program, "DefaultDERControlLink");
        String name = "sall40-" + SEQ.incrementAndGet();
        String sub = SubscriptionCases.subscribe(ctx, c, dderc, name);
        try {
            s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), DEFAULT);
            java.util.function.Predicate<String> every = b -> DEFAULT.keySet().stream()
                    .allMatch(m -> b.contains(m.element()));
            boolean complete = s.listener().await(r -> r.path().equals("/ntfy/" + name) && every.test(r.body()),
                    ctx.patience()).isPresent();
            // without a complete one, judge the notification that did arrive (naming the modes it lacks)
            Element n = SubscriptionCases.awaitNotification(ctx, s, name, complete ? every : b -> true,
                    "carrying every mode of the default control");
            List<Element> d = descendants(n, "DefaultDERControl");
            Element resource = d.isEmpty() ? SepXml.child(n, "Resource").orElseThrow(() -> ctx.fail(COMBINED,
                    SepXml.path(n), "the notification carries no DefaultDERControl")) : d.get(0);
            carries(ctx, resource, DEFAULT);
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    /** Every DERControl the device discovers in the interval, polling until its modes are all there or patience ends. */
    static List<Element> awaitInterval(CaseContext ctx, SepClientHarness c, Instant start, Duration duration)
            throws InterruptedException {
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        while (true) {
            List<Element> at = c.derControls().stream().filter(d -> inInterval(d, start, duration)).toList();
            if (!at.isEmpty() || System.nanoTime() > deadline) {
                if (at.isEmpty()) {
                    throw ctx.fail(SepCases.PUBLISHED, "DERControlList", "no DERControl with interval start "
                            + start.getEpochSecond() + ", duration " + duration.toSeconds() + " s reached the device"
                            + " within " + ctx.patience());
                }
                return at;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    static boolean inInterval(Element derc, Instant start, Duration duration) {
        return SepXml.number(derc, "interval", "start").orElse(-1L) == start.getEpochSecond()
                && SepXml.number(derc, "interval", "duration").orElse(-1L) == duration.toSeconds();
    }

    /** The one control of the interval; FAIL ({@value #COMBINED}) when the modes were split over several. */
    private static Element single(CaseContext ctx, List<Element> at, String where, String what) {
        if (at.size() != 1) {
            throw ctx.fail(COMBINED, where, at.size() + " " + what + " share the interval; the procedure expects ONE"
                    + " carrying every mode (" + ACTIVE.keySet().stream().map(DerMode::element).toList() + ")");
        }
        return at.get(0);
    }

    /** S-ALL-17 / S-ALL-33: every mode with its value, Active (1), no rampTms. */
    private static void checkActive(CaseContext ctx, Element derc) {
        carries(ctx, derc, ACTIVE);
        SepCases.check(ctx, SepCases.status(derc) == 1, COMBINED, SepXml.path(derc) + "/EventStatus/currentStatus",
                "currentStatus " + SepCases.status(derc) + ", expected 1 (Active) for a control that has started");
        Element base = SepXml.child(derc, "DERControlBase").orElse(derc);
        SepCases.check(ctx, SepXml.child(base, "rampTms").isEmpty(), COMBINED, SepXml.path(base) + "/rampTms",
                "rampTms is present although the control was created without one");
    }

    /** Every value of {@code wanted} in the control's DERControlBase (setGradW on the DefaultDERControl itself). */
    static void carries(CaseContext ctx, Element control, Map<DerMode, Double> wanted) {
        Element base = SepXml.child(control, "DERControlBase").orElse(control);
        wanted.forEach((mode, value) -> {
            Element owner = mode == DerMode.RAMP_RATE ? control : base;
            var got = mode.read(owner);
            SepCases.check(ctx, got.map(v -> SepCases.close(v, value)).orElse(false), COMBINED,
                    SepXml.path(owner) + "/" + mode.element(), got.map(v -> mode.element() + " = " + v)
                            .orElse(mode.element() + " is missing") + ", expected " + value + " in the same control");
        });
    }

    static List<Element> descendants(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        org.w3c.dom.NodeList l = root.getElementsByTagNameNS(SepXml.NS, localName);
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }
}
