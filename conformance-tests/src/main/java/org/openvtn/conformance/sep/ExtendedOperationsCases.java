package org.openvtn.conformance.sep;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * CSIP-AUS S-ALL-50 "Extended Operations" (category "Ongoing Operations"): after registration, the suite simulates a
 * real client for a long period, once per cycle: discovery from DeviceCapability (its EndDevice must still be
 * registered), a new DERControl the driver schedules must be served (and, with {@code subscriptions}, notified), the
 * device answers it ({@code responses}) and posts a reading to its MirrorUsagePoint ({@code mirrorMetering}); the
 * control is then cancelled and the next cycle changes it again. Any error or missed control FAILs, naming the cycle.
 *
 * <p>The published procedure runs 4,320 cycles, one a minute (72 hours). Target properties: {@code extendedCycles}
 * (default {@value #DEFAULT_CYCLES}, for CI) and {@code extendedIntervalSeconds} (default
 * {@value #DEFAULT_INTERVAL}); a lab sets 4320 and 60, and a {@code --case-timeout} longer than the run.
 */
final class ExtendedOperationsCases {
    /** Every cycle still finds the client's own EndDevice (it is never de-registered). */
    static final String REGISTERED = "sep.extended.registered";
    /** Every cycle's new DERControl is served to the device by polling. */
    static final String CONTROL = "sep.extended.control-served";
    /** Every cycle's new DERControl reaches the DERControlList subscriber. */
    static final String NOTIFIED = "sep.extended.notified";
    /** Every cycle's response and reading are accepted. */
    static final String ACCEPTED = "sep.extended.accepted";
    static final String DEFAULT_CYCLES = "3";
    static final String DEFAULT_INTERVAL = "2";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ExtendedOperationsCases() {
    }

    static List<SepCase> cases() {
        return List.of(SepCase.must(List.of("S-ALL-50"), "Extended Operations: a client simulated for many cycles"
                        + " (discovery, a new DERControl each cycle served, notified and answered, readings posted)"
                        + " stays registered and misses no control",
                "CSIP-AUS S-ALL-50 (Ongoing Operations); IEEE 2030.5-2018 §5.5, §5.6", Set.of(),
                ExtendedOperationsCases::sAll50));
    }

    /** What one run carries from cycle to cycle. */
    private record Run(SepClientHarness client, SepServerDriver driver, DerMode mode, boolean responses,
                       Optional<String> mirror, Optional<String> subscription, String name, Instant base) {
    }

    private static void sAll50(CaseContext ctx, SepSession s) throws Exception {
        int cycles = Integer.parseInt(ctx.target().property("extendedCycles", DEFAULT_CYCLES));
        Duration every = Duration.ofSeconds(Long.parseLong(ctx.target().property("extendedIntervalSeconds",
                DEFAULT_INTERVAL)));
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = ctx.target().declares(SepServerSuite.CSIP_AUS)
                ? SepCases.mode(driver, DerMode.EXP_LIM_W, DerMode.TARGET_W, DerMode.MAX_LIM_W)
                : SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        driver.programMarker(ctx);
        c.endDevice();
        String list = c.link(SubscriptionCases.driverProgram(ctx, c, driver), "DERControlListLink");
        String name = "sall50-" + SEQ.incrementAndGet();
        Optional<String> sub = Optional.empty();
        if (ctx.target().declares(SepServerSuite.SUBSCRIPTIONS)) {
            Element listDoc = c.resource("GET DERControlList", list, "DERControlList");
            int limit = (int) Math.min(255, Math.max(10, SepXml.attr(listDoc, "all").map(Long::parseLong).orElse(0L)
                    + 5));
            sub = Optional.of(SubscriptionCases.subscribe(ctx, c, list, name, limit));
        }
        // Each cycle's control starts before the previous one (far ahead), so it is the first of this run's
        // controls in the list and within the subscription's limit.
        Run run = new Run(c, driver, mode, ctx.target().declares(SepServerSuite.RESPONSES), mirror(ctx, c), sub, name,
                SepCases.at(ctx, Duration.ofDays(60)));
        ctx.note(cycles + " cycles every " + every + " (the procedure: 4320 every 60 s)");
        try {
            for (int i = 1; i <= cycles; i++) {
                long next = System.nanoTime() + every.toNanos();
                cycle(ctx, s, run, i);
                long wait = next - System.nanoTime();
                if (i < cycles && wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // the client's polling period: nothing to wait for
                }
            }
        } finally {
            run.subscription().ifPresent(h -> c.send("DELETE Subscription", "DELETE", h, Map.of(), null, true));
        }
    }

    /** The device's MirrorUsagePoint for this run (with {@code mirrorMetering}). */
    private static Optional<String> mirror(CaseContext ctx, SepClientHarness c) {
        if (!ctx.target().declares(SepServerSuite.MIRROR_METERING)) {
            return Optional.empty();
        }
        String list = c.link(c.dcap(), "MirrorUsagePointListLink");
        String mmr = MeteringCases.mrid();
        SepReply r = c.post("POST MirrorUsagePoint", list, MeteringCases.mirrorUsagePointXml(c, MeteringCases.mrid(),
                mmr));
        SepCases.check(ctx, r.status() == 201, ACCEPTED, "POST " + list, "expected 201, got " + r.describe());
        String at = r.header("Location").orElseThrow(() -> ctx.fail(ACCEPTED, "POST " + list,
                "201 without a Location header"));
        return Optional.of(at + "\n" + mmr);
    }

    private static void cycle(CaseContext ctx, SepSession s, Run run, int i) throws Exception {
        SepClientHarness c = run.client();
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        if (c.ownIn(c.items("GET EndDeviceList (cycle " + i + ")", edevList, "EndDeviceList")).isEmpty()) {
            throw ctx.fail(REGISTERED, "EndDeviceList", "cycle " + i + ": the client's EndDevice is no longer listed");
        }
        Element edev = c.endDevice();
        SepCases.check(ctx, !"false".equals(SepXml.text(edev, "enabled").orElse("true")), REGISTERED,
                SepXml.path(edev) + "/enabled", "cycle " + i + ": the client's EndDevice says enabled false");
        DerControlSpec base = SepCases.spec(s.mainDevice(), run.mode(), run.base().minus(Duration.ofMinutes(2L * i)),
                Duration.ofMinutes(10));
        DerControlSpec spec = new DerControlSpec(base.device(), base.mode(), base.value() + i, base.start(),
                base.duration(), Duration.ZERO, run.responses());
        SepServerDriver.Handle handle = run.driver().createDerControl(ctx, spec);
        Element found = SepCases.findControl(ctx, c, spec, ctx.patience()).orElseThrow(() -> ctx.fail(CONTROL,
                "DERControlList", "cycle " + i + ": the new DERControl (" + spec.mode().element() + "="
                        + spec.value() + ", start " + spec.startSeconds() + ") was not served within "
                        + ctx.patience()));
        if (run.subscription().isPresent()) {
            String start = "<start>" + spec.startSeconds() + "</start>";
            if (s.listener().await(r -> r.path().equals("/ntfy/" + run.name()) && r.body().contains(start),
                    ctx.patience()).isEmpty()) {
                throw ctx.fail(NOTIFIED, "/ntfy/" + run.name(), "cycle " + i + ": no Notification of the"
                        + " DERControlList with the new control arrived within " + ctx.patience());
            }
        }
        if (run.responses()) {
            String replyTo = SepXml.attr(found, "replyTo").orElseThrow(() -> ctx.fail(ResponseCases.REPLY_TO,
                    SepXml.path(found), "cycle " + i + ": a control that requires responses has no replyTo"));
            SepReply r = c.post("POST DERControlResponse (cycle " + i + ")", replyTo,
                    ResponseCases.responseXml(c, SepXml.text(found, "mRID").orElse(""), 1));
            SepCases.check(ctx, r.status() == 201 || r.status() == 204, ACCEPTED, "POST " + replyTo, "cycle " + i
                    + ": the response answered " + r.describe() + ", expected 201");
        }
        if (run.mirror().isPresent()) {
            String[] m = run.mirror().get().split("\n");
            long now = s.clock().instant().getEpochSecond();
            SepReply r = c.post("POST MirrorMeterReading (cycle " + i + ")", m[0], "<MirrorMeterReading xmlns=\""
                    + SepXml.NS + "\"><mRID>" + m[1] + "</mRID><Reading><timePeriod><duration>60</duration><start>"
                    + (now - 60) + "</start></timePeriod><value>" + (1000 + i) + "</value></Reading>"
                    + "</MirrorMeterReading>");
            SepCases.check(ctx, r.status() == 201 || r.status() == 204, ACCEPTED, "POST " + m[0], "cycle " + i
                    + ": the reading answered " + r.describe() + ", expected 201 or 204");
        }
        run.driver().cancel(ctx, handle);
    }
}
