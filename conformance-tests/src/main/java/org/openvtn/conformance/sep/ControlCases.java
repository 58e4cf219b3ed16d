package org.openvtn.conformance.sep;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.openvtn.conformance.CaseContext;
import org.w3c.dom.Element;

/**
 * FunctionSetAssignments, DERProgram and DERControl retrieval and event life cycle: CSIP CORE-010/011, CORE-012/013,
 * CORE-021, CORE-023; CSIP-AUS S-ALL-44, S-ALL-45 (IEEE 2030.5-2018 §6.5, §10.10 DER, EventStatus in sep.xsd).
 */
final class ControlCases {

    static final String FSA = "sep.fsa.retrievable";
    static final String STATUS = "sep.derc.status";
    static final String ACTIVE_LIST = "sep.derc.active-list";
    static final String DEFAULT = "sep.dderc.retrievable";
    static final String CANCELLED = "sep.derc.cancelled";
    static final String RANDOMIZE = "sep.derc.randomize";
    static final String SUPERSEDED = "sep.derc.superseded";
    static final String SAME = "sep.derc.same-resource";

    private ControlCases() {
    }

    static List<SepCase> cases() {
        return List.of(
                SepCase.must(List.of("CORE-010", "CORE-011"), "FunctionSetAssignments list and each assignment"
                                + " retrievable from the EndDevice, with the same mRID in list and resource",
                        "IEEE 2030.5-2018 §6.5 FunctionSetAssignments; CSIP CORE-010, CORE-011", Set.of(),
                        ControlCases::core010),
                SepCase.must(List.of("CORE-012", "CORE-013", "S-ALL-44"), "DERProgram and DERControl retrieval: a"
                                + " scheduled control is published Scheduled, a current one Active and in the active"
                                + " list, a cancelled one Cancelled; DefaultDERControl link answers",
                        "IEEE 2030.5-2018 §10.10 DER; sep.xsd EventStatus; CSIP CORE-012, CORE-013; CSIP-AUS S-ALL-44",
                        Set.of(), ControlCases::core012),
                SepCase.must(List.of("CORE-021", "S-ALL-45"), "Randomized event: randomizeStart published as"
                                + " requested; cancelled, it stays listed as Cancelled (with randomization)",
                        "sep.xsd RandomizableEvent, EventStatus 3; CSIP CORE-021; CSIP-AUS S-ALL-45", Set.of(),
                        ControlCases::core021),
                SepCase.must(List.of("CORE-023"), "Superseded event: an overlapping newer control of the same"
                                + " program and mode marks the older one Superseded",
                        "sep.xsd EventStatus 4 (Superseded); CSIP CORE-023", Set.of(SepServerSuite.SUPERSEDE),
                        ControlCases::core023));
    }

    private static void core010(CaseContext ctx, SepSession s) {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        if (s.driver(ctx) instanceof AdminSepDriver admin) {
            admin.programId(ctx);
        }
        Element edev = c.endDevice();
        String listHref = c.link(edev, "FunctionSetAssignmentsListLink");
        List<Element> fsas = c.items("GET FunctionSetAssignmentsList", listHref, "FunctionSetAssignmentsList");
        if (fsas.isEmpty()) {
            throw ctx.skip("no FunctionSetAssignments is assigned to the device; assign a program to it");
        }
        for (Element f : fsas) {
            String href = SepXml.attr(f, "href").orElse("");
            Element one = c.resource("GET FunctionSetAssignments", href, "FunctionSetAssignments");
            SepCases.check(ctx, SepXml.text(one, "mRID").equals(SepXml.text(f, "mRID")), FSA, SepXml.path(one),
                    "mRID " + SepXml.text(one, "mRID").orElse("-") + " differs from the list's "
                            + SepXml.text(f, "mRID").orElse("-"));
            SepCases.check(ctx, SepXml.child(one, "DERProgramListLink").isPresent()
                            || SepXml.child(one, "DemandResponseProgramListLink").isPresent()
                            || SepXml.children(one).stream().anyMatch(x -> x.getLocalName().endsWith("ListLink")),
                    FSA, SepXml.path(one), "the assignment links no function set");
        }
    }

    private static void core012(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        DerControlSpec future = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(50)),
                Duration.ofMinutes(30)).withValue(2100);
        DerControlSpec now = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofSeconds(-60)),
                Duration.ofHours(2)).withValue(2200);
        SepServerDriver.Handle hf = driver.createDerControl(ctx, future);
        driver.createDerControl(ctx, now);

        Element f = SepCases.awaitControl(ctx, c, future);
        SepCases.check(ctx, SepCases.status(f) == 0, STATUS, SepXml.path(f), "a control starting in 50 h has"
                + " currentStatus " + SepCases.status(f) + ", expected 0 (Scheduled)");
        String href = SepXml.attr(f, "href").orElse("");
        Element single = c.resource("GET DERControl", href, "DERControl");
        SepCases.check(ctx, SepXml.text(single, "mRID").equals(SepXml.text(f, "mRID")), SAME, SepXml.path(single),
                "the DERControl at its href has another mRID than the list item");

        Element a = SepCases.awaitControl(ctx, c, now);
        SepCases.check(ctx, SepCases.status(a) == 1, STATUS, SepXml.path(a), "a control that started 60 s ago has"
                + " currentStatus " + SepCases.status(a) + ", expected 1 (Active)");
        Element program = SepCases.programOf(c, a).orElseThrow(() -> ctx.fail(STATUS, "DERProgram",
                "no DERProgram lists the active control"));
        SepCases.check(ctx, SepXml.text(program, "primacy").isPresent(), STATUS, SepXml.path(program),
                "DERProgram has no primacy");
        String active = c.link(program, "ActiveDERControlListLink");
        List<Element> act = c.items("GET ActiveDERControlList", active, "DERControlList");
        String aHref = SepXml.attr(a, "href").orElse("");
        SepCases.check(ctx, act.stream().anyMatch(x -> SepXml.attr(x, "href").orElse("").equals(aHref)), ACTIVE_LIST,
                "ActiveDERControlList", "the active control " + aHref + " is not in the active list");
        SepCases.check(ctx, act.stream().noneMatch(x -> SepXml.attr(x, "href").orElse("").equals(href)), ACTIVE_LIST,
                "ActiveDERControlList", "the scheduled control " + href + " is in the active list");

        Optional<String> dderc = SepXml.link(program, "DefaultDERControlLink");
        if (dderc.isPresent()) {
            SepReply d = c.get("GET DefaultDERControl", dderc.get());
            boolean declared = s.target().declares(SepServerSuite.DEFAULT_CONTROL);
            SepCases.check(ctx, declared ? d.status() == 200 && d.root("DefaultDERControl").isPresent()
                            : d.status() == 200 || d.status() == 501, DEFAULT, "GET " + dderc.get(),
                    "DefaultDERControl answered " + d.describe() + (declared ? " (capability " + SepServerSuite
                            .DEFAULT_CONTROL + " declared: expected 200 DefaultDERControl)" : " (expected 200 or 501)"));
        }

        driver.cancel(ctx, hf);
        Element cancelled = SepCases.awaitControl(ctx, c, future);
        SepCases.check(ctx, SepCases.status(cancelled) == 2 || SepCases.status(cancelled) == 3, CANCELLED,
                SepXml.path(cancelled), "after cancellation currentStatus is " + SepCases.status(cancelled)
                        + ", expected 2 (Cancelled)");
    }

    private static void core021(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        DerControlSpec base = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofHours(60)),
                Duration.ofMinutes(30)).withValue(2300);
        DerControlSpec spec = new DerControlSpec(base.device(), mode, base.value(), base.start(), base.duration(),
                Duration.ofSeconds(120), false);
        SepServerDriver.Handle h = driver.createDerControl(ctx, spec);
        Element d = SepCases.awaitControl(ctx, c, spec);
        long rs = SepXml.number(d, "randomizeStart").orElse(0L);
        SepCases.check(ctx, rs == 120, RANDOMIZE, SepXml.path(d) + "/randomizeStart",
                "randomizeStart " + rs + ", requested 120");
        driver.cancel(ctx, h);
        Optional<Element> after = SepCases.findControl(ctx, c, spec, ctx.patience());
        SepCases.check(ctx, after.isPresent(), CANCELLED, "DERControlList", "the cancelled control is no longer"
                + " listed, but the server must keep it for the duration of the original event");
        after.ifPresent(x -> SepCases.check(ctx, SepCases.status(x) == 2 || SepCases.status(x) == 3, CANCELLED,
                SepXml.path(x), "after cancellation currentStatus is " + SepCases.status(x)
                        + ", expected 3 (Cancelled with Randomization) or 2"));
    }

    private static void core023(CaseContext ctx, SepSession s) throws Exception {
        SepClientHarness c = s.client(ctx, s.mainDevice());
        SepServerDriver driver = s.driver(ctx);
        DerMode mode = SepCases.mode(driver, DerMode.TARGET_W, DerMode.MAX_LIM_W);
        DerControlSpec older = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofSeconds(-600)),
                Duration.ofHours(1)).withValue(2400);
        DerControlSpec newer = SepCases.spec(s.mainDevice(), mode, SepCases.at(ctx, Duration.ofSeconds(-30)),
                Duration.ofHours(1)).withValue(2500);
        driver.createDerControl(ctx, older);
        driver.createDerControl(ctx, newer);
        SepCases.awaitControl(ctx, c, newer);
        Element o = SepCases.awaitControl(ctx, c, older);
        SepCases.check(ctx, SepCases.status(o) == 4, SUPERSEDED, SepXml.path(o), "the older control overlapped by a"
                + " newer active one of the same mode has currentStatus " + SepCases.status(o) + ", expected 4");
    }
}
