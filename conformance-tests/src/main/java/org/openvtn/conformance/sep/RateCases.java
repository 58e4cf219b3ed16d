package org.openvtn.conformance.sep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Rates the server sets for its clients (IEEE 2030.5-2018 §5.7 polling: pollRate, "the default polling rate for this
 * resource and all resources below it", default 900 s; MirrorUsagePoint.postRate): CSIP-AUS S-ALL-43 "Update Poll
 * Rates" and S-OPT-05 "Update Telemetry Post Rates". The driver changes the rates; the device sees the new value on
 * its next read of the resource.
 */
final class RateCases {
    /** A pollRate the driver set is served on the resource. */
    static final String POLL_RATE = "sep.pollRate.updated";
    /** A postRate the driver set is served on the device's MirrorUsagePoint. */
    static final String POST_RATE = "sep.postRate.updated";
    /** pollRate when the attribute is absent (sep.xsd default). */
    private static final long DEFAULT_POLL = 900;

    private RateCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("S-ALL-43"), "Update Poll Rates: the pollRates the utility sets on"
                                + " DeviceCapability, EndDeviceList, FunctionSetAssignmentsList (300 s, then 60 s) and"
                                + " DERProgramList, DERList, MirrorUsagePointList (60 s, then 120 s) are served",
                        "IEEE 2030.5-2018 §5.7; CSIP-AUS S-ALL-43", Set.of(SepServerSuite.RATES), RateCases::sAll43),
                SepCase.must(List.of("S-OPT-05"), "Update Telemetry Post Rates: the postRate the utility sets for the"
                                + " client's MirrorUsagePoints (60 s, then 300 s) is served on its MirrorUsagePoint",
                        "IEEE 2030.5-2018 Metering Mirror (MirrorUsagePoint.postRate); CSIP-AUS S-OPT-05",
                        Set.of(SepServerSuite.RATES, SepServerSuite.MIRROR_METERING), RateCases::sOpt05));
    }

    private static void sAll43(CaseContext ctx, SepSession s) throws InterruptedException {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        Element edev = c.endDevice();
        Element dcap = c.dcap();
        Element fsa = c.items("GET FunctionSetAssignmentsList", c.link(edev, "FunctionSetAssignmentsListLink"),
                "FunctionSetAssignmentsList").stream().filter(f -> SepXml.link(f, "DERProgramListLink").isPresent())
                .findFirst().orElseThrow(() -> ctx.skip("no FunctionSetAssignments with a DERProgramList"));
        Map<String, String> hrefs = new LinkedHashMap<>();
        hrefs.put("DeviceCapability", s.dcap().toString());
        hrefs.put("EndDeviceList", c.link(dcap, "EndDeviceListLink"));
        hrefs.put("FunctionSetAssignmentsList", c.link(edev, "FunctionSetAssignmentsListLink"));
        hrefs.put("DERProgramList", c.link(fsa, "DERProgramListLink"));
        hrefs.put("DERList", c.link(edev, "DERListLink"));
        hrefs.put("MirrorUsagePointList", c.link(dcap, "MirrorUsagePointListLink"));
        SepServerDriver driver = s.driver(ctx);
        try {
            // (A) precondition of the procedure, then (1)..(6)
            for (long[] step : new long[][] {{300, 60}, {60, 120}}) {
                int i = 0;
                for (Map.Entry<String, String> e : hrefs.entrySet()) {
                    long want = i++ < 3 ? step[0] : step[1];
                    driver.setPollRate(ctx, e.getKey(), want);
                    awaitRate(ctx, c, e.getKey(), e.getValue(), want, POLL_RATE, r -> SepXml.attr(r, "pollRate")
                            .map(Long::parseLong).orElse(DEFAULT_POLL), "pollRate");
                }
            }
        } finally {
            for (String type : hrefs.keySet()) {
                driver.clearPollRate(ctx, type);
            }
        }
    }

    private static void sOpt05(CaseContext ctx, SepSession s) throws InterruptedException {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        c.endDevice();
        String list = c.link(c.dcap(), "MirrorUsagePointListLink");
        SepReply created = c.post("POST MirrorUsagePoint", list, MeteringCases.mirrorUsagePointXml(c,
                MeteringCases.mrid(), MeteringCases.mrid()));
        c.expect(created, 201, null);
        String mup = created.header("Location").orElseThrow(() -> ctx.fail(MeteringCases.MIRROR, "POST " + list,
                "201 without a Location header"));
        SepServerDriver driver = s.driver(ctx);
        try {
            for (long want : new long[] {60, 300}) {
                driver.setPostRate(ctx, s.mainDevice(), want);
                awaitRate(ctx, c, "MirrorUsagePoint", mup, want, POST_RATE, r -> SepXml.number(r, "postRate")
                        .orElse(-1L), "postRate");
            }
        } finally {
            driver.clearPostRate(ctx, s.mainDevice());
        }
    }

    /**
     * Reads the resource until it carries the wanted rate (a device reads it again at its poll rate; the target may
     * apply the change on its own time) or the case's patience runs out: FAIL with the last value seen.
     */
    private static void awaitRate(CaseContext ctx, SepClientHarness c, String type, String href, long want,
                                  String rule, Function<Element, Long> read, String what) throws InterruptedException {
        long deadline = System.nanoTime() + ctx.patience().toNanos();
        while (true) {
            Element r = c.resource("GET " + type, href, type);
            long got = read.apply(r);
            if (got == want) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw ctx.fail(rule, SepXml.path(r) + "/" + what, type + " " + href + " serves " + what + " "
                        + (got < 0 ? "(none)" : got) + " after the utility set " + want + " s (within "
                        + ctx.patience() + ")");
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    /** @return the first element of {@code items} whose href or mRID contains {@code marker} */
    static Optional<Element> marked(List<Element> items, String marker) {
        return items.stream().filter(p -> SepXml.attr(p, "href").orElse("").contains(marker)
                || SepXml.text(p, "mRID").orElse("").contains(marker)).findFirst();
    }
}
