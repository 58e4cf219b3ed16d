package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.openvtn.certs.identity.SepIdentity;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * Programs and registration policy: CSIP-AUS S-ALL-49 "Multiple DER Programs" (two FunctionSetAssignments, each with a
 * DERProgram of its own primacy; IEEE 2030.5-2018 §10.10 DERProgram.primacy, lower value = higher priority) and
 * S-OPT-01 "Discovery Rejecting In-Band Registration" (a server that only knows EndDevices the utility provisioned);
 * SunSpec CSIP BASIC-016 (two programs, two DefaultDERControls: the server's part, each program's primacy and default).
 */
final class ProgramCases {
    static final String PRIMACY = "sep.derp.primacy";
    static final String SEPARATE_FSA = "sep.derp.own-fsa";
    static final String PRIMACY_NOTIFIED = "sep.derp.primacy-notified";
    static final String IN_BAND_REFUSED = "sep.registration.in-band-refused";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private ProgramCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("S-ALL-49"), "Multiple DER Programs: two FunctionSetAssignments, each with one"
                                + " DERProgram (primacy 1 with a DefaultDERControl, primacy 2 with an active control);"
                                + " a primacy change is served and notified to the DERProgramList's subscribers",
                        "IEEE 2030.5-2018 §10.10 (DERProgram.primacy), §5.6; CSIP-AUS S-ALL-49",
                        Set.of(SepServerSuite.PROGRAMS, SepServerSuite.DEFAULT_CONTROL), ProgramCases::sAll49),
                SepCase.must(List.of("BASIC-016"), "Two DER programs, two DefaultDERControls, no control: each"
                                + " program is served with the primacy the utility set and its own DefaultDERControl",
                        "IEEE 2030.5-2018 §10.10 (DERProgram.primacy, DefaultDERControl); SunSpec CSIP BASIC-016 (the"
                                + " server's part: the device then follows the primacy-1 default)",
                        Set.of(SepServerSuite.PROGRAMS, SepServerSuite.DEFAULT_CONTROL), ProgramCases::basic016),
                SepCase.must(List.of("S-OPT-01"), "Discovery Rejecting In-Band Registration: the provisioned"
                                + " EndDevice is found, a POST of it again and a POST by an unprovisioned device are"
                                + " refused with a 4XX and create nothing",
                        "IEEE 2030.5-2018 §6.3, §8.3; CSIP-AUS S-OPT-01",
                        Set.of(SepServerSuite.OUT_OF_BAND_ONLY, SepServerSuite.REGISTRATION), ProgramCases::sOpt01));
    }

    private static void sAll49(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver first = s.driver(ctx);
        SepServerDriver second = first.program(ctx, "conformance-sep-2");
        DerMode mode = ctx.target().declares(SepServerSuite.CSIP_AUS)
                ? SepCases.mode(first, DerMode.EXP_LIM_W, DerMode.MAX_LIM_W) : SepCases.mode(first, DerMode.MAX_LIM_W);
        first.setPrimacy(ctx, 1);
        second.setPrimacy(ctx, 2);
        double defaultValue = mode == DerMode.EXP_LIM_W ? 3000 : 30;
        first.setDefaultControl(ctx, s.mainDevice(), mode, defaultValue);
        DerControlSpec spec = new DerControlSpec(s.mainDevice(), mode, mode == DerMode.EXP_LIM_W ? 20000 : 100,
                SepCases.at(ctx, Duration.ZERO), Duration.ofMinutes(20), Duration.ZERO, false);
        SepServerDriver.Handle handle = second.createDerControl(ctx, spec);
        try {
            Element p1 = program(ctx, c, first);
            Element p2 = program(ctx, c, second);
            primacy(ctx, p1, 1);
            primacy(ctx, p2, 2);
            SepReply dd = c.get("GET DefaultDERControl of DERProgram 1", c.link(p1, "DefaultDERControlLink"));
            Element d = c.expect(dd, 200, "DefaultDERControl");
            SepCases.check(ctx, mode.read(SepXml.child(d, "DERControlBase").orElse(d))
                    .map(v -> SepCases.close(v, defaultValue)).orElse(false), ModeCases.VALUE, SepXml.path(d),
                    "the DefaultDERControl of the primacy-1 program does not carry " + mode.element() + " = "
                            + defaultValue);
            boolean found = c.items("GET DERControlList of DERProgram 2", c.link(p2, "DERControlListLink"),
                    "DERControlList").stream().anyMatch(x -> SepCases.matches(x, spec));
            SepCases.check(ctx, found, SepCases.PUBLISHED, "DERControlList", "the primacy-2 program does not list the"
                    + " control (" + mode.element() + " = " + spec.value() + ")");
            if (ctx.target().declares(SepServerSuite.SUBSCRIPTIONS)) {
                primacyNotified(ctx, s, c, second);
            }
        } finally {
            second.cancel(ctx, handle);
            second.setPrimacy(ctx, 2);
        }
    }

    /**
     * CSIP BASIC-016: primacy 1 and 2 on two programs, a DefaultDERControl of one mode with a different value on
     * each; the device must find both programs with those primacies and each default with its own value.
     */
    private static void basic016(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver first = s.driver(ctx);
        SepServerDriver second = first.program(ctx, "conformance-sep-2");
        DerMode mode = ctx.target().declares(SepServerSuite.CSIP_AUS)
                ? SepCases.mode(first, DerMode.EXP_LIM_W, DerMode.MAX_LIM_W) : SepCases.mode(first, DerMode.MAX_LIM_W);
        double[] values = mode == DerMode.EXP_LIM_W ? new double[] {3300, 2200} : new double[] {45, 35};
        SepServerDriver[] drivers = {first, second};
        for (int i = 0; i < 2; i++) {
            drivers[i].setPrimacy(ctx, i + 1);
            drivers[i].setDefaultControl(ctx, s.mainDevice(), mode, values[i]);
        }
        Element[] programs = new Element[2];
        for (int i = 0; i < 2; i++) {
            programs[i] = program(ctx, c, drivers[i]);
            primacy(ctx, programs[i], i + 1);
        }
        for (int i = 0; i < 2; i++) {
            Element d = c.expect(c.get("GET DefaultDERControl of DERProgram " + (i + 1),
                    c.link(programs[i], "DefaultDERControlLink")), 200, "DefaultDERControl");
            double want = values[i];
            SepCases.check(ctx, mode.read(SepXml.child(d, "DERControlBase").orElse(d))
                    .map(v -> SepCases.close(v, want)).orElse(false), ModeCases.VALUE, SepXml.path(d), "the"
                    + " DefaultDERControl of the primacy-" + (i + 1) + " program does not carry " + mode.element()
                    + " = " + want);
        }
    }

    /** Subscribes to the second program's DERProgramList, changes its primacy, awaits the notification. */
    private static void primacyNotified(CaseContext ctx, SepSession s, SepClientHarness c, SepServerDriver second)
            throws InterruptedException {
        String list = programList(ctx, c, second);
        String name = "sall49-" + SEQ.incrementAndGet();
        String sub = SubscriptionCases.subscribe(ctx, c, list, name);
        try {
            second.setPrimacy(ctx, 3);
            Element n = SubscriptionCases.awaitNotification(ctx, s, name, b -> b.contains("<primacy>3</primacy>"),
                    "of the DERProgramList after its program's primacy changed to 3");
            SepCases.check(ctx, SepXml.text(n, "subscribedResource").map(r -> s.resolve(r).equals(s.resolve(list)))
                    .orElse(false), PRIMACY_NOTIFIED, SepXml.path(n) + "/subscribedResource", "subscribedResource "
                    + SepXml.text(n, "subscribedResource").orElse("(none)") + ", subscribed " + list);
            primacy(ctx, program(ctx, c, second), 3);
        } finally {
            c.send("DELETE Subscription", "DELETE", sub, Map.of(), null, true);
        }
    }

    /** The href of the DERProgramList (of its own FunctionSetAssignments) that holds the driver's program. */
    private static String programList(CaseContext ctx, SepClientHarness c, SepServerDriver driver) {
        String marker = driver.programMarker(ctx).orElseThrow(() -> ctx.skip("the driver cannot name its program"));
        for (Element fsa : c.items("GET FunctionSetAssignmentsList", c.link(c.endDevice(),
                "FunctionSetAssignmentsListLink"), "FunctionSetAssignmentsList")) {
            Optional<String> derp = SepXml.link(fsa, "DERProgramListLink");
            if (derp.isPresent() && RateCases.marked(c.items("GET DERProgramList", derp.get(), "DERProgramList"),
                    marker).isPresent()) {
                return derp.get();
            }
        }
        throw ctx.fail(SEPARATE_FSA, "FunctionSetAssignmentsList", "no FunctionSetAssignments lists the program "
                + marker);
    }

    /** The driver's DERProgram as the device finds it; FAIL when it shares a FunctionSetAssignments. */
    private static Element program(CaseContext ctx, SepClientHarness c, SepServerDriver driver) {
        String list = programList(ctx, c, driver);
        List<Element> items = c.items("GET DERProgramList", list, "DERProgramList");
        SepCases.check(ctx, items.size() == 1, SEPARATE_FSA, "DERProgramList " + list, items.size()
                + " DERPrograms in the FunctionSetAssignments of " + driver.programMarker(ctx).orElse("?")
                + "; each program is configured under a FunctionSetAssignments of its own");
        return RateCases.marked(items, driver.programMarker(ctx).orElse("")).orElseThrow();
    }

    private static void primacy(CaseContext ctx, Element program, long want) {
        long got = SepXml.number(program, "primacy").orElse(-1L);
        SepCases.check(ctx, got == want, PRIMACY, SepXml.path(program) + "/primacy", "DERProgram "
                + SepXml.attr(program, "href").orElse("?") + " has primacy " + got + ", the utility set " + want);
    }

    private static void sOpt01(CaseContext ctx, SepSession s) {
        SepServerDriver driver = s.driver(ctx);
        driver.provisionPin(ctx, s.mainDevice(), SepIdentity.pinWithCheckDigit(11223));
        SepClientHarness c = s.client(ctx, s.mainDevice());
        String edevList = c.link(c.dcap(), "EndDeviceListLink");
        SepCases.check(ctx, c.ownIn(c.items("GET EndDeviceList", edevList, "EndDeviceList")).isPresent(),
                IN_BAND_REFUSED, "EndDeviceList", "the EndDevice the utility provisioned is not listed");
        refused(ctx, c, edevList, "the provisioned device POSTing its EndDevice again");
        Optional<DeviceIdentity> other = s.otherDevice(0);
        if (other.isEmpty()) {
            ctx.note("no second device in pkiDir: the POST of an unprovisioned device is not exercised");
            return;
        }
        SepClientHarness them = s.client(ctx, other.get());
        refused(ctx, them, them.link(them.dcap(), "EndDeviceListLink"), "a device the utility did not provision");
    }

    /** A POST of the client's own EndDevice is refused with a 4XX and the EndDeviceList does not grow. */
    private static void refused(CaseContext ctx, SepClientHarness c, String edevList, String who) {
        int before = c.items("GET EndDeviceList", edevList, "EndDeviceList").size();
        SepReply r = c.post("POST EndDevice (" + who + ")", edevList, c.endDeviceXml(c.identity().lfdi(),
                c.identity().sfdi()));
        SepCases.check(ctx, r.status() >= 400 && r.status() < 500, IN_BAND_REFUSED, "POST " + edevList,
                "in-band registration by " + who + " must be refused with a 4XX, got " + r.describe());
        int after = c.items("GET EndDeviceList", edevList, "EndDeviceList").size();
        SepCases.check(ctx, after == before, IN_BAND_REFUSED, "EndDeviceList", "the EndDeviceList of " + who
                + " grew from " + before + " to " + after + " after the refused POST");
    }
}
