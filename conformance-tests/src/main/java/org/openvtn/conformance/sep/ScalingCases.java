package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Scaling factors (CSIP-AUS S-ALL-47) and changing ramp rates (S-ALL-48): an ActivePower beyond Int16 reaches the
 * device as value x 10^multiplier (IEEE 2030.5-2018 ActivePower, PowerOfTenMultiplierType), mirrored readings carry
 * the ReadingType's powerOfTenMultiplier and a value beyond Int48 is refused, DERSettings keep the device's
 * multipliers (setMaxW 5 x 10^3); the DefaultDERControl's setGradW
 * reaches the device and a change of it is served in its place.
 */
final class ScalingCases {

    /** A limit beyond Int16 reads back as value x 10^multiplier. */
    static final String SCALING = "sep.derc.scaling";
    /** Readings within Int48 at a multiplier are accepted, beyond Int48 refused with 4XX. */
    static final String INT48 = "sep.mirror.int48";
    /** A changed setGradW is served in place of the old one. */
    static final String RAMP = "sep.dderc.ramp-rate-change";
    /** 100 kW: beyond Int16 watts, so the server must scale it. */
    static final double LARGE_W = 100_000;
    /** 3 x 10^15: beyond Int48 (2^47 - 1 = 1.4 x 10^14). */
    static final String BEYOND_INT48 = "3000000000000000";

    private ScalingCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("S-ALL-47"), "Validation of scaling factors: an opModExpLimW of 100,000 W reads"
                        + " back as value x 10^multiplier; with mirrorMetering, readings at powerOfTenMultiplier 1 are"
                        + " accepted and a reading beyond Int48 is refused with 4XX; DERSettings setMaxW 5 x 10^3 reads"
                        + " back as sent", "CSIP-AUS S-ALL-47; IEEE"
                        + " 2030.5-2018 ActivePower, ReadingType.powerOfTenMultiplier, Reading.value (Int48)",
                        Set.of(SepServerSuite.CSIP_AUS), ScalingCases::sAll47),
                SepCase.must(List.of("S-ALL-48"), "Changing ramp rates: the DefaultDERControl's setGradW (100) reaches"
                        + " the device, and a change to 250 is served in its place (with subscriptions: and notified)", "CSIP-AUS S-ALL-48; IEEE"
                        + " 2030.5-2018 DefaultDERControl.setGradW", Set.of(SepServerSuite.DEFAULT_CONTROL),
                        ScalingCases::sAll48));
    }

    private static void sAll47(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Instant start = SepCases.at(ctx, Duration.ZERO);
        Duration duration = Duration.ofMinutes(47);
        s.driver(ctx).createDerControl(ctx, new DerControlSpec(s.mainDevice(), DerMode.EXP_LIM_W, LARGE_W, start,
                duration, Duration.ZERO, false));
        boolean seen = false;
        String got = "none";
        for (Element d : CombinationCases.awaitInterval(ctx, c, start, duration)) {
            Element base = SepXml.child(d, "DERControlBase").orElse(d);
            var v = DerMode.EXP_LIM_W.read(base);
            if (v.isPresent()) {
                got = SepXml.child(base, DerMode.EXP_LIM_W.element()).map(e -> SepXml.text(e, "value").orElse("-")
                        + " x 10^" + SepXml.text(e, "multiplier").orElse("-")).orElse("-") + " = " + v.get();
                seen |= SepCases.close(v.get(), LARGE_W);
            }
        }
        SepCases.check(ctx, seen, SCALING, "DERControlBase/opModExpLimW", "opModExpLimW reads " + got
                + " W, expected " + LARGE_W + " (value x 10^multiplier)");
        if (ctx.target().declares(SepServerSuite.MIRROR_METERING)) {
            readings(ctx, s, c);
        } else {
            ctx.note("the target does not declare mirrorMetering: the readings part of S-ALL-47 is not run");
        }
        // DERSettings keep the device's multipliers: setMaxW 5 x 10^3 W reads back as sent (sep.der.read-back)
        long now = s.clock().instant().getEpochSecond();
        DerCases.putAndReadBack(ctx, c, DerCases.der(ctx, c), "DERSettingsLink", DerCases.derSettingsXml(now, 5)
                .replace("<setMaxW><multiplier>0</multiplier>", "<setMaxW><multiplier>3</multiplier>"));
    }

    /** A site mirror at powerOfTenMultiplier 1 takes 10000 (100 kW); a device mirror refuses 3 x 10^15 (Int48). */
    private static void readings(CaseContext ctx, SepSession s, SepClientHarness c) {
        c.endDevice();
        String list = c.link(c.dcap(), "MirrorUsagePointListLink");
        long now = s.clock().instant().getEpochSecond();
        String site = mirror(ctx, c, list, 1);
        SepReply ok = c.post("POST MirrorMeterReading (10000 x 10^1 W)", site, reading(site, now, "10000"));
        SepCases.check(ctx, ok.status() == 201 || ok.status() == 204, INT48, "POST " + site,
                "a reading of 10000 at powerOfTenMultiplier 1: expected 201 or 204, got " + ok.describe());
        String device = mirror(ctx, c, list, 0);
        SepReply big = c.send("POST MirrorMeterReading beyond Int48", "POST", device.split("#")[0], Map.of(),
                reading(device, now, BEYOND_INT48), false);
        SepCases.check(ctx, big.status() >= 400 && big.status() < 500, INT48, "POST " + device.split("#")[0],
                "a reading of " + BEYOND_INT48 + " (beyond Int48) must be refused with 4XX, got " + big.describe());
    }

    /** Creates a MirrorUsagePoint whose ReadingType has the multiplier; returns {@code location#readingMrid}. */
    private static String mirror(CaseContext ctx, SepClientHarness c, String list, int multiplier) {
        String mup = MeteringCases.mrid();
        String mmr = MeteringCases.mrid();
        SepReply created = c.post("POST MirrorUsagePoint (powerOfTenMultiplier " + multiplier + ")", list,
                MeteringCases.mirrorUsagePointXml(c, mup, mmr).replace("<powerOfTenMultiplier>0</powerOfTenMultiplier>",
                        "<powerOfTenMultiplier>" + multiplier + "</powerOfTenMultiplier>"));
        SepCases.check(ctx, created.status() == 201, MeteringCases.MIRROR, "POST " + list, "expected 201, got "
                + created.describe());
        return created.header("Location").orElseThrow(() -> ctx.fail(MeteringCases.MIRROR, "POST " + list,
                "201 without a Location header")) + "#" + mmr;
    }

    private static String reading(String target, long now, String value) {
        return "<MirrorMeterReading xmlns=\"" + SepXml.NS + "\"><mRID>" + target.split("#")[1] + "</mRID><Reading>"
                + "<timePeriod><duration>300</duration><start>" + (now - 300) + "</start></timePeriod><value>" + value
                + "</value></Reading></MirrorMeterReading>";
    }

    private static void sAll48(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        setAndRead(ctx, s, c, 100);
        if (!ctx.target().declares(SepServerSuite.SUBSCRIPTIONS)) {
            setAndRead(ctx, s, c, 250);
            return;
        }
        // the change also reaches a subscriber of the DefaultDERControl (IEEE 2030.5-2018 §5.6)
        Element program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        String name = "sall48-" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1 << 20);
        String sub = SubscriptionCases.subscribe(ctx, c, c.link(program, "DefaultDERControlLink"), name);
        try {
            setAndRead(ctx, s, c, 250);
            SubscriptionCases.awaitNotification(ctx, s, name, b -> b.replaceAll("\\s", "")
                    .contains("<setGradW>250</setGradW>"), "carrying setGradW 250");
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    private static void setAndRead(CaseContext ctx, SepSession s, SepClientHarness c, double gradW) {
        s.driver(ctx).setDefaultControl(ctx, s.mainDevice(), DerMode.RAMP_RATE, gradW);
        Element program = SubscriptionCases.driverProgram(ctx, c, s.driver(ctx));
        Element d = c.resource("GET DefaultDERControl", c.link(program, "DefaultDERControlLink"), "DefaultDERControl");
        var got = DerMode.RAMP_RATE.read(d);
        SepCases.check(ctx, got.map(v -> SepCases.close(v, gradW)).orElse(false), RAMP, SepXml.path(d) + "/setGradW",
                "setGradW " + got.map(String::valueOf).orElse("missing") + " after the driver set it to " + gradW);
    }
}
